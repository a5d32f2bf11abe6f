#!/usr/bin/env bash
# Runs the unit tests against React 18 (the peer range is "^18.3 || ^19"), in a throwaway copy of
# the repo so the working tree and its node_modules stay on React 19.
#
#   npm run test:react18            report: test-results/unit-react18.json
#   KEEP_REACT18_TMP=1 npm run test:react18     keep the copy for a look afterwards
#
# Copies the repo (not node_modules, dist, .git, storybook-static, test-results), copies
# node_modules with `cp -a` (faster than `npm ci` and needs no network), swaps in React 18 with
# `npm install --no-save`, then runs `vitest --project unit` there. Exits with Vitest's status.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
REACT_VERSION=18.3.1
TYPES_REACT_VERSION=18.3.32     # latest @types/react 18.3.x
TYPES_REACT_DOM_VERSION=18.3.7  # latest @types/react-dom 18.3.x
REPORT="$REPO/test-results/unit-react18.json"

# `npm run` exports npm_config_local_prefix=<this repo> (and more): an npm started from here would
# install into the repo itself. The copy must get its own prefix, so drop every npm_* variable.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\([Nn][Pp][Mm]_[^=]*\)=.*/\1/p')

start=$SECONDS
step_start=$SECONDS
step() { echo "::: react18: $1 ($((SECONDS - step_start)) s)"; step_start=$SECONDS; }

[ -d "$REPO/node_modules" ] || { echo "react18: $REPO/node_modules is missing; run npm ci first" >&2; exit 1; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pyas-react18-XXXXXX")
cleanup() {
  if [ -n "${KEEP_REACT18_TMP:-}" ]; then echo "react18: kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
echo "react18: working copy in $TMP"

tar -C "$REPO" -cf - \
  --exclude=./node_modules --exclude=./dist --exclude=./.git --exclude=./storybook-static \
  --exclude=./test-results --exclude=./bench/node_modules --exclude=./demo/dist \
  --exclude=./.vitest-attachments --exclude=./.vitest-report.json . | tar -C "$TMP" -xf -
step "copied the repo"

cp -a "$REPO/node_modules" "$TMP/node_modules"
step "copied node_modules"

cd "$TMP"
npm install --no-save --prefer-offline --no-audit --no-fund --loglevel=error \
  "react@$REACT_VERSION" "react-dom@$REACT_VERSION" \
  "@types/react@$TYPES_REACT_VERSION" "@types/react-dom@$TYPES_REACT_DOM_VERSION"
versions=$(node -p "['react', 'react-dom', '@types/react', '@types/react-dom'].map((p) => p + '@' + require(p + '/package.json').version).join(' ')")
echo "react18: $versions"
case "$versions" in
  "react@$REACT_VERSION react-dom@$REACT_VERSION "*) ;;
  *) echo "react18: React $REACT_VERSION did not install" >&2; exit 1 ;;
esac
step "installed React $REACT_VERSION"

mkdir -p "$REPO/test-results"
rm -f "$REPORT"
rc=0
./node_modules/.bin/vitest run --project unit --reporter=default --reporter=json --outputFile.json="$REPORT" || rc=$?
step "vitest --project unit on React $REACT_VERSION (rc=$rc)"
echo "::: react18: total $((SECONDS - start)) s, rc=$rc"
exit "$rc"
