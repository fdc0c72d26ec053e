// A server's log, live: its recent lines, then every new one. Thousands of lines a second must not freeze the page,
// so lines are gathered outside of rendering and drawn once per frame, and only the rows in view are in the DOM.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { backend } from "../api/backend";
import { EventStream } from "../api/events";
import type { LogLine } from "../api/types";
import { clockTime, copyText, download } from "../format";
import { notify, report } from "../state";

/** Lines kept per tail; older ones drop off the top. */
const MAX_LINES = 10000;
const HISTORY_LINES = 2000;
/** Every row has this height (CSS pixels), which is what lets the list draw only what is in view. */
const ROW_HEIGHT = 20;
const OVERSCAN = 10;
/**
 * New lines are drawn at most this often: ten times a second is live to the eye, and under a flood it leaves the
 * page's thread idle most of the time, free to answer the user at once.
 */
const DRAW_INTERVAL_MS = 100;
/**
 * A server's stderr is read by a thread of its own, which can be a little behind the answer on its stdout: a call's
 * lines are those before its end in the log, and those read within this time after it.
 */
const LATE_LINE_MS = 250;

interface Props {
  server: string;
  /** Shown above the list; the tail's own name for screen readers. */
  label: string;
  /** A call's lines and no live tail: seq from `from`, before `to` or read by `until` (ms since the epoch). */
  range?: { from: number; to: number; until: number };
}

function lineText(line: LogLine): string {
  return `${line.time ?? ""} ${line.stream ?? ""} ${line.text ?? ""}`;
}

export function LogTail({ server, label, range }: Props) {
  const lines = useRef<LogLine[]>([]);
  const pending = useRef<LogLine[]>([]);
  const awaitingHistory = useRef(true);
  const frame = useRef(0);
  const [version, setVersion] = useState(0);
  const [paused, setPaused] = useState(false);
  const [frozen, setFrozen] = useState<LogLine[] | undefined>(undefined);
  const [filter, setFilter] = useState("");
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(400);
  const viewport = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  useEffect(() => {
    lines.current = [];
    pending.current = [];
    let closed = false;

    let lastDraw = 0;
    const schedule = () => {
      if (frame.current === 0) {
        const wait = Math.max(0, lastDraw + DRAW_INTERVAL_MS - performance.now());
        frame.current = window.setTimeout(() => requestAnimationFrame(() => {
          frame.current = 0;
          lastDraw = performance.now();
          if (awaitingHistory.current || pending.current.length === 0) return;
          const last = lines.current.at(-1)?.seq ?? -1;
          const fresh = pending.current.filter((l) => (l.seq ?? 0) > last);
          pending.current = [];
          const all = lines.current.concat(fresh);
          lines.current = all.length > MAX_LINES ? all.slice(all.length - MAX_LINES) : all;
          setVersion((v) => v + 1);
        }), wait);
      }
    };

    const loadHistory = () => {
      awaitingHistory.current = true;
      const ask = range
        ? backend.getLogs(server, Math.min(10000, Math.max(1, range.to - range.from) + 100), range.from)
        : backend.getLogs(server, HISTORY_LINES);
      ask
        .then((page) => {
          if (closed) return;
          const got = page.lines ?? [];
          lines.current = range
            ? got.filter((l) => (l.seq ?? 0) >= range.from
              && ((l.seq ?? 0) < range.to || Date.parse(l.time ?? "") <= range.until + LATE_LINE_MS))
            : got;
          awaitingHistory.current = false;
          setVersion((v) => v + 1);
          schedule();
        })
        .catch((error: unknown) => {
          awaitingHistory.current = false;
          report(error);
        });
    };

    if (range) {
      loadHistory();
      return () => {
        closed = true;
      };
    }
    const stream = new EventStream({
      types: ["log"],
      logs: [server],
      onOpen: loadHistory,
      onEvent: (event) => {
        const line = event.data as (LogLine & { server?: string }) | undefined;
        if (!line || line.server !== server) return;
        pending.current.push(line);
        if (pending.current.length > MAX_LINES) pending.current.splice(0, pending.current.length - MAX_LINES);
        schedule();
      },
    }).start();
    return () => {
      closed = true;
      clearTimeout(frame.current);
      frame.current = 0;
      stream.close();
    };
  }, [server, range?.from, range?.to, range?.until]);

  const shown = frozen ?? lines.current;
  const needle = filter.trim().toLowerCase();
  const visible = useMemo(
    () => (needle ? shown.filter((l) => (l.text ?? "").toLowerCase().includes(needle)) : shown),
    [shown, needle, version],
  );

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setViewHeight(element.clientHeight || 400);
    if (following.current) {
      element.scrollTop = element.scrollHeight;
      setScrollTop(element.scrollTop);
    }
  }, [visible.length, version]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(visible.length, Math.ceil((scrollTop + viewHeight) / ROW_HEIGHT) + OVERSCAN);
  const rows = visible.slice(first, last);
  const hidden = frozen ? lines.current.length - frozen.length : 0;

  const togglePause = () => {
    if (paused) {
      setFrozen(undefined);
      following.current = true;
    } else {
      setFrozen(lines.current);
    }
    setPaused(!paused);
  };

  return (
    <section class="log-tail" aria-label={label}>
      <div class="toolbar">
        <label>
          Filter <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
        {!range && (
          <button type="button" onClick={togglePause} aria-pressed={paused}>
            {paused ? "Resume" : "Pause"}
          </button>
        )}
        <button
          type="button"
          onClick={() => copyText(visible.map(lineText).join("\n")).then(() => notify("info", `${visible.length} lines copied`))}
        >
          Copy
        </button>
        <button type="button" onClick={() => download(`${server}.log`, shown.map(lineText).join("\n") + "\n")}>
          Download
        </button>
        <span class="muted" aria-live="polite">
          {visible.length} lines{paused && hidden > 0 ? `, ${hidden} new while paused` : ""}
        </span>
      </div>
      <div
        class="log-viewport"
        ref={viewport}
        tabIndex={0}
        role="log"
        aria-label={`${label}: ${visible.length} lines`}
        onScroll={(e) => {
          const element = e.currentTarget;
          setScrollTop(element.scrollTop);
          following.current = element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT;
        }}
      >
        <div class="log-space" style={{ height: `${visible.length * ROW_HEIGHT}px` }}>
          {rows.map((line, index) => (
            <div
              class={`log-line log-${line.stream ?? "stdout"}`}
              key={line.seq}
              style={{ top: `${(first + index) * ROW_HEIGHT}px` }}
            >
              <span class="log-time">{clockTime(line.time)}</span> <span class="log-text">{line.text}</span>
            </div>
          ))}
        </div>
        {visible.length === 0 && <p class="empty">{needle ? "No line matches the filter." : "No lines yet."}</p>}
      </div>
    </section>
  );
}
