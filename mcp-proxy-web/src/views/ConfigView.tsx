// The configuration: a form per server and the file's YAML beside it, kept in step (the YAML is edited as a
// document, so its comments and the order of its keys survive a change made in the form). Every change is checked
// by the sidecar as it is typed; saving applies it live, and an invalid file is never written.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { isMap, isSeq, parseDocument, type Document } from "yaml";
import { ApiError, backend, type ImportResult } from "../api/backend";
import type { Example, Problem } from "../api/types";
import { desktopBridge, DesktopError } from "../desktop";
import { notify, refreshServers, report } from "../state";
import { chosenExample, ExampleList } from "./Examples";

type Fields = Record<string, string | boolean>;

const LIST_FIELDS = ["args"] as const;
const MAP_FIELDS = ["env", "headers"] as const;

function serversOf(doc: Document): Fields[] {
  const list = doc.get("servers");
  if (!isSeq(list)) return [];
  return list.items.map((item) => {
    const entry = isMap(item) ? (item.toJSON() as Record<string, unknown>) : {};
    const restart = (entry["restart"] ?? {}) as Record<string, unknown>;
    const tools = (entry["tools"] ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (value === undefined || value === null ? "" : String(value));
    return {
      name: text(entry["name"]),
      transport: text(entry["transport"]) || (entry["url"] ? "streamable-http" : "stdio"),
      command: text(entry["command"]),
      args: Array.isArray(entry["args"]) ? entry["args"].map(String).join("\n") : "",
      env: Object.entries((entry["env"] ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}=${String(v)}`).join("\n"),
      cwd: text(entry["cwd"]),
      url: text(entry["url"]),
      headers: Object.entries((entry["headers"] ?? {}) as Record<string, unknown>).map(([k, v]) => `${k}: ${String(v)}`).join("\n"),
      include: Array.isArray(tools["include"]) ? tools["include"].join(", ") : "",
      exclude: Array.isArray(tools["exclude"]) ? tools["exclude"].join(", ") : "",
      policy: text(restart["policy"]),
      max_retries: text(restart["max_retries"]),
      request_timeout: text(entry["request_timeout"]),
      enabled: entry["enabled"] !== false,
    };
  });
}

/** Writes one field of server `index` into the document; an emptied field is removed, not left empty. */
function setField(doc: Document, index: number, field: string, value: string | boolean): void {
  const path = ["servers", index];
  const put = (key: (string | number)[], v: unknown) => (v === undefined ? doc.deleteIn([...path, ...key]) : doc.setIn([...path, ...key], v));
  const trimmed = typeof value === "string" ? value.trim() : value;
  if ((LIST_FIELDS as readonly string[]).includes(field)) {
    const items = String(value).split("\n").map((s) => s.trim()).filter(Boolean);
    put([field], items.length ? doc.createNode(items, { flow: true }) : undefined);
  } else if ((MAP_FIELDS as readonly string[]).includes(field)) {
    const separator = field === "env" ? "=" : ":";
    const pairs = String(value).split("\n").map((line) => line.trim()).filter(Boolean).map((line) => {
      const at = line.indexOf(separator);
      return at < 0 ? [line, ""] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
    put([field], pairs.length ? doc.createNode(Object.fromEntries(pairs)) : undefined);
  } else if (field === "include" || field === "exclude") {
    const globs = String(value).split(",").map((s) => s.trim()).filter(Boolean);
    put(["tools", field], globs.length ? doc.createNode(globs, { flow: true }) : undefined);
    const tools = doc.getIn([...path, "tools"]);
    if (isMap(tools) && tools.items.length === 0) doc.deleteIn([...path, "tools"]);
  } else if (field === "policy" || field === "max_retries") {
    const v = trimmed === "" ? undefined : field === "max_retries" && !Number.isNaN(Number(trimmed)) ? Number(trimmed) : trimmed;
    put(["restart", field], v);
    const restart = doc.getIn([...path, "restart"]);
    if (isMap(restart) && restart.items.length === 0) doc.deleteIn([...path, "restart"]);
  } else if (field === "enabled") {
    put(["enabled"], value === true ? undefined : false);
  } else if (field === "request_timeout") {
    put([field], trimmed === "" ? undefined : Number.isNaN(Number(trimmed)) ? trimmed : Number(trimmed));
  } else if (field === "transport") {
    put([field], value === "stdio" ? undefined : value);
  } else {
    put([field], trimmed === "" ? undefined : trimmed);
  }
}

function ServerForm({ fields, index, problems, open, onChange }: { fields: Fields; index: number; problems: Problem[]; open: boolean; onChange: (field: string, value: string | boolean) => void }) {
  const id = (field: string) => `server-${index}-${field}`;
  const text = (field: string, label: string, hint?: string, multiline = false) => (
    <div class="field">
      <label for={id(field)}>{label}</label>
      {multiline
        ? <textarea id={id(field)} rows={3} class="mono" value={String(fields[field] ?? "")} onInput={(e) => onChange(field, e.currentTarget.value)} />
        : <input id={id(field)} value={String(fields[field] ?? "")} onInput={(e) => onChange(field, e.currentTarget.value)} />}
      {hint && <small>{hint}</small>}
    </div>
  );
  const http = fields["transport"] !== "stdio";
  return (
    <details class="server-form" open={open || problems.length > 0}>
      <summary>{String(fields["name"]) || `Server ${index + 1}`}{problems.length > 0 && <span class="badge badge-failed">{problems.length} to fix</span>}</summary>
      {problems.length > 0 && (
        <ul class="problems" id={id("problems")} role="alert">
          {problems.map((p, i) => <li key={i}>{p.text ?? p.message}</li>)}
        </ul>
      )}
      {text("name", "Name", "Unique; its tools appear as NAME__tool")}
      <div class="field">
        <label for={id("transport")}>Transport</label>
        <select id={id("transport")} value={String(fields["transport"])} onChange={(e) => onChange("transport", e.currentTarget.value)}>
          <option value="stdio">stdio (a program)</option>
          <option value="streamable-http">streamable HTTP (a URL)</option>
          <option value="sse">HTTP+SSE (older servers)</option>
        </select>
      </div>
      {http ? <>{text("url", "URL")}{text("headers", "Headers", "One per line, Name: value", true)}</>
        : <>{text("command", "Command")}{text("args", "Arguments", "One per line", true)}{text("env", "Environment", "One per line, NAME=value; ${env:NAME} takes yours", true)}{text("cwd", "Working folder")}</>}
      {text("include", "Tools to include", "Globs, separated by commas; all when empty")}
      {text("exclude", "Tools to exclude", "Globs, separated by commas")}
      <div class="field">
        <label for={id("policy")}>Restart</label>
        <select id={id("policy")} value={String(fields["policy"])} onChange={(e) => onChange("policy", e.currentTarget.value)}>
          <option value="">Default (on failure)</option>
          <option value="on-failure">On failure</option>
          <option value="always">Always</option>
          <option value="never">Never</option>
        </select>
      </div>
      {text("max_retries", "Restarts at most", "Before the server is marked failed")}
      {text("request_timeout", "Request timeout (seconds)")}
      <div class="field field-check">
        <label for={id("enabled")}>Enabled</label>
        <input id={id("enabled")} type="checkbox" checked={fields["enabled"] === true} onChange={(e) => onChange("enabled", e.currentTarget.checked)} />
      </div>
    </details>
  );
}

function ImportPanel() {
  const [text, setText] = useState("");
  const [preview, setPreview] = useState<ImportResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const run = (apply: boolean) => {
    setError(undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      setError("That is not JSON: paste the whole file, as in claude_desktop_config.json, ~/.cursor/mcp.json or .vscode/mcp.json.");
      return;
    }
    backend
      .importServers(parsed as Record<string, never>, apply)
      .then((result) => {
        setPreview(result);
        if (apply) {
          notify("info", `Imported ${result.servers?.length ?? 0} servers`);
          void refreshServers();
        }
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <section class="panel" id="import" aria-labelledby="import-title">
      <h2 id="import-title">Import from Claude Desktop, Cursor or VS Code</h2>
      <p class="muted">Paste the client's configuration file; nothing changes until you apply the preview.</p>
      <textarea aria-label="The client's configuration (JSON)" class="mono" rows={8} value={text} onInput={(e) => setText(e.currentTarget.value)}
        placeholder={'{"mcpServers": {"memory": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"]}}}'} />
      <div class="actions">
        <button type="button" onClick={() => run(false)} disabled={!text.trim()}>Preview</button>
        {preview && !preview.applied && <button type="button" class="primary" onClick={() => run(true)}>Apply: add {preview.servers?.length ?? 0} servers</button>}
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {preview && (
        <div class="import-preview" aria-live="polite">
          <h3>{preview.applied ? "Added" : "Would add"}</h3>
          <ul>{(preview.servers ?? []).map((name) => <li key={name}>{name}</li>)}</ul>
          {(preview.warnings ?? []).map((w, i) => <p class="warning" key={i}>{w}</p>)}
          {preview.yaml && <pre class="mono">{preview.yaml}</pre>}
        </div>
      )}
    </section>
  );
}

export function ConfigView() {
  const [path, setPath] = useState("");
  const [backup, setBackup] = useState("");
  /** The example the editor holds, not saved yet. */
  const [example, setExample] = useState<string | undefined>();
  const [yamlText, setYamlText] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [syntaxError, setSyntaxError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const checkTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    backend.getConfig().then((file) => {
      setPath(file.path ?? "");
      setBackup(file.backup ?? "");
      setSaved(file.yaml ?? "");
      const chosen = chosenExample.get();
      chosenExample.set(undefined);
      setYamlText(chosen ? chosen.yaml : file.yaml ?? "");
      setExample(chosen?.name);
    }).catch(report);
  }, []);

  const doc = useMemo(() => (yamlText === undefined ? undefined : parseDocument(yamlText)), [yamlText]);
  const forms = useMemo(() => (doc && doc.errors.length === 0 ? serversOf(doc) : []), [doc]);

  useEffect(() => {
    if (yamlText === undefined) return;
    setSyntaxError(doc?.errors[0]?.message);
    clearTimeout(checkTimer.current);
    checkTimer.current = setTimeout(() => {
      backend.validateConfig(yamlText).then((answer) => setProblems(answer.valid ? [] : answer.problems ?? [])).catch(report);
    }, 250);
  }, [yamlText]);

  if (yamlText === undefined || !doc) return <><div class="view-head"><h1>Configuration</h1></div><p class="muted">Loading the configuration…</p></>;

  const change = (index: number, field: string, value: string | boolean) => {
    const copy = doc.clone();
    setField(copy, index, field, value);
    setYamlText(copy.toString());
  };
  const takeExample = (chosen: Example) => {
    setYamlText(chosen.yaml);
    setExample(chosen.name);
    window.scrollTo(0, 0);
  };
  const discard = () => {
    setYamlText(saved);
    setExample(undefined);
  };
  const save = () => {
    setSaving(true);
    // In the desktop window the app keeps the file (seed §4: its config folder, a backup) and applies it.
    const bridge = desktopBridge();
    (bridge ? bridge.updateConfig(yamlText) : backend.putConfig(yamlText))
      .then((answer) => {
        setSaved(yamlText);
        setExample(undefined);
        setProblems([]);
        const c = answer.change;
        notify("info", `Saved and applied${c ? `: ${c.added?.length ?? 0} added, ${c.removed?.length ?? 0} removed, ${c.changed?.length ?? 0} changed` : ""}`);
        void refreshServers();
      })
      .catch((e: unknown) => {
        if ((e instanceof ApiError || e instanceof DesktopError) && e.problems.length) setProblems(e.problems);
        else report(e);
      })
      .finally(() => setSaving(false));
  };
  const serverNames = forms.map((f) => String(f["name"]));
  const problemsFor = (index: number) => problems.filter((p) => (p.field ?? "").startsWith(`servers[${index}]`) || (p.field ?? "").startsWith(`servers.${serverNames[index]}`));
  const general = problems.filter((p) => !forms.some((_, i) => problemsFor(i).includes(p)));
  const dirty = yamlText !== saved;

  return (
    <>
      <div class="view-head">
        <h1>Configuration</h1>
        <span class="muted mono">{path}</span>
        <button type="button" class="primary" onClick={save} disabled={!dirty || saving}>{saving ? "Saving…" : "Save and apply"}</button>
        <button type="button" onClick={discard} disabled={!dirty}>Discard changes</button>
      </div>
      {example && dirty && (
        <p class="panel example-loaded" role="status">
          The editor holds the example <strong class="mono">{example}</strong>, not saved yet. Check it, then press
          Save and apply to make it your configuration{backup ? <> (your file as it is now is kept as <span class="mono">{backup}</span>)</> : ""},
          or Discard changes to keep yours.
        </p>
      )}
      {(general.length > 0 || syntaxError) && (
        <ul class="problems" role="alert" aria-label="Problems in the configuration">
          {syntaxError && <li>{syntaxError}</li>}
          {general.map((p, i) => <li key={i}>{p.text ?? `${p.field}: ${p.message}`}</li>)}
        </ul>
      )}
      <div class="config-split">
        <div class="config-forms">
          {forms.length === 0 && <p class="muted">No servers in this file yet.</p>}
          {forms.map((fields, index) => (
            <ServerForm key={index} fields={fields} index={index} problems={problemsFor(index)} open={forms.length <= 2} onChange={(field, value) => change(index, field, value)} />
          ))}
        </div>
        <div class="config-yaml">
          <label for="config-yaml">The file</label>
          <textarea id="config-yaml" class="mono" spellcheck={false} value={yamlText} onInput={(e) => setYamlText(e.currentTarget.value)} />
        </div>
      </div>
      <section class="panel" id="examples" aria-labelledby="examples-panel-title">
        <h2 id="examples-panel-title">Start from an example</h2>
        <p class="muted">Puts an example's text into the editor in place of the file's; nothing is saved until you press Save and apply.</p>
        <ExampleList onUse={takeExample} />
      </section>
      <ImportPanel />
    </>
  );
}
