// What a server answered to a call, as a person reads it: text as text, images as images, structured content and
// anything else as JSON; a tool's error and a protocol error said as such.
import { prettyJson } from "../format";

interface ContentBlock {
  type?: string;
  text?: string;
  data?: string;
  mimeType?: string;
  uri?: string;
  name?: string;
  resource?: { uri?: string; text?: string; blob?: string; mimeType?: string };
}

export interface CallOutcome {
  result?: Record<string, unknown>;
  error?: { code?: number; message?: string; data?: unknown };
}

function Block({ block }: { block: ContentBlock }) {
  switch (block.type) {
    case "text":
      return <pre class="result-text">{block.text}</pre>;
    case "image":
      return <img class="result-image" alt="Image returned by the tool" src={`data:${block.mimeType ?? "image/png"};base64,${block.data ?? ""}`} />;
    case "audio":
      return <audio controls src={`data:${block.mimeType ?? "audio/wav"};base64,${block.data ?? ""}`} />;
    case "resource":
      return (
        <div>
          <p class="muted">Resource {block.resource?.uri}</p>
          {block.resource?.text !== undefined ? <pre class="result-text">{block.resource.text}</pre> : <pre>{prettyJson(block.resource)}</pre>}
        </div>
      );
    case "resource_link":
      return <p>Link to resource <code>{block.uri}</code> {block.name}</p>;
    default:
      return <pre>{prettyJson(block)}</pre>;
  }
}

export function ResultView({ outcome }: { outcome: CallOutcome }) {
  if (outcome.error) {
    return (
      <div class="result result-error" role="status">
        <h4>The server answered with an error</h4>
        <p>{outcome.error.message ?? "No message"} {outcome.error.code !== undefined && <span class="muted">(code {outcome.error.code})</span>}</p>
        {outcome.error.data !== undefined && <pre>{prettyJson(outcome.error.data)}</pre>}
      </div>
    );
  }
  const result = outcome.result ?? {};
  const isError = result["isError"] === true;
  const content = Array.isArray(result["content"]) ? (result["content"] as ContentBlock[]) : undefined;
  const messages = Array.isArray(result["messages"]) ? (result["messages"] as { role?: string; content?: ContentBlock }[]) : undefined;
  const contents = Array.isArray(result["contents"]) ? (result["contents"] as ContentBlock[]) : undefined;
  return (
    <div class={isError ? "result result-error" : "result"} role="status">
      <h4>{isError ? "The tool reported an error" : "Result"}</h4>
      {content?.map((block, i) => <Block block={block} key={i} />)}
      {messages?.map((message, i) => (
        <div key={i}>
          <p class="muted">{message.role}</p>
          {message.content && <Block block={message.content} />}
        </div>
      ))}
      {contents?.map((item, i) => (
        <div key={i}>
          <p class="muted">{item.uri} {item.mimeType}</p>
          {item.text !== undefined ? <pre class="result-text">{item.text}</pre> : <pre>{item.mimeType?.startsWith("image/") ? "" : `${(item as { blob?: string }).blob?.length ?? 0} bytes of base64`}</pre>}
        </div>
      ))}
      {result["structuredContent"] !== undefined && (
        <>
          <p class="muted">Structured content</p>
          <pre>{prettyJson(result["structuredContent"])}</pre>
        </>
      )}
      {!content && !messages && !contents && <pre>{prettyJson(result)}</pre>}
    </div>
  );
}
