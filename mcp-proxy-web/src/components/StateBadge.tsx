import type { ServerState } from "../api/types";

const WORDS: Record<ServerState, string> = {
  stopped: "Stopped",
  starting: "Starting",
  running: "Running",
  unhealthy: "Unhealthy",
  "backing-off": "Restarting soon",
  failed: "Failed",
  "needs-sign-in": "Sign-in needed",
};

/** The state in words and colour; the word carries the meaning, so it reads the same without the colour. */
export function StateBadge({ state }: { state: ServerState | undefined }) {
  const known = state ?? "stopped";
  return (
    <span class={`badge badge-${known}`} data-state={known}>
      {WORDS[known] ?? known}
    </span>
  );
}
