// What a child process runs, read from the call (`exec('npm ci')`, `spawnSync('git', ['rev-parse',
// 'HEAD'])`), and whether a default kill suits it. A package manager or a build legitimately runs
// for minutes; a command the user hands in, or one that takes over the user's terminal, is theirs
// to stop; a local OS query or an init-system command answers from the machine itself. None of
// these is a wait on a peer that a timeout should cut short.
import { ts } from 'ts-morph';
import { findDeclaration } from '../../engine/scope';
import { propertyKey, unwrap, isConstDeclaration, isNeverReassigned } from '../shared/ast';
import { hasOwnEntry, ownEntry } from '../../engine/own-keys';
import { SKIP, STOP, walkTree, type WalkAnswer } from '../../engine/file-nodes';

/** Why a child process call needs no time bound of ours; undefined when it does. */
export type UnboundedByDesign = 'long-running' | 'local-query' | 'user-supplied' | 'interactive' | 'bounded-by-timeout-command' | 'bounds-itself';

/** In a table of sub-commands: the program run with no arguments at all. */
const BARE = '';

/** Programs whose every use may legitimately run for minutes: package managers, compilers, builds. */
const LONG_RUNNING: Record<string, true | readonly string[]> = {
  npm: true, npx: true, yarn: true, pnpm: true, pnpx: true, bun: true, bunx: true, corepack: true,
  apt: true, 'apt-get': true, aptitude: true, yum: true, dnf: true, apk: true, brew: true, port: true, pacman: true, zypper: true,
  snap: true, choco: true, winget: true, pip: true, pip3: true, pipx: true, gem: true, bundle: true, composer: true, conda: true,
  cargo: true, rustup: true, make: true, cmake: true, ninja: true, gradle: true, gradlew: true, mvn: true, mvnw: true, ant: true,
  msbuild: true, bazel: true, tsc: true, webpack: true, rollup: true, esbuild: true, tsup: true, parcel: true, babel: true,
  gulp: true, grunt: true, 'electron-builder': true, 'node-gyp': true,
  // Archives: as long as what they pack or unpack is big.
  tar: true, zip: true, unzip: true, gzip: true, gunzip: true, '7z': true, xz: true,
  unxz: true, bzip2: true, bunzip2: true, zstd: true, unzstd: true, lz4: true, cpio: true, rpm2cpio: true,
  // Copying a local file or disk image block by block (`dd if=… | xz -d | cpio -idmv`): as long as the file.
  dd: true,
  // Database dumps and restores: as long as the database (`pg_restore`, `influx restore`).
  pg_dump: true, pg_dumpall: true, pg_restore: true, mysqldump: true, 'mariadb-dump': true, mongodump: true, mongorestore: true,
  influx: ['restore', 'backup'], influxd: ['restore', 'backup'],
  // The ioBroker controller's own start script: restarting the whole system is legitimate long work.
  startIOB: true,
  nvm: ['install'], fnm: ['install'], volta: ['install'],
  go: ['build', 'install', 'get', 'mod', 'generate', 'test', 'vet'],
  dotnet: ['build', 'publish', 'restore', 'test'],
  docker: ['build', 'buildx', 'pull', 'push', 'save', 'load'],
  podman: ['build', 'pull', 'push', 'save', 'load'],
  vite: ['build'], next: ['build'], nuxt: ['build'], ng: ['build'],
};

/**
 * Programs that answer from the local machine at once: identity and platform queries, text
 * filters in a pipeline, and the init system (systemd and SysV bound their own jobs).
 */
