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

// Runs the tasks at most `limit` at a time, in order, and resolves with all their results.
function promiseLimit(tasks, limit = 5) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  return Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker)).then(() => results);
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
  return promiseLimit(tarballs.map(({ url }) => () => downloadFileAsync(url, { directory })));
}

module.exports = { downloadFromPackageLock };
