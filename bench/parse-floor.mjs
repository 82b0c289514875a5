// The floor any TypeScript-AST linter stands on: read every file and `ts.createSourceFile` it
// (the TypeScript that ts-morph bundles, as stability-lint uses), nothing else. With
// --workers n the list is split over n worker threads the same way the linter splits it.
// Usage: node bench/parse-floor.mjs <files.json> [--workers n] [--walk]
//   --walk  also visits every node with ts.forEachChild (the cost of one shared walk)
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);

function parseAll(files, walk) {
  const { ts } = require('ts-morph');
  let nodes = 0;
  const visit = (node) => {
    nodes++;
    ts.forEachChild(node, visit);
  };
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, kind);
    if (walk) visit(sf);
  }
  return nodes;
}

if (isMainThread) {
  const args = process.argv.slice(2);
  const listFile = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  const wi = args.indexOf('--workers');
  const workers = wi === -1 ? 1 : Number(args[wi + 1]);
  const walk = args.includes('--walk');
  const files = JSON.parse(fs.readFileSync(listFile, 'utf8'));
  if (workers <= 1) {
    parseAll(files, walk);
  } else {
    // Interleaved shares, as engine/worker-pool.ts deals files.
    const shares = Array.from({ length: workers }, (_, w) => files.filter((_, i) => i % workers === w));
    await Promise.all(shares.map((share) => new Promise((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { files: share, walk } });
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
    })));
  }
} else {
  parseAll(workerData.files, workerData.walk);
  parentPort.close();
}