const LOCAL_QUERIES: Record<string, true | readonly string[]> = {
  id: true, whoami: true, uname: true, hostname: true, groups: true, logname: true, nproc: true, arch: true, pwd: true, date: true,
  which: true, where: true, type: true, tty: true, locale: true, printenv: true, sw_vers: true, lsb_release: true,
  // The desktop's clipboard: read or written by a local tool that answers at once.
  xsel: true, xclip: true, pbpaste: true, pbcopy: true, 'wl-paste': true, 'wl-copy': true, clip: true,
  // WSL and Cygwin path and environment queries.
  wslinfo: true, wslpath: true, wslvar: true, cygpath: true,
  expr: true, echo: true, printf: true, true: true, false: true, test: true, wc: true, grep: true, egrep: true, fgrep: true,
  cut: true, tr: true, sort: true, uniq: true, head: true, basename: true, dirname: true, realpath: true, readlink: true,
  ps: true, pgrep: true, pidof: true, tasklist: true, wmic: true, findstr: true,
  systemctl: true, service: true, launchctl: true, 'rc-service': true, initctl: true, chkconfig: true, 'update-rc.d': true,
  crontab: true,
  // The local Docker daemon over its socket: a status query, not a pull or a build.
  docker: ['version', 'info', 'ps', 'images', 'inspect'],
  command: ['-v', '-V'],
  git: ['rev-parse', 'status', 'describe', 'log', 'show', 'branch', 'diff', 'config', 'rev-list', 'ls-files', 'symbolic-ref',
    'name-rev', 'cat-file', 'ls-tree', 'merge-base', 'for-each-ref', 'var', 'version', '--version', 'archive',
    // Two words: `git remote -v` lists the configured remotes; `git remote update` fetches, and stays reported.
    'remote -v', 'remote --verbose', 'remote get-url'],
  // Mercurial's queries of the working copy, as git's (codecov's `hg locate`, `hg branch`, `hg id -i`).
  hg: ['locate', 'files', 'branch', 'id', 'identify', 'log', 'root', 'status', 'parents', 'tip', 'paths', 'showconfig', 'config', 'version', '--version'],
  // Listing files of a local tree: `find <root> -name '*.lcov'`, Windows' `dir /b`.
  find: true, dir: true,
  // The local mount table (`mount | grep …`, `mount -l`); a mount with arguments may wait on an NFS or CIFS server.
  mount: [BARE, '-l'],
  // A lazy unmount detaches at once and cleans up later; a plain `umount` of a dead share can block, and stays reported.
  umount: ['-l', '--lazy'],
  // Redis commands that start a background job on the local server and return (`redis-cli bgrewriteaof`);
  // with `-h host` the first word is the host, not one of these, and the call stays reported.
  'redis-cli': ['bgrewriteaof', 'bgsave'],
};

/**
 * Database clients that, fed a file on stdin (`mysql db < dump.sql`), replay a whole dump: a
 * restore runs as long as the database is big. Without the redirect they run one query, and stay reported.
 */
const REPLAYS_STDIN_FILE = new Set(['mysql', 'mariadb', 'psql', 'sqlite3']);

/**
 * Programs that change this machine's own state, or read it, and return: users and groups, file
 * ownership, modes and copies, processes, the firewall, service registration, and queries of
 * ports and libraries. An install or setup command runs them once, by hand; they wait on no peer.
 */
const LOCAL_ADMIN: Record<string, true | readonly string[]> = {
  useradd: true, usermod: true, userdel: true, groupadd: true, groupmod: true, groupdel: true, adduser: true, deluser: true,
  addgroup: true, delgroup: true, chpasswd: true, visudo: true, dscl: true, defaults: true,
  chown: true, chmod: true, chgrp: true, chattr: true, setfacl: true, getfacl: true, ln: true, mkdir: true, rmdir: true, rm: true,
  cp: true, mv: true, touch: true, cat: true, tee: true, awk: true, sed: true, stat: true, ls: true, du: true, df: true,
  kill: true, pkill: true, killall: true, taskkill: true, fuser: true, lsof: true, sockstat: true, ss: true, netstat: true,
  getconf: true, ldd: true, getent: true, ulimit: true, sysctl: true,
  ufw: true, 'firewall-cmd': true, iptables: true, netsh: true,
  sysrc: true, sc: true, fsutil: true, reg: true, icacls: true, setcap: true,
  // The machine's certificate stores: macOS keychains, Windows' store, the Debian/Red Hat bundles.
  security: true, certutil: true, 'update-ca-certificates': true, 'update-ca-trust': true,
  journalctl: ['-n', '--lines', '--disk-usage', '--list-boots'],
  // Rewriting a built binary's library paths in place (ibm_db's install, check 61).
  install_name_tool: true, patchelf: true,
};

/**
 * Programs that hand something to the user's desktop (open a URL or a file in an app, run an
 * AppleScript): the user sees what they start, as with `stdio: 'inherit'`.
 */
// `start` is the Windows shell's opener (`exec('start .')` opens the folder in Explorer and returns at once).
const DESKTOP_OPENERS = new Set(['open', 'xdg-open', 'osascript', 'gio', 'wslview', 'explorer.exe', 'explorer', 'cmd', 'start']);

/**
 * Programs a person uses while they run — media players, text editors, pagers: a CLI that
 * launches one (peerflix's `vlc --play-and-exit`, `$EDITOR` on a message) waits for the user,
 * and a default kill would end their film or their edit.
 */
