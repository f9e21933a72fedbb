#!/usr/bin/env bash
# The pruned deployment (README "Operating", deploy/Containerfile):
#   npm ci && npm run build && npm prune --omit=dev && npm start
# must serve with no dev dependency left: the demo is seeded, an admin signs in and sees the
# overview, and the server is one process. Prints what it measured; exits non-zero on failure.
# With PLAYGATE_DEPLOY_FROM_BUILD=1 (scripts/test-all.sh, after its own `npm ci` and build), a clean
# clone gets a copy of what those two steps made here — node_modules, .next, lib/generated — instead
# of doing them again, and is then pruned and started: the same tree, without a second install
# and build on the CI machine. Without it, the clone installs and builds itself.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/playgate-deploy-XXXXXX)
pid=""
# npm start runs in its own session, so the cleanup ends npm and the server it started together.
cleanup() {
  if [ -n "$pid" ]; then
    kill -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 -- "-$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
log="$work/steps.log"
started=$(date +%s)

git clone -q "$root" "$work/app"
cd "$work/app"
if [ "${PLAYGATE_DEPLOY_FROM_BUILD:-}" = 1 ]; then
  for built in node_modules .next lib/generated next-env.d.ts; do
    [ -e "$root/$built" ] || { echo "✖ $built is missing in $root: run npm ci and npm run build there first"; exit 1; }
    mkdir -p "$(dirname "$built")" && cp -a "$root/$built" "$built"
  done
  npm prune --omit=dev --no-audit --no-fund >"$log" 2>&1 || { tail -40 "$log"; exit 1; }
else
  { npm ci --no-audit --no-fund --prefer-offline && npm run build && npm prune --omit=dev --no-audit --no-fund; } >"$log" 2>&1 || { tail -40 "$log"; exit 1; }
fi
for dev in tsx vitest eslint esbuild playwright-core lighthouse; do
  if [ -e "node_modules/$dev" ]; then echo "✖ dev dependency $dev is still installed after npm prune"; exit 1; fi
done
# npm keeps typescript and the prisma CLI: they are optional peers of @prisma/client, and npm counts
# an installed optional peer of a production package as production. Move them out of reach, so the
# checks below prove the server and `npm run org` never load them.
for peer in typescript prisma; do
  if [ -e "node_modules/$peer" ]; then mv "node_modules/$peer" "$work/moved-$peer"; echo "  moved aside: $peer (kept by npm as an optional peer of @prisma/client)"; fi
done

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"
PLAYGATE_MODE=demo PLAYGATE_DATA_DIR="$work/data" PORT=$port HOSTNAME=127.0.0.1 APP_URL=$base setsid npm start >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fs "$base/api/health" >/dev/null && break; sleep 0.5; done
curl -fs "$base/api/health" >/dev/null || { echo "✖ the pruned deployment did not become healthy"; tail -40 "$work/server.log"; exit 1; }

jar="$work/cookies"
csrf=$(curl -fs -c "$jar" "$base/api/auth/csrf" | node -e 'process.stdin.on("data",d=>console.log(JSON.parse(d).csrfToken))')
curl -fs -b "$jar" -c "$jar" -o /dev/null -X POST -H "Content-Type: application/x-www-form-urlencoded" \
  --data-urlencode "csrfToken=$csrf" --data-urlencode "email=admin@demo.local" --data-urlencode "password=playgate-demo" --data "json=true" \
  "$base/api/auth/callback/credentials"
overview=$(curl -fs -b "$jar" "$base/organisation/overview")
echo "$overview" | grep -q "Demo Streaming Co" || { echo "✖ signed in, but the overview does not show the demo organisation"; exit 1; }
orgs=$(PLAYGATE_MODE=demo PLAYGATE_DATA_DIR="$work/data" npm run -s org -- list 2>&1) || true
echo "$orgs" | grep -q "Demo Streaming Co" || { echo "✖ npm run org does not work in the pruned tree:"; echo "$orgs" | tail -20; exit 1; }

# npm start → bash → node (exec): count the server's processes (npm itself excluded).
server=""
for candidate in $(pgrep -f "playgate-server.js" || true); do # this clone's server, not another instance's
  [ "$(readlink "/proc/$candidate/cwd")" = "$work/app" ] && server=$candidate && break
done
[ -n "$server" ] || { echo "✖ no server process runs from $work/app"; exit 1; }
children=$( (pgrep -P "$server" || true) | wc -l)
rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$server/status")
echo "✔ pruned deployment serves: signed in, overview shown, org CLI works; server pid $server with $children child processes, ${rss} MB RSS; $(( $(date +%s) - started )) s"
[ "$children" -eq 0 ] || { echo "✖ the server has child processes"; exit 1; }
