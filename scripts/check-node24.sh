#!/usr/bin/env bash
# `npm run check:node24`: synth, jest and validate under Node 24 (the newest LTS line `engines`
# allows), with Node itself installed from the npm registry as a package (node-<os>-<cpu>) into
# node_modules/.cache/node24, so it needs nothing but the registry. Not part of `npm test`: the
# download is about 30 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHECKPOINT_DISABLE=1
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "check:node24: no node package for $(uname -s)" >&2; exit 2 ;; esac
case "$(uname -m)" in x86_64 | amd64) cpu=x64 ;; aarch64 | arm64) cpu=arm64 ;; *) echo "check:node24: no node package for $(uname -m)" >&2; exit 2 ;; esac
prefix=node_modules/.cache/node24
node24="$prefix/node_modules/node-$os-$cpu/bin/node"
if [ ! -x "$node24" ]; then
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --no-package-lock "node-$os-$cpu@24" >&2
fi
PATH="$PWD/$(dirname "$node24"):$PATH"
echo "node $(node --version)"
rm -rf cdktf.out
time node scripts/app.js
time node node_modules/jest/bin/jest.js
time node scripts/validate.js
