import { useEffect, useMemo, useState } from "preact/hooks";
import { backend } from "../api/backend";
import { openInBrowser } from "../desktop";
import type { Server, ServerDetail } from "../api/types";
import { StateBadge } from "../components/StateBadge";
import { duration } from "../format";
import { navigate, serverPath } from "../router";
import { listsVersion, notify, refreshServers, report, servers, serversFetchedAt } from "../state";
import { useStore } from "../store";
import { chosenExample, ExampleList } from "./Examples";

export function ServerActions({ server }: { server: Server }) {
  const [busy, setBusy] = useState(false);
  const act = (what: "start" | "stop" | "restart") => {
    setBusy(true);
    const run = what === "start" ? backend.startServer(server.name ?? "")
      : what === "stop" ? backend.stopServer(server.name ?? "") : backend.restartServer(server.name ?? "");
    run.then(() => refreshServers()).catch(report).finally(() => setBusy(false));
  };
  const signIn = () => {
    setBusy(true);
    backend.signIn(server.name ?? "")
      .then((answer) => openInBrowser(answer.url ?? ""))
      .then(() => notify("info", `Sign in to ${server.name} in your browser; this page updates when you are done.`))
      .catch(report).finally(() => setBusy(false));
  };
  const stopped = server.state === "stopped" || server.state === "failed";
  return (
    <div class="actions">
      {server.state === "needs-sign-in" && (
        <button type="button" class="primary" disabled={busy} onClick={signIn} aria-label={`Sign in to ${server.name}`}>Sign in</button>
      )}
      {stopped ? (
        <button type="button" disabled={busy} onClick={() => act("start")} aria-label={`Start ${server.name}`}>Start</button>
      ) : (
        <button type="button" disabled={busy} onClick={() => act("stop")} aria-label={`Stop ${server.name}`}>Stop</button>
      )}
      <button type="button" disabled={busy} onClick={() => act("restart")} aria-label={`Restart ${server.name}`}>Restart</button>
    </div>
  );
}

function healthWords(health: Server["health"]): string {
  return health === "ok" ? "OK" : health === "failing" ? "Failing" : "–";
}

/** Every tool of every running server, fetched once per change of their lists, for the search. */
function useAllTools(list: Server[] | undefined) {
  const version = useStore(listsVersion);
  const [details, setDetails] = useState<ServerDetail[]>([]);
  const running = (list ?? []).filter((s) => s.state === "running" && (s.tools_count ?? 0) > 0).map((s) => s.name ?? "");
  const key = running.join("\u0000");
  useEffect(() => {
    let current = true;
    Promise.all(running.map((name) => backend.getServer(name).catch(() => undefined))).then((all) => {
      if (current) setDetails(all.filter((d): d is ServerDetail => d !== undefined));
    });
    return () => {
      current = false;
    };
  }, [key, version]);
  return details;
}

