#!/usr/bin/env bash
# One benchmark run on this machine: MCP Proxy and the peers of ../shared/peers, each with the same load client
# (bench/loadclient.mjs), in alternation. Prints a markdown report (docs/benchmarks.md holds the last one).
#   bash bench/run.sh        # env: ROUNDS=3 N=2000 C=8 PER=500 STARTUP_TRIALS=5 PEERS_DIR=/tmp/peers
# PEERS_HARNESS=1 also runs the peers' own harness (their TypeScript SDK load client, about 4 minutes) first.
set -euo pipefail
cd "$(dirname "$0")/.."
PEERS_SRC=${PEERS_SRC:-../shared/peers}
export PEERS_DIR=${PEERS_DIR:-/tmp/peers}

# The peers, at the versions their folder pins, installed outside the project.
mkdir -p "$PEERS_DIR"
if ! cmp -s "$PEERS_SRC/package-lock.json" "$PEERS_DIR/package-lock.json" || [ ! -d "$PEERS_DIR/node_modules/supergateway" ]; then
  cp "$PEERS_SRC/package.json" "$PEERS_SRC/package-lock.json" "$PEERS_DIR/"
  (cd "$PEERS_DIR" && npm ci --no-audit --no-fund >/dev/null)
fi
cp "$PEERS_SRC/force-loopback.cjs" "$PEERS_DIR/"

./mcp-proxy --help >/dev/null   # builds the jar when it is missing or stale
if [ "${PEERS_HARNESS:-0}" = 1 ]; then
  bash "$PEERS_SRC/run-peers.sh" >&2
fi
node bench/bench.mjs
