// The secrets that ${secret:NAME} in a server's env or headers reads, by name only: a value can be set, replaced or
// deleted here, never shown (the API never gives one back), so a page left open or a screenshot holds none.
import { useEffect, useState } from "preact/hooks";
import { backend, type Answer } from "../api/backend";
import { notify, report } from "../state";

type Secrets = Answer<"/api/secrets", "get">;

const NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

export function SecretsView() {
  const [secrets, setSecrets] = useState<Secrets | undefined>();
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const load = () => backend.getSecrets().then(setSecrets).catch(report);
  useEffect(() => {
    void load();
  }, []);
  const nameProblem = name && !NAME.test(name) ? "Letters, digits and _ - . / only, with no empty part between slashes" : "";
  const save = (event: Event) => {
    event.preventDefault();
    if (!name || nameProblem || !value) return;
    setBusy(true);
    const replacing = secrets?.names?.includes(name) ?? false;
    backend.setSecret(name, value)
      .then(() => {
        setValue("");
        setName("");
        notify("info", `${replacing ? "Replaced" : "Saved"} ${name}. A server that uses it reads it at its next start.`);
        return load();
      })
      .catch(report).finally(() => setBusy(false));
  };
  const remove = (secret: string) => {
    if (!window.confirm(`Delete the secret ${secret}? A server that uses it will not start until it is set again.`)) return;
    backend.deleteSecret(secret).then(() => notify("info", `Deleted ${secret}.`)).then(load).catch(report);
  };
  const names = secrets?.names ?? [];
  return (
    <>
      <div class="view-head">
        <h1>Secrets</h1>
        {secrets && <span class="muted" data-store>kept in {secrets.store}</span>}
      </div>
      <p>
        A server's <code>env</code> and <code>headers</code> values can say <code>{"${secret:NAME}"}</code> instead of
        holding a token or a key; the value is read as the server starts, and is never in the configuration file, the
        logs or this page. Values can be set or deleted here, not read back.
      </p>
      <form class="tester" onSubmit={save} aria-labelledby="secret-form-title">
        <h2 id="secret-form-title">Set a secret</h2>
        <div class="field">
          <label for="secret-name">Name</label>
          <input id="secret-name" class="mono" value={name} autocomplete="off" spellcheck={false}
            aria-invalid={nameProblem ? "true" : undefined} aria-describedby="secret-name-hint"
            onInput={(e) => setName(e.currentTarget.value.trim())} />
          <small id="secret-name-hint">{nameProblem || "Used as ${secret:NAME}; setting a name that exists replaces its value"}</small>
        </div>
        <div class="field">
          <label for="secret-value">Value</label>
          <input id="secret-value" type="password" class="mono" value={value} autocomplete="new-password"
            onInput={(e) => setValue(e.currentTarget.value)} />
        </div>
        <button type="submit" class="primary" disabled={busy || !name || !!nameProblem || !value}>Save the secret</button>
      </form>
      <h2>Stored</h2>
      {secrets === undefined ? <p class="muted">Reading…</p> : names.length === 0 ? (
        <p class="muted" data-empty>No secrets yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="secrets">
            <thead><tr><th scope="col">Name</th><th scope="col">Used as</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {names.map((secret) => (
                <tr key={secret} data-secret={secret}>
                  <th scope="row" class="mono">{secret}</th>
                  <td><code>{"${secret:" + secret + "}"}</code></td>
                  <td><button type="button" onClick={() => remove(secret)} aria-label={`Delete ${secret}`}>Delete</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
