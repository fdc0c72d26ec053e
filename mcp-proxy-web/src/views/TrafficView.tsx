import { useEffect, useState } from "preact/hooks";
import { backend, type Answer } from "../api/backend";
import { LogTail } from "../components/LogTail";
import { clockTime, milliseconds, prettyJson } from "../format";
import { recentCalls, report } from "../state";
import { useStore } from "../store";

type CallDetail = Answer<"/api/calls/{id}", "get">;

const OUTCOME_WORDS: Record<string, string> = { ok: "OK", "tool-error": "Tool error", error: "Error", cancelled: "Cancelled" };

function CallPanel({ id, onClose }: { id: number; onClose: () => void }) {
  const [detail, setDetail] = useState<CallDetail | undefined>();
  useEffect(() => {
    setDetail(undefined);
    backend.getCall(id).then(setDetail).catch(report);
  }, [id]);
  return (
    <section class="panel call-detail" aria-labelledby="call-title">
      <div class="view-head">
        <h2 id="call-title">Call {id}</h2>
        <button type="button" onClick={onClose}>Close</button>
      </div>
      {!detail ? <p class="muted">Loading…</p> : (
        <>
          <dl class="facts">
            <dt>Server</dt><dd>{detail.server}</dd>
            <dt>Method</dt><dd>{detail.method}</dd>
            <dt>Target</dt><dd>{detail.target ?? "–"}</dd>
            <dt>Client</dt><dd>{detail.client ?? "–"}</dd>
            <dt>Started</dt><dd>{clockTime(detail.started)}</dd>
            <dt>Duration</dt><dd>{milliseconds(detail.duration_ms)}</dd>
            <dt>Outcome</dt><dd>{OUTCOME_WORDS[detail.outcome ?? ""] ?? detail.outcome}{detail.error ? `: ${detail.error}` : ""}</dd>
          </dl>
          {detail.messages_kept === false && <p class="muted">The proxy no longer keeps this call's messages (the newest calls' are kept).</p>}
          <h3>Request{detail.request_truncated ? ` (the first 64 KiB of ${detail.request_bytes ?? "?"} bytes)` : ""}</h3>
          <pre class="json" aria-label="Request">{typeof detail.request === "string" ? detail.request : prettyJson(detail.request)}</pre>
          <h3>Response{detail.response_truncated ? ` (the first 64 KiB of ${detail.response_bytes ?? "?"} bytes)` : ""}</h3>
          <pre class="json" aria-label="Response">{typeof detail.response === "string" ? detail.response : prettyJson(detail.response)}</pre>
          <h3>What {detail.server} wrote to its log meanwhile</h3>
          {detail.server && detail.log_from !== undefined && detail.log_to !== undefined ? (
            <LogTail server={detail.server} label={`Log lines of call ${id}`}
              range={{ from: detail.log_from, to: detail.log_to, until: Date.parse(detail.started ?? "") + (detail.duration_ms ?? 0) }} />
          ) : <p class="muted">Not known for this call.</p>}
        </>
      )}
    </section>
  );
}

export function TrafficView() {
  const calls = useStore(recentCalls);
  const [open, setOpen] = useState<number | undefined>();
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? calls.filter((c) => [c.server, c.method, c.target, c.client, c.outcome].some((v) => (v ?? "").toLowerCase().includes(needle)))
    : calls;
  return (
    <>
      <div class="view-head">
        <h1>Traffic</h1>
        <label>Filter <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} /></label>
        <span class="muted">{calls.length} recent calls, newest first</span>
      </div>
      {open !== undefined && <CallPanel id={open} onClose={() => setOpen(undefined)} />}
      {calls.length === 0 ? <p class="muted">No calls yet. Calls from any client through the proxy appear here as they happen.</p> : (
        <div class="table-wrap">
          <table class="calls">
            <thead>
              <tr><th scope="col">Time</th><th scope="col">Server</th><th scope="col">Method</th><th scope="col">Tool or target</th>
                <th scope="col">Client</th><th scope="col">Duration</th><th scope="col">Outcome</th></tr>
            </thead>
            <tbody>
              {shown.slice(0, 300).map((call) => (
                <tr key={call.id} class={call.id === open ? "selected" : ""}>
                  <td><button type="button" class="link" onClick={() => setOpen(call.id)} aria-label={`Open call ${call.id}: ${call.method} ${call.target ?? ""}`}>{clockTime(call.started)}</button></td>
                  <td>{call.server}</td>
                  <td>{call.method}</td>
                  <td>{call.target}</td>
                  <td>{call.client}</td>
                  <td class="number">{milliseconds(call.duration_ms)}</td>
                  <td><span class={`outcome outcome-${call.outcome}`}>{OUTCOME_WORDS[call.outcome ?? ""] ?? call.outcome}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