function ToolSearch({ list }: { list: Server[] }) {
  const [query, setQuery] = useState("");
  const details = useAllTools(list);
  const needle = query.trim().toLowerCase();
  const matches = useMemo(() => {
    if (!needle) return [];
    return details.flatMap((server) =>
      (server.tools ?? [])
        .filter((tool) => tool.name.toLowerCase().includes(needle) || (tool.description ?? "").toLowerCase().includes(needle))
        .map((tool) => ({ server: server.name ?? "", tool })),
    );
  }, [details, needle]);
  const total = details.reduce((sum, d) => sum + (d.tools?.length ?? 0), 0);
  return (
    <section class="panel" aria-labelledby="tool-search-title">
      <h2 id="tool-search-title">Find a tool</h2>
      <label>
        Search {total} tools by name or description{" "}
        <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder="e.g. echo" />
      </label>
      {needle && (
        <ul class="tool-matches" aria-live="polite">
          {matches.length === 0 && <li class="muted">No tool matches “{query}”.</li>}
          {matches.slice(0, 50).map(({ server, tool }) => (
            <li key={server + "/" + tool.name}>
              <a href={serverPath(server) + "?tool=" + encodeURIComponent(tool.name)}>
                <strong>{tool.name}</strong>
              </a>{" "}
              <span class="muted">on {server}</span>
              <div class="muted">{tool.description}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AddServer({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"stdio" | "streamable-http">("stdio");
  const [command, setCommand] = useState("");
  const [args, setArgs] = useState("");
  const [url, setUrl] = useState("");
  const [error, setError] = useState<string | undefined>();
  const submit = (event: Event) => {
    event.preventDefault();
    const entry = kind === "stdio"
      ? { name, command, args: args.trim() ? args.trim().split(/\s+/) : [] }
      : { name, transport: "streamable-http", url };
    backend
      .addServer(entry as never)
      .then(() => {
        notify("info", `${name} added`);
        onDone();
        return refreshServers();
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <form class="panel add-server" onSubmit={submit} aria-labelledby="add-title">
      <h2 id="add-title">Add a server</h2>
      <div class="field"><label for="add-name">Name</label><input id="add-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} /></div>
      <fieldset>
        <legend>How it is reached</legend>
        <label><input type="radio" name="kind" checked={kind === "stdio"} onChange={() => setKind("stdio")} /> A program (stdio)</label>
        <label><input type="radio" name="kind" checked={kind === "streamable-http"} onChange={() => setKind("streamable-http")} /> A URL (streamable HTTP)</label>
      </fieldset>
      {kind === "stdio" ? (
        <>
          <div class="field"><label for="add-command">Command</label><input id="add-command" required value={command} placeholder="npx" onInput={(e) => setCommand(e.currentTarget.value)} /></div>
          <div class="field"><label for="add-args">Arguments, separated by spaces</label><input id="add-args" value={args} placeholder="-y @modelcontextprotocol/server-everything" onInput={(e) => setArgs(e.currentTarget.value)} /></div>
        </>
      ) : (
        <div class="field"><label for="add-url">URL</label><input id="add-url" type="url" required value={url} placeholder="https://example.com/mcp" onInput={(e) => setUrl(e.currentTarget.value)} /></div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <div class="actions">
        <button type="submit" class="primary">Add and start</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}

function FirstRun({ onAdd }: { onAdd: () => void }) {
  return (
    <section class="panel first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">No servers yet</h2>
      <p>MCP Proxy runs your MCP servers once and gives every AI client one endpoint with all their tools. Start by bringing in the servers you already use, add one, or start from an example.</p>
      <div class="actions">
        <a class="button primary" href="/config#import">Import from Claude Desktop, Cursor or VS Code</a>
        <button type="button" onClick={onAdd}>Add a server</button>
      </div>
      <h3 id="examples-title">Start from an example</h3>
      <p class="muted">An example goes into the configuration's editor first; nothing changes until you save it there.</p>
      <ExampleList onUse={(example) => {
        chosenExample.set(example);
        navigate("/config");
      }} />
    </section>
  );
}

/** Re-renders every second, so that uptimes count on between the sidecar's events. */
function useSecondTick(): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.floor((performance.now() - serversFetchedAt) / 1000);
}

export function ServersView() {
  const list = useStore(servers);
  const [adding, setAdding] = useState(false);
  const sinceFetch = useSecondTick();
  if (list === undefined) return <><div class="view-head"><h1>Servers</h1></div><p class="muted">Loading the servers…</p></>;
  const running = list.filter((s) => s.state === "running").length;
  return (
    <>
      <div class="view-head">
        <h1>Servers</h1>
        <span class="muted">{list.length === 0 ? "" : `${running} of ${list.length} running`}</span>
        {list.length > 0 && !adding && <button type="button" onClick={() => setAdding(true)}>Add a server</button>}
      </div>
      {adding && <AddServer onDone={() => setAdding(false)} />}
      {list.length === 0 && !adding && <FirstRun onAdd={() => setAdding(true)} />}
      {list.length > 0 && (
        <div class="table-wrap">
          <table class="servers">
            <thead>
              <tr>
                <th scope="col">Name</th><th scope="col">State</th><th scope="col">Uptime</th><th scope="col">Restarts</th>
                <th scope="col">Tools</th><th scope="col">Health</th><th scope="col">Last error</th><th scope="col"><span class="offscreen">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((server) => (
                <tr key={server.name} data-server={server.name}>
                  <th scope="row"><a href={serverPath(server.name ?? "")}>{server.name}</a>{server.enabled === false && <span class="muted"> (disabled)</span>}</th>
                  <td data-label="State"><StateBadge state={server.state} /></td>
                  <td data-label="Uptime">{duration(server.uptime_s === null || server.uptime_s === undefined ? server.uptime_s : server.uptime_s + sinceFetch)}</td>
                  <td data-label="Restarts">{server.restarts ?? 0}</td>
                  <td data-label="Tools">{server.tools_count ?? 0}</td>
                  <td data-label="Health">{healthWords(server.health)}</td>
                  <td data-label="Last error" class="last-error">{server.last_error ?? ""}</td>
                  <td><ServerActions server={server} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.length > 0 && <ToolSearch list={list} />}
    </>
  );
}
