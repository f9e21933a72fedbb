#!/usr/bin/env bash
# The README's first command ends here: build, then migrate, seed (first start) and serve the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYGATE_MODE=demo NEXT_TELEMETRY_DISABLED=1
[ -d node_modules ] || npm ci
npm run build
exec bash scripts/start.sh
