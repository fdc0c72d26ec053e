// What the page knows of the sidecar, kept current by its events: the servers, the recent calls, whether the page
// may use the API at all, and whether the event stream is connected.
import { ApiError, backend } from "./api/backend";
import { EventStream, type StreamState } from "./api/events";
import type { ApiEvent, Call, Server } from "./api/types";
import { Store } from "./store";

export type Access = "unknown" | "ok" | "unauthorized";

export const servers = new Store<Server[] | undefined>(undefined);
/** When the list was fetched (ms, performance.now()), to count uptimes on from it. */
export let serversFetchedAt = 0;
export const recentCalls = new Store<Call[]>([]);
export const streamState = new Store<StreamState>("connecting");
export const access = new Store<Access>("unknown");
/** Bumped when any server's tools, prompts or resources change, so that views holding them fetch them again. */
export const listsVersion = new Store<number>(0);
/** A configuration written to disk that the sidecar refused, in words; cleared by the next accepted one. */
export const configProblem = new Store<string | undefined>(undefined);

export interface Notice {
  id: number;
  kind: "error" | "info";
  text: string;
}

export const notices = new Store<Notice[]>([]);
let nextNotice = 1;

export function notify(kind: Notice["kind"], text: string): void {
  const notice = { id: nextNotice++, kind, text };
  notices.update((all) => [...all.slice(-4), notice]);
  setTimeout(() => dismiss(notice.id), kind === "error" ? 10000 : 4000);
}

export function dismiss(id: number): void {
  notices.update((all) => all.filter((n) => n.id !== id));
}

/** Shows what went wrong in words; a missing token turns the whole page into the message saying where to go. */
export function report(error: unknown): void {
  if (error instanceof ApiError && error.unauthorized) {
    access.set("unauthorized");
    return;
  }
  if (error instanceof ApiError && error.status === 0 && streamState.get() === "reconnecting") {
    return; // the banner already says so
  }
  notify("error", error instanceof Error ? error.message : String(error));
}

const MAX_CALLS = 500;

let refreshing: Promise<void> | undefined;
let refreshAgain = false;

/** Fetches the server list; calls while one is under way make one more fetch after it, not one each. */
export function refreshServers(): Promise<void> {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = backend
    .getServers()
    .then((list) => {
      access.set("ok");
      serversFetchedAt = performance.now();
      servers.set(list);
    })
    .catch(report)
    .finally(() => {
      refreshing = undefined;
      if (refreshAgain) {
        refreshAgain = false;
        void refreshServers();
      }
    });
  return refreshing;
}

function refreshCalls(): void {
  backend
    .getCalls(MAX_CALLS)
    .then((answer) => recentCalls.set(answer.calls ?? []))
    .catch(report);
}

function onEvent(event: ApiEvent): void {
  const data = (event.data ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case "server-state": {
      const name = data["server"];
      const state = data["state"] as Server["state"];
      // The badge changes at once; the rest of the server's figures follow with the list.
      servers.update((list) => list?.map((s) => (s.name === name ? { ...s, state } : s)));
      void refreshServers();
      break;
    }
    case "list-changed":
      listsVersion.update((v) => v + 1);
      void refreshServers();
      break;
    case "call":
      recentCalls.update((calls) => [data as Call, ...calls.filter((c) => c.id !== data["id"])].slice(0, MAX_CALLS));
      break;
    case "config-changed":
      configProblem.set(undefined);
      void refreshServers();
      break;
    case "config-invalid": {
      const problems = Array.isArray(data["problems"]) ? (data["problems"] as string[]) : [];
      configProblem.set(`${String(data["file"] ?? "The configuration file")} was changed on disk but is not valid; ` +
        `the running configuration stays. ${problems.join(" ")}`);
      break;
    }
    case "missed":
      void refreshServers();
      refreshCalls();
      break;
  }
}

let stream: EventStream | undefined;

export function connect(): void {
  stream?.close();
  stream = new EventStream({
    types: ["server-state", "call", "config-changed", "config-invalid", "list-changed", "missed"],
    onEvent,
    onOpen: () => {
      void refreshServers();
      refreshCalls();
    },
    onState: (state) => {
      streamState.set(state);
      // An EventSource cannot see why it was refused: a fetch can tell a missing token from a stopped sidecar.
      if (state === "reconnecting") void refreshServers();
    },
  }).start();
  void refreshServers();
}
