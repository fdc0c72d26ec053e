-- wrk script: tools/call of an echo tool over streamable HTTP, on one MCP session that bench/bench.mjs initialized.
--   MCP_SESSION=<Mcp-Session-Id, or empty for none> MCP_PROTOCOL=2025-06-18 MCP_TOOL=echo \
--     wrk -t1 -c1 -d8s -s bench/wrk/mcp-call.lua http://127.0.0.1:PORT/mcp
-- Each thread numbers its requests from its own base, so that no two calls in flight share an id. An answer counts
-- as a call only when it is HTTP 200 with a JSON-RPC result that is not a tool error; any other answer is an error.
-- done() prints one line, "mcp-calls {json}", for the bench to read.

local session = os.getenv("MCP_SESSION") or ""
local protocol = os.getenv("MCP_PROTOCOL") or "2025-06-18"
local tool = os.getenv("MCP_TOOL") or "echo"

local threads = {}

function setup(thread)
  thread:set("base", #threads * 1000000000)
  table.insert(threads, thread)
end

local headers, next_id
function init(args)
  headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json, text/event-stream",
    ["MCP-Protocol-Version"] = protocol }
  if session ~= "" then headers["Mcp-Session-Id"] = session end
  next_id = base
  answered, errors = 0, 0
end

function request()
  next_id = next_id + 1
  local body = string.format('{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s",'
    .. '"arguments":{"message":"call %d"}}}', next_id, tool, next_id)
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  if status == 200 and body:find('"result":', 1, true) and not body:find('"isError":true', 1, true) then
    answered = answered + 1
  else
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local answered_total, errors_total = 0, 0
  for _, thread in ipairs(threads) do
    answered_total = answered_total + thread:get("answered")
    errors_total = errors_total + thread:get("errors")
  end
  local socket = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format('mcp-calls {"seconds":%.3f,"requests":%d,"calls":%d,"errors":%d,'
    .. '"socket_errors":%d,"calls_per_s":%.1f,"p50_ms":%.3f,"p99_ms":%.3f}\n',
    seconds, summary.requests, answered_total, errors_total,
    socket.connect + socket.read + socket.write + socket.timeout, answered_total / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
