// The example configurations the sidecar ships (GET /api/examples), offered as a start: one chosen goes into the
// Configuration view's editor, where nothing is saved until the user checks it and presses "Save and apply".
import { useEffect, useState } from "preact/hooks";
import { backend } from "../api/backend";
import type { Example } from "../api/types";
import { report } from "../state";
import { Store } from "../store";

/** An example chosen elsewhere (the empty Servers view), for the Configuration view to load into its editor. */
export const chosenExample = new Store<Example | undefined>(undefined);

export function ExampleList({ onUse }: { onUse: (example: Example) => void }) {
  const [examples, setExamples] = useState<Example[] | undefined>();
  useEffect(() => {
    backend.getExamples().then((answer) => setExamples(answer.examples ?? [])).catch(report);
  }, []);
  if (examples === undefined) return <p class="muted">Loading the examples…</p>;
  return (
    <ul class="examples">
      {examples.map((example) => (
        <li key={example.name} data-example={example.name}>
          <div>
            <strong class="mono">{example.name}</strong>
            <div class="muted">{example.description}</div>
          </div>
          <button type="button" onClick={() => onUse(example)} aria-label={`Use the example ${example.name}`}>Use</button>
        </li>
      ))}
    </ul>
  );
}
