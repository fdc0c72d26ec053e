#!/usr/bin/env bash
# One benchmark run on this machine: MCP Proxy, the peers of bench/peers (the proxies a user would otherwise pick) and
# the yardsticks, each driven by the same two load clients (bench/loadclient.mjs in Node, and wrk, a native one, on
# every streamable HTTP endpoint), in alternation; then spawn → ready and spawn → every server's tools usable. Prints
# a markdown report (docs/benchmarks.md holds the last one).
#   bash bench/run.sh        # env: ROUNDS=3 N=2000 C=8 PER=500 SECOND_PASS=1 WRK_SECS=8 WRK_WARMUP_SECS=1
#                            #      STARTUP_TRIALS=5 PEERS_DIR=/tmp/peers
set -euo pipefail
cd "$(dirname "$0")/.."
export PEERS_DIR=${PEERS_DIR:-/tmp/peers}

if ! command -v wrk >/dev/null; then
  echo "bench/run.sh: needs wrk, the native load client; install Debian's package: sudo apt-get install wrk" >&2
  exit 1
fi

# The peers, at the versions bench/peers pins, installed outside the project.
mkdir -p "$PEERS_DIR"
if ! cmp -s bench/peers/package-lock.json "$PEERS_DIR/package-lock.json" || [ ! -d "$PEERS_DIR/node_modules/supergateway" ]; then
  cp bench/peers/package.json bench/peers/package-lock.json "$PEERS_DIR/"
  (cd "$PEERS_DIR" && npm ci --no-audit --no-fund >/dev/null)
fi

./mcp-proxy --help >/dev/null   # builds the jar when it is missing or stale
node bench/bench.mjs
