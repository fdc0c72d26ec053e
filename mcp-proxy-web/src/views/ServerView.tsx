import { useEffect, useState } from "preact/hooks";
import { backend } from "../api/backend";
import type { Prompt, Resource, ServerDetail, Tool } from "../api/types";
import { LogTail } from "../components/LogTail";
import { ResultView, type CallOutcome } from "../components/ResultView";
import { argumentsFrom, SchemaFields, type FieldValues } from "../components/SchemaForm";
import { StateBadge } from "../components/StateBadge";
import { duration } from "../format";
import { navigate } from "../router";
import { listsVersion, notify, refreshServers, report, servers } from "../state";
import { useStore } from "../store";
import { ServerActions } from "./ServersView";

type Tab = "tools" | "prompts" | "resources" | "log";

function ToolTester({ server, tool }: { server: string; tool: Tool }) {
  const [values, setValues] = useState<FieldValues>({});
  const [outcome, setOutcome] = useState<CallOutcome | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [running, setRunning] = useState(false);
  useEffect(() => {
    setValues({});
    setOutcome(undefined);
    setProblem(undefined);
  }, [tool.name]);
  const submit = (event: Event) => {
    event.preventDefault();
    const built = argumentsFrom(tool.inputSchema, values);
    if (built.error) {
      setProblem(built.error);
      return;
    }
    setProblem(undefined);
    setRunning(true);
    backend
      .callServer(server, "tools/call", { name: tool.name, arguments: built.value })
      .then(setOutcome)
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)))
      .finally(() => setRunning(false));
  };
  return (
    <form class="tester" onSubmit={submit} aria-labelledby="tester-title">
      <h3 id="tester-title">{tool.title ?? tool.name}</h3>
      {tool.description && <p class="description">{tool.description}</p>}
      <SchemaFields schema={tool.inputSchema} idPrefix="arg" values={values} onChange={setValues} />
      {problem && <p class="error" role="alert">{problem}</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={running}>{running ? "Calling…" : "Call tool"}</button>
      </div>
      {outcome && <ResultView outcome={outcome} />}
    </form>
  );
}

function PromptTester({ server, prompt }: { server: string; prompt: Prompt }) {
  const [values, setValues] = useState<FieldValues>({});
  const [outcome, setOutcome] = useState<CallOutcome | undefined>();
  const schema = {
    type: "object",
    properties: Object.fromEntries((prompt.arguments ?? []).map((a) => [a.name, { type: "string", description: a.description }])),
    required: (prompt.arguments ?? []).filter((a) => a.required).map((a) => a.name),
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const built = argumentsFrom(schema, values);
    if (built.error) {
      setOutcome({ error: { message: built.error } });
      return;
    }
    backend.callServer(server, "prompts/get", { name: prompt.name, arguments: built.value }).then(setOutcome).catch(report);
  };
  return (
    <form class="tester" onSubmit={submit}>
      <h3>{prompt.name}</h3>
      {prompt.description && <p class="description">{prompt.description}</p>}
      <SchemaFields schema={schema} idPrefix={`prompt-${prompt.name}`} values={values} onChange={setValues} />
      <div class="actions"><button type="submit" class="primary">Get prompt</button></div>
      {outcome && <ResultView outcome={outcome} />}
    </form>
  );
}

function Resources({ server, detail }: { server: string; detail: ServerDetail }) {
  const [outcome, setOutcome] = useState<CallOutcome | undefined>();
  const [uri, setUri] = useState("");
  const read = (target: string) => backend.callServer(server, "resources/read", { uri: target }).then(setOutcome).catch(report);
  return (
    <div>
      <ul class="plain">
        {(detail.resources ?? []).map((resource: Resource) => (
          <li key={resource.uri}>
            <button type="button" onClick={() => read(resource.uri)}>Read</button> <code>{resource.uri}</code>{" "}
            <span class="muted">{resource.description}</span>
          </li>
        ))}
      </ul>
      {(detail.resource_templates ?? []).length > 0 && (
        <form onSubmit={(e) => { e.preventDefault(); void read(uri); }}>
          <p class="muted">Templates: {(detail.resource_templates ?? []).map((t) => t.uriTemplate).join(", ")}</p>
          <label>URI <input value={uri} onInput={(e) => setUri(e.currentTarget.value)} placeholder={detail.resource_templates?.[0]?.uriTemplate} /></label>{" "}
          <button type="submit">Read</button>
        </form>
      )}
      {(detail.resources ?? []).length === 0 && (detail.resource_templates ?? []).length === 0 && <p class="muted">This server offers no resources.</p>}
      {outcome && <ResultView outcome={outcome} />}
    </div>
  );
}