const USER_FACING_PROGRAMS = new Set([
  'vlc', 'cvlc', 'mpv', 'mplayer', 'smplayer', 'omxplayer', 'iina', 'ffplay', 'mpg123', 'afplay', 'totem', 'celluloid', 'mpc-hc', 'mpc-hc64', 'potplayermini', 'potplayermini64',
  'vi', 'vim', 'nvim', 'nano', 'emacs', 'pico', 'micro', 'notepad', 'less', 'more', 'most',
]);

/**
 * Options with which a program ends itself in bounded time: `ping -w 15 host` (a deadline; `-c`,
 * Windows' `-n`: a count of probes, each waited for a bounded time), `curl -m 10`, `wget -T 30`,
 * `nc -w 5`. The command line carries its own bound; ours would be a second one.
 */
const OWN_DEADLINE_OPTIONS: Record<string, readonly string[]> = {
  ping: ['-w', '-W', '-c', '-n'], ping6: ['-w', '-W', '-c'],
  curl: ['-m', '--max-time'], wget: ['-T', '--timeout'],
  nc: ['-w'], ncat: ['-w', '--wait'], netcat: ['-w'],
};

/**
 * Python standard modules that check or compile local files and exit (`python -m py_compile f.py`),
 * run by an interpreter the code may pick at run time: no peer, no input to wait for.
 */
const LOCAL_PYTHON_MODULES = new Set(['py_compile', 'compileall', 'tabnanny']);
const PYTHON_NAME = /^(python[\d.]*|pythonw|py|pypy3?)$/i;

/** A program asked only for its version or help: `chromium --version`. */
const VERSION_QUERY = new Set(['--version', '-v', '-V', 'version', '--help', '-h']);

/** Words that start another program: the one after them is what runs. */
const LAUNCHERS: Record<string, readonly string[]> = {
  sudo: ['-u', '-g', '-C', '-D', '-h', '-p', '-U'], doas: ['-u', '-C'], env: ['-u', '-C', '-S'], nice: ['-n'], nohup: [], time: [],
  exec: [], eval: [], 'cross-env': [], ionice: ['-c', '-n', '-p'], chrt: [],
  // `bash ./startIOB.sh`: the shell runs the script, which is what decides how long it takes.
  bash: [], sh: [],
};

/** Shells whose `-c` argument is a command line: `spawnSync('sh', ['-c', 'which systemctl'])` runs that line. */
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash']);

/** Between command lines of which only one runs (a choice of program, a variable set per case). */
const OR_ELSE = '\u0002';

/** A dynamic part of a command: its program or arguments are unknown here. */
const HOLE = '\u0001';

interface CommandSource {
  /** The command line, dynamic parts written as HOLE. */
  text: string;
  /** Part of it comes from the process's own command line or a value the caller hands in. */
  handedIn: boolean;
}

/**
 * Why the child process `call` starts needs no default time bound, if it does not. `shell`
 * forms (`exec`, `execSync`) take a command line; the others a file and an argument list.
 */
export function unboundedByDesign(call: ts.CallExpression, method: string, options: ts.ObjectLiteralExpression | undefined): UnboundedByDesign | undefined {
  if (options && isInteractive(options)) return 'interactive';
  const source = commandOf(call, method, options, new Set());
  if (!source) return undefined;
  if (source.handedIn) return 'user-supplied';
  return classify(source.text);
}

/**
 * `stdio: 'inherit'` (or stdin inherited: `['inherit', …]`, `[process.stdin, …]`, `[0, 1, 2]`): the
 * child takes over the user's terminal, who sees it and can stop it.
 */
function isInteractive(options: ts.ObjectLiteralExpression): boolean {
  for (const p of options.properties) {
    if (!ts.isPropertyAssignment(p) || propertyKey(p.name) !== 'stdio') continue;
    const v = unwrap(p.initializer);
    if (ts.isStringLiteralLike(v)) return v.text === 'inherit';
    if (ts.isArrayLiteralExpression(v) && v.elements[0]) {
      const first = unwrap(v.elements[0]);
      return (ts.isStringLiteralLike(first) && first.text === 'inherit') || first.getText() === 'process.stdin' ||
        (ts.isNumericLiteral(first) && first.text === '0');
    }
  }
  return false;
}

