// The sidecar's live events over Server-Sent Events (JavaFX's WebKit has no working WebSocket). The browser's own
// EventSource retry is replaced by ours: it backs off, shows that it is reconnecting, and catches up from the last
// event id it saw, which also holds across a new sidecar on the same port (event ids only grow, launch to launch).
import type { ApiEvent } from "./types";

export type StreamState = "connecting" | "open" | "reconnecting" | "closed";

export const EVENT_TYPES = ["server-state", "log", "call", "config-changed", "config-invalid", "list-changed", "missed"];

export interface EventStreamOptions {
  /** Event types to receive; all when absent. */
  types?: string[];
  /** Servers whose log lines to receive ("*" for all). */
  logs?: string[];
  onEvent: (event: ApiEvent) => void;
  onState?: (state: StreamState) => void;
  /** Called on every (re)connection, before the events it brings: the moment to refetch what may have changed. */
  onOpen?: () => void;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

export class EventStream {
  private readonly options: EventStreamOptions;
  private source: EventSource | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempts = 0;
  private lastId = 0;
  private closed = false;

  constructor(options: EventStreamOptions) {
    this.options = options;
  }

  start(): this {
    this.open();
    return this;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.options.onState?.("closed");
  }

  private url(): string {
    const query = new URLSearchParams();
    if (this.options.types) query.set("types", this.options.types.join(","));
    if (this.options.logs) query.set("logs", this.options.logs.join(","));
    if (this.lastId > 0) query.set("last_event_id", String(this.lastId));
    const text = query.toString();
    return "/api/events" + (text ? "?" + text : "");
  }

  private open(): void {
    this.options.onState?.(this.attempts === 0 ? "connecting" : "reconnecting");
    const source = new EventSource(this.url());
    this.source = source;
    source.onopen = () => {
      this.attempts = 0;
      this.options.onState?.("open");
      this.options.onOpen?.();
    };
    const deliver = (message: MessageEvent<string>) => {
      const id = Number(message.lastEventId);
      if (id > 0) this.lastId = id;
      try {
        this.options.onEvent(JSON.parse(message.data) as ApiEvent);
      } catch (error) {
        console.error("An event could not be read", error);
      }
    };
    for (const type of this.options.types ?? EVENT_TYPES) {
      source.addEventListener(type, deliver);
    }
    source.onerror = () => {
      source.close();
      if (this.closed) return;
      this.options.onState?.("reconnecting");
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.attempts);
      this.attempts++;
      this.retryTimer = setTimeout(() => this.open(), delay * (0.75 + Math.random() * 0.5));
    };
  }
}
