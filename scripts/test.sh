#!/usr/bin/env bash
# The whole test suite: system packages, build, typecheck, lint, API tests against real
# PostgreSQL and browser tests in Debian's chromium. Nothing is skipped silently.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
[ -d node_modules ] || npm install
echo "== build"; npm run --silent build
echo "== typecheck"; npm run --silent typecheck
echo "== lint"; npm run --silent lint
echo "== tests (API on real PostgreSQL, then browser)"
mkdir -p .test-data
set +e
npx vitest run --reporter=default --reporter=json --outputFile=.test-data/results.json
status=$?
set -e
node scripts/test-summary.mjs .test-data/results.json || status=1
exit $status
