// Whether code the package runs loads a folder discovery took for maintainers' tooling by its name
// (`build/lib/scripts/`, whose backup steps iobroker.backitup's execute.js requires one by one):
// then the folder is runtime code, whatever it is called.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files larger than this are not read for their imports: a bundle loads no tooling folder by path. */
const MAX_SCANNED_BYTES = 1024 * 1024;

/** Config files of build and dev tools (`webpack.config.js`, `gulpfile.js`, `.eslintrc.js`): tooling that may load tooling. */
const TOOL_CONFIG = /(^|[.-])config\.[cm]?[jt]s$|^(gulpfile|gruntfile|jakefile)\.[cm]?[jt]s$|^\./i;

/** A `require(…)` or `import(…)` of a computed path: a module loaded by a name made at run time. */
const COMPUTED_LOAD = /\brequire\s*\(\s*[^'"\s)]|\bimport\s*\(\s*[^'"\s)]/;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * How `loader`'s text refers to a module in `folder`: a relative `require`/`import` of it
 * (`require('./scripts/01-mount')`, `import('../scripts/x.js')`, `new URL('./scripts/', import.meta.url)`),
 * or a path to it built from the module's own folder (`` `${__dirname}/scripts` ``,
 * `path.join(__dirname, 'scripts')`) in a file that loads a computed path.
 */
function loadPatterns(loader: string, folder: string): { literal: RegExp; built: RegExp } {
  const rel = path.relative(path.dirname(loader), folder).split(path.sep).join('/');
  const dotted = escape(rel.startsWith('.') ? rel : `./${rel}`);
  const bare = rel.startsWith('.') ? escape(rel) : `(?:\\./)?${escape(rel)}`;
  const here = '(?:__dirname|import\\.meta\\.dirname)';
  return {
    literal: new RegExp(`(?:\\brequire\\s*\\(|\\bfrom|\\bimport\\s*\\(|\\bnew URL\\s*\\()\\s*['"\`]${dotted}(?:/[^'"\`]*)?['"\`]`),
    built: new RegExp(`\\$\\{${here}\\}/${bare}(?![\\w.-])|${here}\\s*\\+\\s*['"\`]/${bare}(?![\\w.-])|\\b(?:join|resolve)\\(\\s*${here}\\s*,\\s*['"\`]${bare}(?![\\w.-])`),
  };
}

/** The folders among `folders` that the script `loader` (a linted module, not a tool's config) loads a module from. */
export function foldersLoadedBy(loader: string, folders: readonly string[]): string[] {
  if (TOOL_CONFIG.test(path.basename(loader))) return [];
  let text: string;
  try {
    const st = fs.statSync(loader);
    if (!st.isFile() || st.size > MAX_SCANNED_BYTES) return [];
    text = fs.readFileSync(loader, 'utf8');
  } catch {
    return [];
  }
  return folders.filter((folder) => {
    if (!text.includes(path.basename(folder))) return false;
    const { literal, built } = loadPatterns(loader, folder);
    return literal.test(text) || (built.test(text) && COMPUTED_LOAD.test(text));
  });
}