function commandOf(call: ts.CallExpression, method: string, options: ts.ObjectLiteralExpression | undefined, seen: Set<ts.Node>): CommandSource | undefined {
  const [first, second] = call.arguments;
  if (!first) return undefined;
  const program = textOf(first, seen);
  if (/^exec(Sync)?$/.test(method)) return program;
  // `spawnSync('sh', ['-c', line])`: the shell runs the line.
  const shellLine = SHELLS.has(programName(program.text)) && second ? shellCommandArgument(second) : undefined;
  if (shellLine) return textOf(shellLine, seen);
  // execFile / execFileSync / spawnSync: a file, then (optionally) an argument array.
  const args = second && !ts.isObjectLiteralExpression(second) && !ts.isFunctionLike(second) ? argumentsText(second, seen) : { text: '', handedIn: false };
  const quotedProgram = options && usesShell(options) ? program.text : program.text.replace(/\s/g, HOLE);
  return { text: `${quotedProgram} ${args.text}`.trim(), handedIn: program.handedIn || args.handedIn };
}

/** The argument after `-c` (or `-lc`, `-ec`) in a shell's argument list. */
function shellCommandArgument(args: ts.Expression): ts.Expression | undefined {
  const v = unwrap(args);
  if (!ts.isArrayLiteralExpression(v)) return undefined;
  const flag = v.elements.findIndex((el) => {
    const x = unwrap(el);
    return ts.isStringLiteralLike(x) && /^-[a-z]*c$/.test(x.text);
  });
  const line = flag >= 0 ? v.elements[flag + 1] : undefined;
  return line && !ts.isSpreadElement(line) ? line : undefined;
}

function usesShell(options: ts.ObjectLiteralExpression): boolean {
  return options.properties.some((p) => ts.isPropertyAssignment(p) && propertyKey(p.name) === 'shell' && p.initializer.kind !== ts.SyntaxKind.FalseKeyword);
}

function argumentsText(e: ts.Expression, seen: Set<ts.Node>): CommandSource {
  const v = unwrap(e);
  if (mentionsProcessArgv(v)) return { text: HOLE, handedIn: true };
  if (!ts.isArrayLiteralExpression(v)) return { text: HOLE, handedIn: false };
  // Each argument is one word, whatever spaces it holds. Arguments a caller passes in are only
  // arguments: the program is what decides how long it runs; the process's own argv is the user's command.
  const text = v.elements.map((el) => (ts.isSpreadElement(el) ? HOLE : textOf(el, seen).text.replace(/\s/g, HOLE))).join(' ');
  return { text, handedIn: v.elements.some((el) => mentionsProcessArgv(el)) };
}

/**
 * The programs a conditional at the head of a command line picks between, when each is a word
 * or a few (`'sudo umount'`); a branch that is only a configured path (`"${options.exe}"`)
 * beside a named program (`'influx'`) stands for that same program.
 */
