import { useEffect, useState } from "preact/hooks";
import { desktopBridge, desktopPresent, type BackendStatus, type DesktopSettings } from "./desktop";
import { usePath } from "./router";
import { access, configProblem, dismiss, notices, report, streamState } from "./state";
import { useStore } from "./store";
import { ConfigView } from "./views/ConfigView";
import { ConnectView } from "./views/ConnectView";
import { ContextView } from "./views/ContextView";
import { LogsView } from "./views/LogsView";
import { SecretsView } from "./views/SecretsView";
import { ServersView } from "./views/ServersView";
import { ServerView } from "./views/ServerView";
import { TrafficView } from "./views/TrafficView";

const NAV: [string, string][] = [
  ["/", "Servers"],
  ["/logs", "Logs"],
  ["/traffic", "Traffic"],
  ["/context", "Context cost"],
  ["/config", "Configuration"],
  ["/secrets", "Secrets"],
  ["/connect", "Connect a client"],
];

function View({ path }: { path: string }) {
  const server = /^\/servers\/([^/]+)$/.exec(path);
  if (server?.[1]) return <ServerView name={decodeURIComponent(server[1])} key={server[1]} />;
  switch (path) {
    case "/":
    case "/servers":
      return <ServersView />;
    case "/logs":
      return <LogsView />;
    case "/traffic":
      return <TrafficView />;
    case "/context":
      return <ContextView />;
    case "/config":
      return <ConfigView />;
    case "/connect":
      return <ConnectView />;
    case "/secrets":
      return <SecretsView />;
    default:
      return <><h1>Not found</h1><p>There is nothing at {path}. <a href="/">Go to the servers</a>.</p></>;
  }
}

function Unauthorized() {
  return (
    <main class="unauthorized" id="main">
      <h1>Open the address the sidecar printed</h1>
      <p>
        This page needs the launch token of the MCP Proxy that serves it. Open the address it printed when it started
        (<code>http://127.0.0.1:PORT/?token=…</code>), or the desktop app's window.
      </p>
    </main>
  );
}

/** The desktop window's own controls (the seed's commands); absent in a browser. */
function DesktopControls() {
  const present = useStore(desktopPresent);
  const bridge = present ? desktopBridge() : undefined;
  const [status, setStatus] = useState<BackendStatus | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [settings, setSettings] = useState<DesktopSettings | undefined>();
  useEffect(() => {
    if (!bridge) return;
    bridge.getBackendStatus().then(setStatus).catch(report);
    bridge.getSettings().then(setSettings).catch(report);
    const onSettings = (event: Event) => setSettings((event as CustomEvent).detail as DesktopSettings);
    const onError = (event: Event) => setError(String((event as CustomEvent).detail ?? "The backend failed"));
    const onStatus = (event: Event) => {
      const detail = (event as CustomEvent).detail as string | BackendStatus;
      setStatus(typeof detail === "string" ? (JSON.parse(detail) as BackendStatus) : detail);
      setError(undefined);
    };
    window.addEventListener("backend-error", onError);
    window.addEventListener("backend-status", onStatus);
    window.addEventListener("desktop-settings", onSettings);
    return () => {
      window.removeEventListener("backend-error", onError);
      window.removeEventListener("backend-status", onStatus);
      window.removeEventListener("desktop-settings", onSettings);
    };
  }, [present]);
  if (!bridge) return null;
  const run = (action: Promise<BackendStatus>) => action.then(setStatus).catch(report);
  return (
    <div class="desktop-controls" aria-label="Backend">
      <span>Backend {status?.running ? "running" : "stopped"}</span>
      <button type="button" onClick={() => run(status?.running ? bridge.stopBackend() : bridge.startBackend())}>
        {status?.running ? "Stop backend" : "Start backend"}
      </button>
      {settings && (
        <label class="switch" title={settings.start_at_login_where}>
          <input
            type="checkbox"
            role="switch"
            checked={settings.start_at_login}
            onChange={(event) => bridge.setStartAtLogin(event.currentTarget.checked).then(setSettings).catch((failure: unknown) => {
              report(failure);
              bridge.getSettings().then(setSettings).catch(report);
            })}
          />
          Start MCP Proxy at login
        </label>
      )}
      {error && <span class="error" role="alert">{error}</span>}
    </div>
  );
}

export function App() {
  const path = usePath();
  const allowed = useStore(access);
  const stream = useStore(streamState);
  const messages = useStore(notices);
  const problem = useStore(configProblem);
  if (allowed === "unauthorized") return <Unauthorized />;
  const active = (href: string) => (href === "/" ? path === "/" || path.startsWith("/servers") : path === href);
  return (
    <>
      <a class="skip" href="#main">Skip to the content</a>
      <header class="top">
        <a class="brand" href="/">MCP Proxy</a>
        <nav aria-label="Views">
          <ul>
            {NAV.map(([href, label]) => (
              <li key={href}><a href={href} aria-current={active(href) ? "page" : undefined}>{label}</a></li>
            ))}
          </ul>
        </nav>
        <DesktopControls />
      </header>
      {stream === "reconnecting" && (
        <div class="banner" role="status" data-banner="reconnecting">Reconnecting to MCP Proxy… what you see may be out of date.</div>
      )}
      {problem && <div class="banner banner-error" role="alert">{problem}</div>}
      <main id="main" tabIndex={-1}>
        <View path={path} />
      </main>
      <div class="notices" aria-live="polite">
        {messages.map((n) => (
          <div class={`notice notice-${n.kind}`} key={n.id} role={n.kind === "error" ? "alert" : "status"}>
            <span>{n.text}</span>
            <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>×</button>
          </div>
        ))}
      </div>
    </>
  );
}
