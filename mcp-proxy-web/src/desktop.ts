// The desktop app's bridge: when the page runs in the desktop window, the app puts an object on the window with the
// seed's four commands (its Tauri commands, here Java methods called from the page). Elsewhere it is absent and the
// controls that need it are hidden. Each command answers JSON text: its result, or {"error": "…"} (update_config
// adds the configuration's "problems" as PUT /api/config gives them). The app tells the page of its sidecar by
// window events: "backend-error" (detail: the message in words) and "backend-status" (detail: a BackendStatus, or
// its JSON text), and of its own settings by "desktop-settings" (detail: DesktopSettings, when the tray changed them).
import type { ConfigChange } from "./api/backend";
import type { Problem } from "./api/types";
import { Store } from "./store";

export interface BackendStatus {
  running: boolean;
  pid?: number | null;
  port?: number;
  api_port?: number;
  uptime_s?: number | null;
  restarts?: number;
  last_error?: string | null;
}

/** The app's own settings: whether the system starts it at login, and where that is kept (a file, a registry value). */
export interface DesktopSettings {
  start_at_login: boolean;
  start_at_login_where?: string;
}

/** The commands as the desktop exposes them: each answers JSON text (a Java bridge returns strings). */
interface RawDesktopBridge {
  start_backend(): string;
  stop_backend(): string;
  get_backend_status(): string;
  update_config(yaml: string): string;
  get_settings(): string;
  set_start_at_login(on: boolean): string;
  open_in_browser(url: string): string;
}

declare global {
  interface Window {
    mcpProxyDesktop?: RawDesktopBridge;
  }
}

export interface DesktopBridge {
  startBackend(): Promise<BackendStatus>;
  stopBackend(): Promise<BackendStatus>;
  getBackendStatus(): Promise<BackendStatus>;
  /** Saves the configuration where the desktop keeps it and applies it: what PUT /api/config answers. */
  updateConfig(yaml: string): Promise<{ change?: ConfigChange }>;
  getSettings(): Promise<DesktopSettings>;
  setStartAtLogin(on: boolean): Promise<DesktopSettings>;
  /** Shows an http(s) address in the user's browser, never in the window. */
  openInBrowser(url: string): Promise<{ opened: boolean }>;
}

/** A command's refusal: its message, and for update_config the configuration's problems as the API gives them. */
export class DesktopError extends Error {
  readonly problems: Problem[];

  constructor(message: string, problems: Problem[] = []) {
    super(message);
    this.problems = problems;
  }
}

function call<T>(run: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      const answer = JSON.parse(run()) as T & { error?: string; problems?: Problem[] };
      if (answer && typeof answer === "object" && typeof answer.error === "string") {
        reject(new DesktopError(answer.error, Array.isArray(answer.problems) ? answer.problems : []));
      } else {
        resolve(answer);
      }
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/**
 * Whether the bridge is there, kept current: the desktop can set it only after the page has loaded, and then says so
 * with the window event "mcp-proxy-desktop-ready".
 */
export const desktopPresent = new Store<boolean>(window.mcpProxyDesktop !== undefined);
window.addEventListener("mcp-proxy-desktop-ready", () => desktopPresent.set(window.mcpProxyDesktop !== undefined));

export function desktopBridge(): DesktopBridge | undefined {
  const raw = window.mcpProxyDesktop;
  if (!raw) return undefined;
  return {
    startBackend: () => call(() => raw.start_backend()),
    stopBackend: () => call(() => raw.stop_backend()),
    getBackendStatus: () => call(() => raw.get_backend_status()),
    updateConfig: (yaml) => call(() => raw.update_config(yaml)),
    getSettings: () => call(() => raw.get_settings()),
    setStartAtLogin: (on) => call(() => raw.set_start_at_login(on)),
    openInBrowser: (url) => call(() => raw.open_in_browser(url)),
  };
}

/**
 * Opens a page of another site, such as a sign-in page, in the user's browser: through the desktop where the page is
 * in its window (the window shows only the proxy's own pages), else in a new tab.
 */
export async function openInBrowser(url: string): Promise<void> {
  const desktop = desktopBridge();
  if (desktop) {
    await desktop.openInBrowser(url);
  } else {
    window.open(url, "_blank", "noopener,noreferrer");
  }
}
