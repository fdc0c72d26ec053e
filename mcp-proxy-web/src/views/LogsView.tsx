import { LogTail } from "../components/LogTail";
import { servers } from "../state";
import { useStore } from "../store";
import { useState } from "preact/hooks";

/** The proxy's own log is served under this name beside the servers'. */
const PROXY_LOG = "_proxy";

export function LogsView() {
  const list = useStore(servers) ?? [];
  const [server, setServer] = useState<string>(() => new URLSearchParams(window.location.search).get("server") ?? list[0]?.name ?? PROXY_LOG);
  return (
    <>
      <div class="view-head">
        <h1>Logs</h1>
        <label>
          Log of{" "}
          <select value={server} onChange={(e) => setServer(e.currentTarget.value)}>
            {list.map((s) => <option value={s.name} key={s.name}>{s.name}</option>)}
            <option value={PROXY_LOG}>MCP Proxy itself</option>
          </select>
        </label>
      </div>
      <LogTail server={server} label={server === PROXY_LOG ? "MCP Proxy's log" : `${server}'s log`} key={server} />
    </>
  );
}