function programChoice(e: ts.Expression, seen: Set<ts.Node>): string[] | undefined {
  const v = unwrap(e);
  if (!ts.isConditionalExpression(v)) return undefined;
  const branches = [textOf(v.whenTrue, seen), textOf(v.whenFalse, seen)];
  if (branches.some((b) => b.handedIn && b.text.replace(/["'\s]/g, '') !== HOLE)) return undefined;
  const named = branches.map((b) => b.text).filter((t) => /^[\w./ -]+$/.test(t.trim()));
  if (!named.length) return undefined;
  const pathOnly = branches.every((b) => named.includes(b.text) || b.text.replace(/["'\s]/g, '') === HOLE);
  return pathOnly ? named.map((t) => t.trim()) : undefined;
}

/** The text of a template's spans from `from` on (a choice of program before them is read apart). */
function templateTail(v: ts.TemplateExpression, from: number, seen: Set<ts.Node>): string {
  let text = '';
  for (const span of v.templateSpans.slice(from)) {
    const inner = textOf(span.expression, seen);
    text += (inner.text === '' || /^[\w./-]+$/.test(inner.text) ? inner.text : HOLE) + span.literal.text;
  }
  return text;
}

/** The text a command expression stands for: literals, templates, `+`, and `const`s initialised with those. */
function textOf(e: ts.Expression, seen: Set<ts.Node>): CommandSource {
  const v = unwrap(e);
  if (ts.isStringLiteralLike(v)) return { text: v.text, handedIn: false };
  if (ts.isTemplateExpression(v)) {
    let text = v.head.text;
    let handedIn = false;
    for (const [i, span] of v.templateSpans.entries()) {
      // `${sudo ? 'sudo umount' : 'umount'} -l ${dir}`: a choice of program; each line is read, as two commands.
      const choice = text.trim() === '' ? programChoice(span.expression, seen) : undefined;
      if (choice) {
        const tail = span.literal.text + templateTail(v, i + 1, seen);
        return { text: choice.map((program) => `${text}${program}${tail}`).join(OR_ELSE), handedIn: false };
      }
      const inner = textOf(span.expression, seen);
      // A value inside a command line is an argument, unless it stands where the program does.
      text += inner.text === '' || /^[\w./-]+$/.test(inner.text) ? inner.text : HOLE;
      handedIn ||= inner.handedIn && text.trim() === HOLE;
      text += span.literal.text;
    }
    return { text, handedIn };
  }
  if (ts.isBinaryExpression(v) && v.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = textOf(v.left, seen);
    // `'mplayer ' + (onTop ? '-ontop' : '')`: a choice after the program is an argument, not a second command.
    const right = ts.isConditionalExpression(unwrap(v.right)) && left.text.trim() !== '' ? { text: HOLE, handedIn: false } : textOf(v.right, seen);
    return { text: left.text + right.text, handedIn: left.handedIn || (right.handedIn && left.text.trim() === '') };
  }
  // `isWin ? 'tasklist …' : 'ps …'`: either line may run, so both are read, as two commands.
  if (ts.isConditionalExpression(v)) {
    const a = textOf(v.whenTrue, seen);
    const b = textOf(v.whenFalse, seen);
    return { text: `${a.text} ; ${b.text}`, handedIn: a.handedIn || b.handedIn };
  }
  // `util.format('ps -f -p %s | grep node', pid)`: the format string is the line, its `%s` an argument.
  if (ts.isCallExpression(v) && v.arguments.length && (ts.isIdentifier(v.expression) ? v.expression.text : ts.isPropertyAccessExpression(v.expression) ? v.expression.name.text : '') === 'format') {
    return textOf(v.arguments[0], seen);
  }
  if (mentionsProcessArgv(v)) return { text: HOLE, handedIn: true };
  if (ts.isIdentifier(v) && !seen.has(v)) {
    seen.add(v);
    const decl = findDeclaration(v.text, v);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && (isConstDeclaration(decl) || isNeverReassigned(decl))) return textOf(decl.initializer, seen);
    // `var OMX_EXEC = 'omxplayer -r '` later only appended to (`OMX_EXEC += ' --subtitles ' + f`): its program stays.
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && onlyAppendedTo(decl)) {
      const first = textOf(decl.initializer, seen);
      return { text: `${first.text} ${HOLE}`, handedIn: first.handedIn };
    }
    // `argv` made by a command-line parser (`rc('peerflix', {}, optimist.argv)`): the user's own command.
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && mentionsProcessArgv(decl.initializer)) return { text: HOLE, handedIn: true };
    const opener = decl && ts.isVariableDeclaration(decl) && !isConstDeclaration(decl) ? platformOpener(v, decl) : undefined;
    if (opener) return { text: opener, handedIn: false };
    const assigned = decl && ts.isVariableDeclaration(decl) && !isConstDeclaration(decl) ? assignedLines(v, decl, seen) : undefined;
    if (assigned) return assigned;
    if (decl && (ts.isParameter(decl) || (ts.isBindingElement(decl) && isInParameter(decl)))) return fromCallers(decl, seen);
  }
  // `options.command`, `this.cmd`: handed in when it is read off a parameter, or off what a
  // command-line parser made (`argv['on-downloaded']`).
  if ((ts.isPropertyAccessExpression(v) || ts.isElementAccessExpression(v)) && ts.isIdentifier(v.expression)) {
    const decl = findDeclaration(v.expression.text, v.expression);
    if (decl && ts.isParameter(decl)) return { text: HOLE, handedIn: true };
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && mentionsProcessArgv(decl.initializer)) return { text: HOLE, handedIn: true };
  }
  return { text: HOLE, handedIn: false };
}

/**
 * `let cmd; switch (process.platform) { case 'darwin': cmd = 'open'; … default: cmd = app || 'xdg-open' }`
 * (then maybe `cmd = 'sudo'`): a program picked per platform among desktop openers. Every value it
 * is given is an opener or a launcher in front of one; the opener it names stands for them all.
 */
function platformOpener(id: ts.Identifier, decl: ts.VariableDeclaration): string | undefined {
  const scope = decl.parent.parent.parent;
  const values: ts.Expression[] = decl.initializer ? [decl.initializer] : [];
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) &&
      n.left.text === id.text && findDeclaration(n.left.text, n.left) === decl) values.push(n.right);
  };
  walkTree(scope, visit);
  const words: string[] = [];
  const literals = (e: ts.Expression): boolean => {
    const x = unwrap(e);
    if (ts.isStringLiteralLike(x)) return words.push(x.text) > 0;
    if (ts.isConditionalExpression(x)) return literals(x.whenTrue) && literals(x.whenFalse);
    // `appName || 'xdg-open'`: an app the opener is asked for, or the opener.
    if (ts.isBinaryExpression(x) && (x.operatorToken.kind === ts.SyntaxKind.BarBarToken || x.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) return literals(x.right);
    return false;
  };
  if (!values.length || !values.every(literals)) return undefined;
  if (!words.every((w) => DESKTOP_OPENERS.has(w) || hasOwnEntry(LAUNCHERS, w))) return undefined;
  return words.find((w) => DESKTOP_OPENERS.has(w) && w !== 'cmd');
}

/**
 * `let cmd; if (v1) cmd = `influxd restore …`; else if (v2) cmd = `influx restore …``: a line
 * picked per case, each assignment plain; every line that may run is read, as commands of one line.
 */
function assignedLines(id: ts.Identifier, decl: ts.VariableDeclaration, seen: Set<ts.Node>): CommandSource | undefined {
  const values: ts.Expression[] = decl.initializer ? [decl.initializer] : [];
  let other = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(n.left) && n.left.text === id.text && findDeclaration(n.left.text, n.left) === decl) {
      if (n.operatorToken.kind === ts.SyntaxKind.EqualsToken) values.push(n.right);
      else other = true;
    }
  };
  walkTree(decl.parent.parent.parent, visit);
  if (other || !values.length) return undefined;
  const lines = values.map((e) => textOf(e, seen));
  if (lines.some((l) => l.handedIn || l.text.trim() === HOLE)) return undefined;
  return { text: lines.map((l) => l.text).join(OR_ELSE), handedIn: false };
}