/** Removing takes two steps: the first asks, the second removes the server from the file and stops it. */
function RemoveServer({ name }: { name: string }) {
  const [asking, setAsking] = useState(false);
  if (!asking) return <button type="button" onClick={() => setAsking(true)}>Remove…</button>;
  const remove = () =>
    backend.removeServer(name).then(() => {
      notify("info", `${name} was removed from the configuration`);
      void refreshServers();
      navigate("/");
    }).catch(report);
  return (
    <span class="actions" role="group" aria-label={`Remove ${name}?`}>
      <span>Remove {name} from the configuration and stop it?</span>
      <button type="button" class="danger" onClick={remove}>Remove {name}</button>
      <button type="button" onClick={() => setAsking(false)}>Keep it</button>
    </span>
  );
}

export function ServerView({ name }: { name: string }) {
  const list = useStore(servers);
  const version = useStore(listsVersion);
  const summary = list?.find((s) => s.name === name);
  const [detail, setDetail] = useState<ServerDetail | undefined>();
  const [missing, setMissing] = useState(false);
  const [tab, setTab] = useState<Tab>("tools");
  const [selected, setSelected] = useState<string | undefined>(() => new URLSearchParams(window.location.search).get("tool") ?? undefined);

  useEffect(() => {
    let current = true;
    backend
      .getServer(name)
      .then((d) => current && (setDetail(d), setMissing(false)))
      .catch((error: unknown) => {
        if (!current) return;
        if (error instanceof Error && "status" in error && error.status === 404) setMissing(true);
        else report(error);
      });
    return () => {
      current = false;
    };
  }, [name, version, summary?.state]);

  if (missing) return <><div class="view-head"><h1>{name}</h1></div><p class="error">There is no server named {name}. <a href="/">Back to the servers</a></p></>;
  if (!detail) return <><div class="view-head"><h1>{name}</h1></div><p class="muted">Loading…</p></>;
  const server = { ...detail, ...summary };
  const tools = detail.tools ?? [];
  const tool = tools.find((t) => t.name === selected) ?? tools[0];
  const tabs: [Tab, string][] = [["tools", `Tools (${tools.length})`], ["prompts", `Prompts (${detail.prompts?.length ?? 0})`],
    ["resources", `Resources (${(detail.resources?.length ?? 0) + (detail.resource_templates?.length ?? 0)})`], ["log", "Log"]];

  return (
    <>
      <div class="view-head">
        <h1>{name}</h1>
        <StateBadge state={server.state} />
        <ServerActions server={server} />
        <RemoveServer name={name} />
      </div>
      <dl class="facts">
        <dt>Transport</dt><dd>{server.transport}</dd>
        <dt>Uptime</dt><dd>{duration(server.uptime_s)}</dd>
        <dt>Restarts</dt><dd>{server.restarts ?? 0}</dd>
        <dt>Process</dt><dd>{server.pid ?? "–"}</dd>
        <dt>Tool prefix</dt><dd>{server.prefix ? `${server.prefix}__` : "none"}</dd>
        {server.last_error && (<><dt>Last error</dt><dd class="error">{server.last_error}</dd></>)}
      </dl>
      <div role="tablist" class="tabs" aria-label={`${name}'s details`}>
        {tabs.map(([id, label]) => (
          <button type="button" role="tab" id={`tab-${id}`} aria-selected={tab === id} aria-controls={`panel-${id}`} key={id}
            tabIndex={tab === id ? 0 : -1} onClick={() => setTab(id)}
            onKeyDown={(e) => {
              const index = tabs.findIndex(([t]) => t === id);
              const next = e.key === "ArrowRight" ? index + 1 : e.key === "ArrowLeft" ? index - 1 : undefined;
              if (next === undefined) return;
              const target = tabs[(next + tabs.length) % tabs.length];
              if (target) {
                setTab(target[0]);
                document.getElementById(`tab-${target[0]}`)?.focus();
              }
            }}>
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="tab-panel">
        {tab === "tools" && (tools.length === 0 ? <p class="muted">No tools{server.state === "running" ? "" : " while the server is not running"}.</p> : (
          <div class="split">
            <ul class="tool-list" aria-label="Tools">
              {tools.map((t) => (
                <li key={t.name}>
                  <button type="button" class={t === tool ? "selected" : ""} aria-current={t === tool} onClick={() => setSelected(t.name)}>{t.name}</button>
                </li>
              ))}
            </ul>
            {tool && <ToolTester server={name} tool={tool} />}
          </div>
        ))}
        {tab === "prompts" && ((detail.prompts ?? []).length === 0 ? <p class="muted">This server offers no prompts.</p>
          : (detail.prompts ?? []).map((p) => <PromptTester server={name} prompt={p} key={p.name} />))}
        {tab === "resources" && <Resources server={name} detail={detail} />}
        {tab === "log" && <LogTail server={name} label={`${name}'s log`} />}
      </div>
    </>
  );
}
