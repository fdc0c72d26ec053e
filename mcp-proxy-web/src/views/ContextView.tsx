// What each tool's definition costs a model's context, in tokens, counted by the sidecar with a real tokenizer;
// sortable, so that a user sees what a filter would save.
import { useEffect, useState } from "preact/hooks";
import { backend, type Answer } from "../api/backend";
import { listsVersion, report } from "../state";
import { useStore } from "../store";

type ContextCost = Answer<"/api/context-cost", "get">;

type SortKey = "tokens" | "name" | "server";

export function ContextView() {
  const version = useStore(listsVersion);
  const [cost, setCost] = useState<ContextCost | undefined>();
  const [sort, setSort] = useState<SortKey>("tokens");
  const [descending, setDescending] = useState(true);
  useEffect(() => {
    backend.getContextCost().then(setCost).catch(report);
  }, [version]);
  if (!cost) return <><div class="view-head"><h1>Context cost</h1></div><p class="muted">Counting…</p></>;
  const servers = cost.servers ?? [];
  const rows = servers.flatMap((s) => (s.tools ?? []).map((t) => ({ server: s.name ?? "", name: t.name ?? "", tokens: t.tokens ?? 0 })));
  rows.sort((a, b) => {
    const order = sort === "tokens" ? a.tokens - b.tokens : a[sort].localeCompare(b[sort]);
    return descending ? -order : order;
  });
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort === key ? (descending ? "descending" : "ascending") : "none"}>
      <button type="button" class="link" onClick={() => (sort === key ? setDescending(!descending) : (setSort(key), setDescending(key === "tokens")))}>
        {label}{sort === key ? (descending ? " ▼" : " ▲") : ""}
      </button>
    </th>
  );
  return (
    <>
      <div class="view-head">
        <h1>Context cost</h1>
        <span class="muted">counted with {cost.encoding}</span>
      </div>
      <p>
        A client that lists the tools of the aggregate endpoint spends <strong data-total>{(cost.total_tokens ?? 0).toLocaleString()}</strong> tokens of its
        context on their definitions, before a word of the conversation.
      </p>
      <div class="table-wrap">
        <table class="context-servers">
          <thead><tr><th scope="col">Server</th><th scope="col">Tools</th><th scope="col">Tokens</th><th scope="col">Hidden by its filter</th></tr></thead>
          <tbody>
            {servers.map((s) => (
              <tr key={s.name} data-server={s.name}>
                <th scope="row">{s.name}{s.state && s.state !== "running" && <span class="muted"> ({s.state})</span>}</th>
                <td class="number">{s.tool_count ?? 0}</td>
                <td class="number" data-server-total>{(s.total_tokens ?? 0).toLocaleString()}</td>
                <td>{s.hidden_by_filter?.tool_count
                  ? `${s.hidden_by_filter.tool_count} tools, ${(s.hidden_by_filter.total_tokens ?? 0).toLocaleString()} tokens saved`
                  : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(cost.profiles ?? []).length > 0 && (
        <>
          <h2>Profiles</h2>
          <p>A client of a profile's endpoint (<code>/profiles/NAME/mcp</code>) spends only what its tools cost.</p>
          <div class="table-wrap">
            <table class="context-profiles">
              <thead><tr><th scope="col">Profile</th><th scope="col">Tools</th><th scope="col">Tokens</th><th scope="col">Saved against every server</th></tr></thead>
              <tbody>
                {(cost.profiles ?? []).map((p) => (
                  <tr key={p.name} data-profile={p.name}>
                    <th scope="row">{p.name}</th>
                    <td class="number">{p.tool_count ?? 0}</td>
                    <td class="number" data-profile-total>{(p.total_tokens ?? 0).toLocaleString()}</td>
                    <td class="number">{Math.max(0, (cost.total_tokens ?? 0) - (p.total_tokens ?? 0)).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2>Every tool</h2>
      <div class="table-wrap">
        <table class="context-tools">
          <thead><tr>{header("name", "Tool")}{header("server", "Server")}{header("tokens", "Tokens")}</tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.server + "/" + r.name} data-server={r.server}>
                <td>{r.name}</td><td>{r.server}</td><td class="number" data-tokens>{r.tokens.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