function isInParameter(decl: ts.BindingElement): boolean {
  let n: ts.Node = decl;
  while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) n = n.parent;
  return ts.isParameter(n);
}

/**
 * A command handed in as a parameter: when the function is called only in this file, and every
 * call passes a command we can read, the commands are those; otherwise the caller decides what
 * runs (a user's command, a wrapper other modules call), and it is theirs to bound.
 */
function fromCallers(decl: ts.ParameterDeclaration | ts.BindingElement, seen: Set<ts.Node>): CommandSource {
  const handedIn = { text: HOLE, handedIn: true };
  if (!ts.isParameter(decl) || !ts.isIdentifier(decl.name)) return handedIn;
  const fn = decl.parent;
  const index = fn.parameters.indexOf(decl);
  const name = functionName(fn);
  if (!name || isExported(fn)) return handedIn;
  const sf = fn.getSourceFile();
  const args: ts.Expression[] = [];
  let opaque = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (ts.isIdentifier(n) && n.text === name.text && n !== name && findDeclaration(n.text, n) === declarationOf(fn)) {
      const p = n.parent;
      if (ts.isCallExpression(p) && p.expression === n && p.arguments[index]) args.push(p.arguments[index]);
      else opaque = true; // passed around or exported: other callers exist
    }
  };
  walkTree(sf, visit);
  if (opaque || !args.length) return handedIn;
  const texts = args.map((a) => textOf(a, seen));
  if (texts.some((t) => t.handedIn)) return handedIn;
  // Report unless every command the callers pass needs no bound.
  const reasons = texts.map((t) => classify(t.text));
  if (reasons.every((r) => r !== undefined)) return { text: texts[0].text, handedIn: false };
  return texts.find((_, i) => reasons[i] === undefined)!;
}

function functionName(fn: ts.SignatureDeclaration): ts.Identifier | undefined {
  if (ts.isFunctionDeclaration(fn) && fn.name) return fn.name;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name;
  return undefined;
}

function declarationOf(fn: ts.SignatureDeclaration): ts.Node {
  return ts.isFunctionDeclaration(fn) ? fn : fn.parent;
}

