// The desktop app's bridge: when the page runs in the desktop window, the app puts an object on the window with the
// seed's four commands (its Tauri commands, here Java methods called from the page). Elsewhere it is absent and the
// controls that need it are hidden.

export interface BackendStatus {
  running: boolean;
  pid?: number | null;
  port?: number;
  api_port?: number;
  uptime_s?: number | null;
  restarts?: number;
  last_error?: string | null;
}

/** The commands as the desktop exposes them: each answers JSON text (a Java bridge returns strings). */
interface RawDesktopBridge {
  start_backend(): string;
  stop_backend(): string;
  get_backend_status(): string;
  update_config(yaml: string): string;
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
  updateConfig(yaml: string): Promise<unknown>;
}

function call<T>(run: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      const answer = JSON.parse(run()) as T & { error?: string };
      if (answer && typeof answer === "object" && typeof answer.error === "string") reject(new Error(answer.error));
      else resolve(answer);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

export function desktopBridge(): DesktopBridge | undefined {
  const raw = window.mcpProxyDesktop;
  if (!raw) return undefined;
  return {
    startBackend: () => call(() => raw.start_backend()),
    stopBackend: () => call(() => raw.stop_backend()),
    getBackendStatus: () => call(() => raw.get_backend_status()),
    updateConfig: (yaml) => call(() => raw.update_config(yaml)),
  };
}
