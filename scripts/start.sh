#!/usr/bin/env bash
# `npm start` and `npm run demo` end here: one Node process runs server.ts (bundled by `npm run
# build` into .next/playgate-server.js), which migrates, seeds
# the demo (first start) and serves Next in the same process. V8 otherwise grows the old
# generation lazily under load (64 connections took the server from 200 to 520 MB RSS); a cap
# makes it collect sooner, and a young generation a little above V8's default lets a request's
# short-lived objects die young. 16 MB semi-spaces, not 32: with the edge's routes answered in
# front of Next, 32 held the tree at 356 MB after P3 and 16 at 304 MB, with P3 and P5 no slower
# (bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
exec node --max-old-space-size="${PLAYGATE_MAX_HEAP_MB:-192}" --max-semi-space-size="${PLAYGATE_SEMI_SPACE_MB:-16}" \
  "${PLAYGATE_DIST_DIR:-.next}/playgate-server.js"