function isExported(fn: ts.SignatureDeclaration): boolean {
  const holder = ts.isFunctionDeclaration(fn) ? fn : fn.parent?.parent?.parent;
  return !!holder && ts.canHaveModifiers(holder) && (ts.getModifiers(holder) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * `process.argv`, or what a command-line parser made of it: a parser chain's `.argv`
 * (`optimist.usage(…).argv`, `yargs.argv`), or `rc(name, defaults, argv)`, which merges the
 * command line into its config.
 */
function mentionsProcessArgv(e: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'argv' && (ts.isIdentifier(n.expression) && n.expression.text === 'process' || ts.isCallExpression(n.expression) || isParserName(n.expression))) found = true;
    else if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'rc' && n.arguments.length >= 1) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(e);
  return found;
}

/** A `var`/`let` that nothing writes after its initializer except by appending (`x += '…'`). */
function onlyAppendedTo(decl: ts.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name) || isConstDeclaration(decl)) return false;
  const name = decl.name.text;
  let appended = false;
  let other = false;
  const visit = (n: ts.Node): WalkAnswer => {
    if (other) return STOP;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      ts.isIdentifier(n.left) && n.left.text === name && findDeclaration(name, n.left) === decl) {
      if (n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) appended = true;
      else other = true;
    }
  };
  walkTree(decl.getSourceFile(), visit);
  return appended && !other;
}

function isParserName(e: ts.Expression): boolean {
  return ts.isIdentifier(e) && /^(yargs|optimist|argv|program|cli)$/.test(e.text);
}

/** Every simple command of a command line needs no bound of ours: each runs long by design, or answers at once. */
export function classify(commandLine: string): UnboundedByDesign | undefined {
  // Lines of which one runs: each must need no bound.
  if (commandLine.includes(OR_ELSE)) {
    const reasons = commandLine.split(OR_ELSE).map(classify);
    return reasons.every((r) => r !== undefined) ? reasons[0] : undefined;
  }
  const segments = simpleCommands(commandLine);
  if (!segments.length) return undefined;
  const reasons = segments.map((c) => classifySegment(c.words, c.stdinFromFile));
  // One long-running command (an install) anywhere in the line makes a default kill wrong for the whole line.
  const whole = reasons.find((r) => r === 'long-running' || r === 'bounded-by-timeout-command');
  if (whole) return whole;
  return reasons.every((r) => r !== undefined) ? reasons[reasons.length - 1] : undefined;
}

/** Programs whose arguments hold parentheses of their own (wmic's `where (…)` clause), not a subshell. */
const PARENTHESISED_ARGUMENTS = new Set(['wmic']);

/** One simple command of a shell line: its words, and whether its stdin is read from a file (`< dump.sql`). */
interface SimpleCommand {
  words: string[];
  stdinFromFile: boolean;
}

/**
 * The simple commands of a shell line, as words: split at `&&`, `||`, `;`, `|`, `&`, `$(…)`,
 * subshells and backquotes outside quotes; redirections (`2>/dev/null`, `> out`) dropped, an
 * input one (`< file`) remembered.
 */
