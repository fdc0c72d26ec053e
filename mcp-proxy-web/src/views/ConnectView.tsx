// Connect a client: the exact entry each client needs, with the real port, to copy; or written into the client's
// own configuration file after the change is shown, with a backup and an undo.
import { useEffect, useState } from "preact/hooks";
import { backend, type Answer } from "../api/backend";
import type { Client as ClientInfo, ClientChange } from "../api/types";
import { copyText } from "../format";
import { notify, report } from "../state";

type Profile = NonNullable<Answer<"/api/profiles", "get">["profiles"]>[number];

function Client({ client, profile, onChanged }: { client: ClientInfo; profile: string | undefined; onChanged: () => void }) {
  const [preview, setPreview] = useState<ClientChange | undefined>();
  const [error, setError] = useState<string | undefined>();
  const id = client.id ?? "generic";
  const name = client.name ?? id;
  const connect = (apply: boolean) => {
    setError(undefined);
    backend
      .connectClient(id, apply, profile)
      .then((change) => {
        if (apply) {
          setPreview(undefined);
          notify("info", `${name} is connected${change.backup ? `; the previous file is kept as ${change.backup}` : ""}`);
          onChanged();
        } else {
          setPreview(change);
        }
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const undo = () =>
    backend.undoClient(id).then(() => {
      notify("info", `${name}'s file is back as it was`);
      onChanged();
    }).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  return (
    <section class="panel client" aria-labelledby={`client-${id}`}>
      <h2 id={`client-${id}`}>{name}{client.connected && <span class="badge badge-running">Connected</span>}</h2>
      {client.path && <p class="muted">Its configuration: <code>{client.path}</code>{client.exists === false && " (not there yet)"}</p>}
      {client.problem && <p class="error">{client.problem}</p>}
      <pre class="mono snippet" aria-label={`${name} entry`}>{client.snippet ?? ""}</pre>
      <div class="actions">
        <button type="button" onClick={() => copyText(client.snippet ?? "").then(() => notify("info", "Copied"))}>Copy</button>
        {client.path && <button type="button" onClick={() => connect(false)}>Connect…</button>}
        {client.can_undo && <button type="button" onClick={undo}>Undo the last connect</button>}
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {preview && (
        <div class="diff-preview">
          <h3>The change to {client.path}</h3>
          <pre class="mono diff">{(preview.diff ?? "").split("\n").map((line, i) => (
            <span key={i} class={line.startsWith("+") && !line.startsWith("+++") ? "diff-add" : line.startsWith("-") && !line.startsWith("---") ? "diff-remove" : ""}>{line + "\n"}</span>
          ))}</pre>
          <div class="actions">
            <button type="button" class="primary" onClick={() => connect(true)}>Write it</button>
            <button type="button" onClick={() => setPreview(undefined)}>Cancel</button>
          </div>
        </div>
      )}
    </section>
  );
}

export function ConnectView() {
  const [clients, setClients] = useState<ClientInfo[] | undefined>();
  const [profiles, setProfiles] = useState<Profile[]>([]);
  const [profile, setProfile] = useState<string | undefined>();
  const load = () => backend.getClients(profile).then((a) => setClients(a.clients ?? [])).catch(report);
  useEffect(() => {
    backend.getProfiles().then((a) => setProfiles(a.profiles ?? [])).catch(report);
  }, []);
  useEffect(() => {
    void load();
  }, [profile]);
  const chosen = profiles.find((p) => p.name === profile);
  return (
    <>
      <div class="view-head"><h1>Connect a client</h1></div>
      {profiles.length > 0 && (
        <div class="field endpoint-choice">
          <label for="connect-profile">Endpoint</label>
          <select id="connect-profile" value={profile ?? ""} onChange={(e) => setProfile(e.currentTarget.value || undefined)}>
            <option value="">Every server (/mcp)</option>
            {profiles.map((p) => (
              <option key={p.name} value={p.name}>Profile {p.name}: {p.tool_count ?? 0} {p.tool_count === 1 ? "tool" : "tools"}, {(p.total_tokens ?? 0).toLocaleString()} tokens</option>
            ))}
          </select>
        </div>
      )}
      <p>
        {chosen
          ? <>Each client needs one entry to reach the tools of the profile {chosen.name}{chosen.has_token ? ", with its token" : ""}, and no others.</>
          : "Each client needs one entry to reach every tool of every server here."}
      </p>
      {!clients ? <p class="muted">Loading…</p> : clients.map((client) => <Client client={client} profile={profile} key={client.id} onChanged={() => void load()} />)}
    </>
  );
}
