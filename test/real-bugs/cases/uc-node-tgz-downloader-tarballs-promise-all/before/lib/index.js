const fs = require('fs');
const path = require('path');
const request = require('request');

function downloadFileAsync(uri, { directory }) {
  return new Promise((resolve, reject) => {
    const filepath = path.join(directory, path.basename(uri));
    const file = fs.createWriteStream(filepath);
    request.get(uri, { timeout: 30_000 })
      .on('error', reject)
      .pipe(file)
      .on('finish', () => resolve(filepath));
  });
}

function enumerateDependencies(tarballs, dependencies) {
  for (const [name, dep] of Object.entries(dependencies || {})) {
    if (dep.resolved) tarballs.push({ name, url: dep.resolved });
    if (dep.dependencies) enumerateDependencies(tarballs, dep.dependencies);
  }
}

async function downloadFromPackageLock(packageLockPath, directory) {
  const packageLock = JSON.parse(fs.readFileSync(packageLockPath, 'utf8'));
  const tarballs = [];
  enumerateDependencies(tarballs, packageLock.dependencies);
  return Promise.all(tarballs.map(({ url }) => downloadFileAsync(url, { directory })));
}

module.exports = { downloadFromPackageLock };
