// What each tool's definition costs a model's context, in tokens, counted by the sidecar with a real tokenizer;
// sortable, so that a user sees what a filter would save.
import { useEffect, useState } from "preact/hooks";
import { backend } from "../api/backend";
import { listsVersion, report } from "../state";
import { useStore } from "../store";

interface ToolCost {
  name: string;
  tokens: number;
}

interface ServerCost {
  server: string;
  tokens: number;
  tools: ToolCost[];
  hidden_tools?: number;
  hidden_tokens?: number;
}

interface ContextCost {
  encoding: string;
  total_tokens: number;
  servers: ServerCost[];
}

type SortKey = "tokens" | "name" | "server";

export function ContextView() {
  const version = useStore(listsVersion);
  const [cost, setCost] = useState<ContextCost | undefined>();
  const [sort, setSort] = useState<SortKey>("tokens");
  const [descending, setDescending] = useState(true);
  useEffect(() => {
    backend.request<ContextCost>("GET", "/api/context-cost").then(setCost).catch(report);
  }, [version]);
  if (!cost) return <><div class="view-head"><h1>Context cost</h1></div><p class="muted">Counting…</p></>;
  const rows = cost.servers.flatMap((s) => s.tools.map((t) => ({ server: s.server, name: t.name, tokens: t.tokens })));
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
        A client that lists the tools of the aggregate endpoint spends <strong data-total>{cost.total_tokens.toLocaleString()}</strong> tokens of its
        context on their definitions, before a word of the conversation.
      </p>
      <div class="table-wrap">
        <table class="context-servers">
          <thead><tr><th scope="col">Server</th><th scope="col">Tools</th><th scope="col">Tokens</th><th scope="col">Hidden by its filter</th></tr></thead>
          <tbody>
            {cost.servers.map((s) => (
              <tr key={s.server} data-server={s.server}>
                <th scope="row">{s.server}</th>
                <td class="number">{s.tools.length}</td>
                <td class="number" data-server-total>{s.tokens.toLocaleString()}</td>
                <td>{s.hidden_tools ? `${s.hidden_tools} tools, ${(s.hidden_tokens ?? 0).toLocaleString()} tokens saved` : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
