#!/usr/bin/env bash
# Installs what the real-editor e2e suites need, idempotently, outside the repo:
#   Debian: chromium (UI driver), neovim (second LSP client), libkrb5-dev (code-server's kerberos addon)
#   npm:    Node 24 (code-server 4.139 refuses other Nodes), code-server, playwright-core
# Everything npm goes to $STABILITY_LINT_E2E_CACHE (default ~/.cache/stability-lint-e2e); a rerun
# with everything present does no network work. Prints what it does; any failure aborts.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_CORE_VERSION=1.65.1

CACHE="${STABILITY_LINT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/stability-lint-e2e}"
log() { printf 'e2e setup: %s\n' "$*"; }
die() { printf 'e2e setup: FAILED: %s\n' "$*" >&2; exit 1; }
trap 'die "command failed (line $LINENO): $BASH_COMMAND"' ERR

# Run from `npm run e2e`, the outer npm's settings arrive as npm_config_* variables and the nested
# installs would take them for their own: code-server's postinstall reads the Node version from
# npm_config_user_agent and saw the outer npm's Node 20. The installs below get a clean slate.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)

start=$(date +%s)
mkdir -p "$CACHE"
log "cache folder $CACHE"

# --- Debian packages --------------------------------------------------------------------------
missing=()
for pkg in chromium neovim libkrb5-dev; do
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    log "apt: $pkg already installed"
  else
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} by hand"
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${missing[*]}"
    SUDO=(sudo -n)
  fi
  log "apt: installing ${missing[*]}"
  "${SUDO[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing after install"
command -v nvim >/dev/null || die "nvim missing after install"

# --- npm installs into the cache, each in its own folder with a stamp written last ----------
# npm_install <dir> <stamp> <args...>: runs `npm install` in <dir> unless <dir>/<stamp> exists.
npm_install() {
  local dir=$1 stamp=$2
  shift 2
  if [ -f "$dir/$stamp" ]; then
    log "npm: $* already installed in $dir"
    return
  fi
  log "npm: installing $* into $dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '{ "name": "stability-lint-e2e-tools", "private": true }\n' >"$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --no-package-lock "$@")
  touch "$dir/$stamp"
}

NODE_DIR="$CACHE/node-$NODE_VERSION"
npm_install "$NODE_DIR" ".installed" "node@$NODE_VERSION"
# The `node` package installs the platform package (binary + headers) beneath itself.
case "$(uname -m)" in
  x86_64) node_arch=x64 ;;
  aarch64) node_arch=arm64 ;;
  *) die "no Node package for $(uname -m)" ;;
esac
NODE_HOME="$NODE_DIR/node_modules/node/node_modules/node-linux-$node_arch"
NODE_BIN="$NODE_HOME/bin/node"
[ -x "$NODE_BIN" ] || die "Node binary not found at $NODE_BIN"
got=$("$NODE_BIN" -v)
[ "$got" = "v$NODE_VERSION" ] || die "expected Node v$NODE_VERSION at $NODE_BIN, got $got"
[ -f "$NODE_HOME/include/node/node.h" ] || die "Node headers missing under $NODE_HOME/include (node-gyp needs them)"
log "node: $NODE_BIN ($got)"

# code-server's bin is `#!/usr/bin/env node` and its postinstall checks the Node version: Node 24
# first on PATH; node-gyp must build against Node 24's headers, not the ~/.npmrc `nodedir`.
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
(
  export PATH="$NODE_HOME/bin:$PATH"
  export npm_config_nodedir="$NODE_HOME"
  npm_install "$CS_DIR" ".installed" --no-save --foreground-scripts "code-server@$CODE_SERVER_VERSION"
)
CS_HOME="$CS_DIR/node_modules/code-server"
[ -f "$CS_HOME/out/node/entry.js" ] || die "code-server not installed at $CS_HOME"
[ -f "$CS_HOME/lib/vscode/out/server-main.js" ] || die "code-server has no bundled VS Code server-main.js"

PW_DIR="$CACHE/playwright-core-$PLAYWRIGHT_CORE_VERSION"
npm_install "$PW_DIR" ".installed" "playwright-core@$PLAYWRIGHT_CORE_VERSION"
[ -f "$PW_DIR/node_modules/playwright-core/package.json" ] || die "playwright-core not installed"

# The runners read this file to find the tools.
cat >"$CACHE/env.json" <<EOF
{
  "cache": "$CACHE",
  "node": "$NODE_BIN",
  "nodeHome": "$NODE_HOME",
  "codeServer": "$CS_HOME",
  "playwrightCore": "$PW_DIR/node_modules/playwright-core",
  "chromium": "/usr/bin/chromium",
  "nvim": "$(command -v nvim)"
}
EOF
log "wrote $CACHE/env.json"
log "done in $(($(date +%s) - start)) s"
