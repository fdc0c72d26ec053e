// The seed's BackendService: every call the UI makes to the sidecar's management API. The page is served by the
// API's own port, so requests are same-origin and carry the launch token as the cookie that `/?token=` set.
import type { paths } from "./openapi.gen";
import type { CallOutcome } from "../components/ResultView";
import type { Problem, Server, ServerDetail, ServerEntry } from "./types";

/** An answer that is not a success, in words a person can read. */
export class ApiError extends Error {
  readonly status: number;
  readonly problems: Problem[];

  constructor(status: number, message: string, problems: Problem[] = []) {
    super(message);
    this.status = status;
    this.problems = problems;
  }

  /** The page has no token: it was not opened from the address the sidecar printed. */
  get unauthorized(): boolean {
    return this.status === 401;
  }
}

type Operations<P extends keyof paths> = paths[P];
type JsonOf<T> = T extends { content: { "application/json": infer B } } ? B : never;

/** What a route answers with 200, as /api/openapi.json describes it. */
export type Answer<P extends keyof paths, M extends keyof Operations<P>> =
  Operations<P>[M] extends { responses: { 200: infer R } } ? JsonOf<R> : never;

/** What a route takes as its JSON body, as /api/openapi.json describes it. */
export type Body<P extends keyof paths, M extends keyof Operations<P>> =
  Operations<P>[M] extends { requestBody?: infer R } ? JsonOf<NonNullable<R>> : never;

export type LogPage = Answer<"/api/logs/{server}", "get">;
export type ConfigFile = Answer<"/api/config", "get">;
export type Validation = Answer<"/api/config/validate", "post">;
export type ImportResult = Answer<"/api/import", "post">;
export type Health = Answer<"/health", "get">;
export type ConfigChange = NonNullable<Answer<"/api/config", "put">["change"]>;

export class BackendService {
  private readonly base: string;

  constructor(base = "") {
    this.base = base;
  }

  getHealth(): Promise<Health> {
    return this.request("GET", "/health");
  }

  getServers(): Promise<Server[]> {
    return this.request("GET", "/api/servers");
  }

  getServer(name: string): Promise<ServerDetail> {
    return this.request("GET", `/api/servers/${encodeURIComponent(name)}`);
  }

  startServer(name: string): Promise<Server> {
    return this.request("POST", `/api/servers/${encodeURIComponent(name)}/start`);
  }

  stopServer(name: string): Promise<Server> {
    return this.request("POST", `/api/servers/${encodeURIComponent(name)}/stop`);
  }

  restartServer(name: string): Promise<Server> {
    return this.request("POST", `/api/servers/${encodeURIComponent(name)}/restart`);
  }

  /** Starts signing in to a remote server: the address of its authorization server's page, for the user's browser. */
  signIn(name: string): Promise<Answer<"/api/servers/{name}/sign-in", "post">> {
    return this.request("POST", `/api/servers/${encodeURIComponent(name)}/sign-in`);
  }

  addServer(entry: ServerEntry): Promise<Server> {
    return this.request("POST", "/api/servers", entry);
  }

  removeServer(name: string): Promise<Answer<"/api/servers/{name}", "delete">> {
    return this.request("DELETE", `/api/servers/${encodeURIComponent(name)}`);
  }

  getLogs(server: string, lines = 100, since?: number): Promise<LogPage> {
    const query = new URLSearchParams({ lines: String(lines) });
    if (since !== undefined) query.set("since", String(since));
    return this.request("GET", `/api/logs/${encodeURIComponent(server)}?${query}`);
  }

  getConfig(): Promise<ConfigFile> {
    return this.request("GET", "/api/config");
  }

  putConfig(yaml: string): Promise<Answer<"/api/config", "put">> {
    return this.request("PUT", "/api/config", { yaml });
  }

  validateConfig(yaml: string): Promise<Validation> {
    return this.request("POST", "/api/config/validate", { yaml });
  }

  importServers(clientJson: Body<"/api/import", "post">["json"], apply: boolean): Promise<ImportResult> {
    return this.request("POST", "/api/import", { json: clientJson, apply });
  }

  /** The example configurations the sidecar ships, each with its one-line description and its text. */
  getExamples(): Promise<Answer<"/api/examples", "get">> {
    return this.request("GET", "/api/examples");
  }

  getCalls(limit = 200): Promise<Answer<"/api/calls", "get">> {
    return this.request("GET", `/api/calls?limit=${limit}`);
  }

  /** The entries for the aggregate endpoint, or for a profile's. */
  getClients(profile?: string): Promise<Answer<"/api/clients", "get">> {
    return this.request("GET", "/api/clients" + profileQuery(profile));
  }

  getProfiles(): Promise<Answer<"/api/profiles", "get">> {
    return this.request("GET", "/api/profiles");
  }

  /** Previews, or with apply writes, this proxy's entry into a client's own configuration file. */
  connectClient(id: string, apply: boolean, profile?: string): Promise<Answer<"/api/clients/{id}/connect", "post">> {
    return this.request("POST", `/api/clients/${encodeURIComponent(id)}/connect${profileQuery(profile)}`, { apply });
  }

  undoClient(id: string): Promise<Answer<"/api/clients/{id}/undo", "post">> {
    return this.request("POST", `/api/clients/${encodeURIComponent(id)}/undo`);
  }

  getCall(id: number): Promise<Answer<"/api/calls/{id}", "get">> {
    return this.request("GET", `/api/calls/${id}`);
  }

  getSecrets(): Promise<Answer<"/api/secrets", "get">> {
    return this.request("GET", "/api/secrets");
  }

  setSecret(name: string, value: string): Promise<void> {
    return this.request("PUT", `/api/secrets/${secretPath(name)}`, { value });
  }

  deleteSecret(name: string): Promise<void> {
    return this.request("DELETE", `/api/secrets/${secretPath(name)}`);
  }

  getContextCost(): Promise<Answer<"/api/context-cost", "get">> {
    return this.request("GET", "/api/context-cost");
  }

  /** Sends a tools/call, prompts/get or resources/read to one server, by its own names; recorded as traffic. */
  callServer(name: string, method: "tools/call" | "prompts/get" | "resources/read", params: Record<string, unknown>):
    Promise<CallOutcome> {
    return this.request("POST", `/api/servers/${encodeURIComponent(name)}/call`, { method, params });
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (body !== undefined) {
      init.headers = { Accept: "application/json", "Content-Type": "application/json" };
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await fetch(this.base + path, init);
    } catch {
      throw new ApiError(0, "The sidecar cannot be reached: it may have stopped or be restarting.");
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const answer = (parsed ?? {}) as { error?: unknown; problems?: Problem[] };
      const message = typeof answer.error === "string" ? answer.error : `The sidecar answered ${response.status}`;
      throw new ApiError(response.status, message, Array.isArray(answer.problems) ? answer.problems : []);
    }
    return parsed as T;
  }
}

function profileQuery(profile: string | undefined): string {
  return profile ? `?profile=${encodeURIComponent(profile)}` : "";
}

/** A secret's name in the path: its slashes stay, as the API reads them (/api/secrets/oauth/linear/tokens). */
function secretPath(name: string): string {
  return name.split("/").map(encodeURIComponent).join("/");
}

export const backend = new BackendService();
