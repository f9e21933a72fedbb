#!/usr/bin/env bash
# The README's first command ends here: build, then migrate, seed (first start) and serve the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYGATE_MODE=demo NEXT_TELEMETRY_DISABLED=1
# The edge `npm run demo:edge` starts beside the demo: the Playout and Instructions pages show its addresses.
export PLAYGATE_EDGE_HLS_URL="${PLAYGATE_EDGE_HLS_URL-http://127.0.0.1:${PLAYGATE_DEMO_HLS_PORT:-8080}/hls/{stream}/index.m3u8}"
export PLAYGATE_EDGE_RTMP_URL="${PLAYGATE_EDGE_RTMP_URL-rtmp://127.0.0.1:${PLAYGATE_DEMO_RTMP_PORT:-1935}/live}"
export PLAYGATE_INGEST_URL="${PLAYGATE_INGEST_URL-rtmp://127.0.0.1:${PLAYGATE_DEMO_RTMP_PORT:-1935}/live}"
[ -d node_modules ] || npm ci
npm run build
exec bash scripts/start.sh
