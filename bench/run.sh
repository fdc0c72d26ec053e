#!/usr/bin/env bash
# One benchmark run on this machine: the peers' harness (../shared/peers, same load, same machine, just before),
# then MCP Proxy with bench/loadclient.mjs. Prints a markdown table with the ratios the targets ask for.
#   bash bench/run.sh            # ROUNDS=2 N=2000 C=8 PER=500 STARTUP_TRIALS=5; SKIP_PEERS=1 reuses the last peers run
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS_SRC=${PEERS_SRC:-../shared/peers}
export PEERS_DIR=${PEERS_DIR:-/tmp/peers}

(cd testing/node && [ -d node_modules/@modelcontextprotocol/sdk ] || npm ci --no-audit --no-fund --ignore-scripts >/dev/null)
./mcp-proxy --help >/dev/null   # builds the jar when it is missing or stale

if [ "${SKIP_PEERS:-0}" != 1 ]; then
  echo "peers: bash $PEERS_SRC/run-peers.sh (about 4 minutes)" >&2
  ROUNDS=${ROUNDS:-2} N=${N:-2000} C=${C:-8} PER=${PER:-500} bash "$PEERS_SRC/run-peers.sh" >&2
fi
echo "MCP Proxy: node bench/bench.mjs" >&2
node bench/bench.mjs
