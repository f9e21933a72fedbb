#!/usr/bin/env bash
# Every test, as CI runs it: type check, lint, unit + integration on SQLite and PostgreSQL,
# production build, browser tests in Debian's Chromium. Ends with one line
# "N passed, N failed, N skipped" totalled over all suites, after a table of each suite's time
# and result; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PRISMA_SCHEMA_ENGINE_BINARY=/bin/false
mkdir -p tests/artifacts
rm -rf tests/artifacts/property-runs # this run's property counts only
passed=0 failed=0 skipped=0
suites=() # one "name<TAB>seconds<TAB>result" per suite, printed as a table at the end

step() { echo; echo "━━ $*"; }
record() { suites+=("$1"$'\t'"$2"$'\t'"$3"); } # name, seconds, result
count_check() { # name, command…: a check that is one pass or one failure
  local name=$1 start=$SECONDS; shift
  if "$@"; then passed=$((passed + 1)); record "$name" $((SECONDS - start)) ok
  else failed=$((failed + 1)); echo "✖ $name failed"; record "$name" $((SECONDS - start)) FAILED; fi
}
count_vitest() { # label, json file, vitest args…
  local label=$1 json=$2 start=$SECONDS; shift 2
  rm -f "$json"
  npx vitest run --reporter=default --reporter=json --outputFile="$json" "$@"
  local status=$?
  if [ -s "$json" ]; then
    read -r p f s < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests,r.numFailedTests+(r.numRuntimeErrorTests??0),r.numPendingTests+r.numTodoTests)' "$(realpath "$json")")
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); echo "✖ $label: vitest exited $status"; f=1; fi
    record "$label" $((SECONDS - start)) "$p passed, $f failed, $s skipped"
  else
    failed=$((failed + 1)); echo "✖ $label: no results"; record "$label" $((SECONDS - start)) "FAILED (no results)"
  fi
}

step "System packages (Chromium, PostgreSQL, nginx with nginx-rtmp, Caddy, ffmpeg)"
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
# The edge tests (tests/e2e/edge-*.test.ts) run them in the foreground and stop them themselves.
command -v nginx >/dev/null || need+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_rtmp_module.so ] || need+=(libnginx-mod-rtmp)
command -v caddy >/dev/null || need+=(caddy)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v systemd-analyze >/dev/null || need+=(systemd)
if [ ${#need[@]} -gt 0 ]; then
  # Installed, not started as services (policy-rc.d exit 101): the tests start their own on free ports.
  own_policy=; [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; own_policy=1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  [ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d
fi
# Stop the throw-away cluster afterwards only if this run started it.
if ! bash scripts/pg.sh status; then
  trap 'bash scripts/pg.sh stop >/dev/null 2>&1 || true' EXIT
fi
PG_URL=$(bash scripts/pg.sh start)
deploy_log=tests/artifacts/pruned-deployment.log
deploy_pid=""

# Type check and lint side by side: each keeps one core busy (the lint rules are not type-aware, so
# it needs nothing the type check generates).
step "Type check and lint"
typecheck_start=$SECONDS
npm run -s typecheck > tests/artifacts/typecheck.log 2>&1 &
typecheck_pid=$!
count_check lint npx eslint . --max-warnings=0
if wait "$typecheck_pid"; then
  passed=$((passed + 1)); record typecheck $((SECONDS - typecheck_start)) "ok (beside lint)"
else
  cat tests/artifacts/typecheck.log; failed=$((failed + 1)); echo "✖ typecheck failed"; record typecheck $((SECONDS - typecheck_start)) FAILED
fi

step "Unit and integration tests on SQLite"
TEST_DATABASE=sqlite count_vitest sqlite tests/artifacts/vitest-sqlite.json
step "Integration and property tests on PostgreSQL"
TEST_DATABASE=postgres TEST_PG_URL=$PG_URL count_vitest postgres tests/artifacts/vitest-postgres.json tests/integration tests/property

step "Production build"
build_start=$SECONDS
if npm run -s build > tests/artifacts/build.log 2>&1; then
  passed=$((passed + 1)); record build $((SECONDS - build_start)) ok
  # The pruned deployment (npm prune --omit=dev, npm start, sign in) of the tree just installed and
  # built, in a clean clone (scripts/check-deployment.sh), beside the browser tests; its output is
  # printed after them.
  deploy_start=$SECONDS
  PLAYGATE_DEPLOY_FROM_BUILD=1 bash scripts/check-deployment.sh > "$deploy_log" 2>&1 &
  deploy_pid=$!
  step "Browser tests (Chromium)"
  TEST_PG_URL=$PG_URL count_vitest e2e tests/artifacts/vitest-e2e.json --config vitest.e2e.config.mts
else
  tail -40 tests/artifacts/build.log; failed=$((failed + 1)); echo "✖ build failed: browser tests not run"
  record build $((SECONDS - build_start)) FAILED; record e2e 0 "not run"
fi

step "Pruned deployment (the tree built above in a clean clone: prune --omit=dev, npm start; ran beside the browser tests)"
if [ -z "$deploy_pid" ]; then
  failed=$((failed + 1)); echo "✖ pruned-deployment not run: the build failed"; record pruned-deployment 0 "not run"
elif wait "$deploy_pid"; then
  cat "$deploy_log"; passed=$((passed + 1)); record pruned-deployment $((SECONDS - deploy_start)) "ok (beside e2e)"
else
  cat "$deploy_log"; failed=$((failed + 1)); echo "✖ pruned-deployment failed"; record pruned-deployment $((SECONDS - deploy_start)) FAILED
fi

step "Security counts"
node scripts/security-counts.mjs tests/artifacts || true

step "Suite times"
printf '%-20s %8s  %s\n' suite seconds result
for row in "${suites[@]}"; do
  IFS=$'\t' read -r name secs result <<< "$row"
  printf '%-20s %8s  %s\n' "$name" "$secs" "$result"
done
printf '%-20s %8s\n' total "$SECONDS"

echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