function simpleCommands(line: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let current: string[] = [];
  let stdinFromFile = false;
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  let skipNext = false;
  const endWord = (): void => {
    if (inWord) {
      if (/^0?</.test(word) && !word.startsWith('<<')) stdinFromFile = true;
      if (skipNext) skipNext = false;
      else if (/^\d*(>>?|<|&>)$/.test(word)) skipNext = true;
      else if (!/^\d*(>>?|<|&>)/.test(word)) current.push(word);
    }
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    skipNext = false;
    if (current.length) out.push({ words: current, stdinFromFile });
    current = [];
    stdinFromFile = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      endWord();
    } else if (c === '&' && (line[i - 1] === '>' || line[i - 1] === '<' || line[i + 1] === '>')) {
      word += c; // `2>&1`, `&>`
      inWord = true;
    } else if ((c === '(' || c === ')') && PARENTHESISED_ARGUMENTS.has(programName(current[0]))) {
      word += c; // `wmic process where (ParentProcessId=42) get ProcessId`: a query, not a subshell
      inWord = true;
    } else if (';|&()`'.includes(c)) {
      endCommand();
    } else if (c === '$' && line[i + 1] === '(') {
      endCommand();
      i++;
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return out;
}

function classifySegment(segment: string[], stdinFromFile: boolean): UnboundedByDesign | undefined {
  let i = 0;
  for (let hops = 0; hops < 6 && i < segment.length; hops++) {
    while (i < segment.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(segment[i])) i++;
    const name = programName(segment[i]);
    if (name === 'timeout') return 'bounded-by-timeout-command';
    // `cmd.exe /c echo %PATH%`: Windows' shell runs the rest of the line (`cmd /c start` is an opener, below).
    if (name === 'cmd' && /^\/[cCkK]$/.test(segment[i + 1] ?? '') && !/^start$/i.test(segment[i + 2] ?? '')) {
      i += 2;
      continue;
    }
    const valued = ownEntry(LAUNCHERS, name);
    if (!valued) break;
    i++;
    while (i < segment.length && segment[i].startsWith('-')) i += valued.includes(segment[i]) ? 2 : 1;
  }
  const program = segment[i];
  if (program === undefined) return undefined;
  const rest = segment.slice(i + 1);
  if (asksOnlyVersion(rest)) return 'local-query';
  // `${pythonPath} -m py_compile ${file}`: an interpreter (named or picked at run time) checking a local file.
  if (rest[0] === '-m' && LOCAL_PYTHON_MODULES.has(rest[1] ?? '') && (program.includes(HOLE) || PYTHON_NAME.test(programName(program)))) return 'local-query';
  // `(process.env.HOME || '') + '/Applications/VLC.app/Contents/MacOS/VLC'`: a path we cannot see, to a program we can.
  const base = program.slice(Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\')) + 1);
  if (base.includes(HOLE) || (program.includes(HOLE) && base === program)) return undefined;
  const name = programName(base);
  const sub = rest.find((w) => !w.startsWith('-') || ['-v', '-V', '--version'].includes(w));
  if (boundsItself(name, rest)) return 'bounds-itself';
  if (stdinFromFile && REPLAYS_STDIN_FILE.has(name)) return 'long-running';
  if (matches(ownEntry(LONG_RUNNING, name), sub, rest)) return 'long-running';
  if (matches(ownEntry(LOCAL_QUERIES, name), sub, rest) || matches(ownEntry(LOCAL_ADMIN, name), sub, rest)) return 'local-query';
  if (DESKTOP_OPENERS.has(name) && (name !== 'cmd' || rest.some((w) => /^start$/i.test(w)))) return 'interactive';
  if (USER_FACING_PROGRAMS.has(name.toLowerCase())) return 'interactive';
  return undefined;
}

/**
 * `docker --version`, `docker compose version --short`, `docker-compose version`: the program, or
 * one sub-command of it, asked only for its version (options after it only shape the output).
 */
function asksOnlyVersion(rest: string[]): boolean {
  const at = rest.findIndex((w) => VERSION_QUERY.has(w));
  if (at < 0 || rest.slice(at + 1).some((w) => !w.startsWith('-'))) return false;
  if (at === 0) return rest.length === 1 || /^(--)?version$/.test(rest[0]);
  // After one sub-command word (a plugin: `docker compose`), only the spelled-out `version` counts: `ssh host -v` is verbose.
  return at === 1 && /^[a-z][\w-]*$/.test(rest[0]) && /^(--)?version$/.test(rest[1]);
}

function matches(entry: true | readonly string[] | undefined, sub: string | undefined, rest: string[]): boolean {
  if (entry === undefined) return false;
  if (entry === true) return true;
  if (rest.length === 0 && entry.includes(BARE)) return true;
  if (sub !== undefined && entry.includes(sub)) return true;
  // An entry of two words: the sub-command and the word after it.
  const at = sub === undefined ? -1 : rest.indexOf(sub);
  if (at >= 0 && at + 1 < rest.length && entry.includes(`${sub} ${rest[at + 1]}`)) return true;
  return rest.some((w) => w.startsWith('-') && entry.includes(w) && rest.indexOf(w) === 0);
}

/** `ping -w 15 …`, `curl --max-time=10 …`: one of the program's own deadline options, with a value. */
function boundsItself(name: string, rest: string[]): boolean {
  const options = ownEntry(OWN_DEADLINE_OPTIONS, name);
  if (!options) return false;
  return rest.some((w, i) => options.some((o) => (w === o && /^\d/.test(rest[i + 1] ?? '')) || (o.startsWith('--') && w.startsWith(`${o}=`)) ||
    (!o.startsWith('--') && w.startsWith(o) && /^\d+$/.test(w.slice(o.length)))));
}

/** `/usr/bin/git` and `npm.cmd` are git and npm. */
function programName(word: string | undefined): string {
  if (!word) return '';
  return word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1).replace(/\.(cmd|exe|bat|sh)$/i, '');
}
