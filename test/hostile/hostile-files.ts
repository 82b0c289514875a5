// Files a linter meets in the wild or from an attacker: binary, broken encodings, nesting deep
// enough to overflow a stack, huge files, odd file types, package.json that is not an object.
// Shared by the CLI hostile-input suite and the big-folder check (scripts/fuzz.ts).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEEP = 20_000;

const deep = (open: string, middle: string, close: string, n = DEEP) => `${open.repeat(n)}${middle}${close.repeat(n)}`;

/** Relative path -> content: every hostile file that is a plain file. */
export function hostileFiles(): Record<string, string | Buffer> {
  const big: Record<string, unknown> = { name: 'huge', scripts: { start: 'node a.js' }, pad: Array.from({ length: 250_000 }, (_, i) => `item-${i}-${'x'.repeat(30)}`) };
  return {
    'package.json': '{ "name": "hostile", "scripts": { "start": "node server.js" } }\n',
    'src/binary.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 255, 254]),
    'src/nul-late.js': `${'const a = 1;\n'.repeat(1000)}const b = "\u0000";\nfetch('/x');\n`,
    'src/invalid-utf8.js': Buffer.concat([Buffer.from('const s = "'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]), Buffer.from('";\nfetch(\'/x\');\n')]),
    'src/utf16.js': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("fetch('/x');\n", 'utf16le')]),
    'src/utf8-bom.js': "\ufefffetch('/x');\n",
    'src/crlf.js': "const a = 1;\r\n\r\nfetch('/x');\r\n",
    'src/deep-expr.ts': `const x = ${deep('(\n', '1', ')\n')};\nfetch('/x');\n`,
    'src/deep-type.ts': `type T = ${deep('Array<\n', 'string', '>\n')};\nfetch('/x');\n`,
    'src/deep-jsx.tsx': `const x = ${deep('<a>\n', '', '</a>\n')};\nfetch('/x');\n`,
    'src/deep-template.ts': `const x = ${deep('`${\n', '1', '}`\n')};\nfetch('/x');\n`,
    'src/too-deep.ts': `const x = ${deep('(\n', '1', ')\n', 300_000)};\n`,
    'src/many-functions.js': `${Array.from({ length: 60_000 }, (_, i) => `function f${i}() {}\n`).join('')}fetch('/x');\n`,
    'src/one-line.js': `var a = [${Array.from({ length: 170_000 }, (_, i) => i).join(',')}];\n`,
    'src/syntax-error.ts': 'const = ;\n',
    'src/half-typed.ts': 'export async function f() {\n  await fetch(',
    'src/empty.ts': '',
    'bad-pkg/array/package.json': '[1, 2, 3]\n',
    'bad-pkg/array/index.js': "fetch('/x');\n",
    'bad-pkg/string/package.json': '"hello"\n',
    'bad-pkg/string/index.js': "fetch('/x');\n",
    'bad-pkg/null/package.json': 'null\n',
    'bad-pkg/null/index.js': "fetch('/x');\n",
    'bad-pkg/broken/package.json': '{ "name": "x", "scripts": { "start": ',
    'bad-pkg/broken/index.js': "fetch('/x');\n",
    'bad-pkg/scripts-array/package.json': '{ "name": "x", "scripts": ["nodemon"], "main": 5 }\n',
    'bad-pkg/scripts-array/index.js': "fetch('/x');\n",
    'bad-pkg/huge/package.json': JSON.stringify(big),
    'bad-pkg/huge/index.js': "fetch('/x');\n",
    'unreadable/secret.js': "fetch('/x');\n",
  };
}

/** Writes the hostile files into `dir`, with the special ones: symlink loops, a dangling link, an unreadable file, a FIFO. */
export function writeHostile(dir: string): void {
  for (const [rel, content] of Object.entries(hostileFiles())) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  fs.mkdirSync(path.join(dir, 'links'), { recursive: true });
  fs.symlinkSync('loop-a.js', path.join(dir, 'links/loop-b.js'));
  fs.symlinkSync('loop-b.js', path.join(dir, 'links/loop-a.js'));
  fs.symlinkSync('..', path.join(dir, 'links/parent'));
  fs.symlinkSync('missing.js', path.join(dir, 'links/dangling.js'));
  fs.chmodSync(path.join(dir, 'unreadable/secret.js'), 0);
  execFileSync('mkfifo', [path.join(dir, 'src/fifo.js')]);
}

/** The files of `hostileFiles` a run discovers: the odd ones (links, the FIFO) are not files to lint. */
export function lintableHostile(): string[] {
  return Object.keys(hostileFiles()).sort();
}
