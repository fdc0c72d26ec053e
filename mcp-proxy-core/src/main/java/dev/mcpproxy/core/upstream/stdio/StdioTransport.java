package dev.mcpproxy.core.upstream.stdio;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.json.MessageScanner;
import dev.mcpproxy.core.process.ExitStatus;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.OrphanGuard;
import dev.mcpproxy.core.process.ProcessSpec;
import dev.mcpproxy.core.process.StdioProcess;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.UpstreamTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import tools.jackson.databind.JsonNode;

/** An upstream that is a child process speaking newline-delimited JSON-RPC on stdin and stdout. */
public final class StdioTransport implements UpstreamTransport {

    /** How long a stopped server gets to exit after SIGTERM before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final ServerConfig config;
    private final LogRing logs;
    private final OrphanGuard guard;
    private volatile StdioProcess process;
    private volatile boolean endedCleanly;
    /** Why the proxy ended the process itself because it could no longer read it; null while it can. */
    private volatile String readerFailure;
    private boolean ending;
    /**
     * Where each request sent and not yet answered ends in its child's input, by id. An answer proves the child
     * read its request and, the input being one stream, all that was sent before it.
     */
    private final ConcurrentSkipListMap<Long, RequestEnd> requestEnds = new ConcurrentSkipListMap<>();

    /** The process a request went to (a restart starts another) and where it ends in that one's input. */
    private record RequestEnd(StdioProcess process, long offset) {
    }

    public StdioTransport(ServerConfig config, LogRing logs, OrphanGuard guard) {
        this.config = config;
        this.logs = logs;
        this.guard = guard;
    }

    @Override
    public void start(Listener listener) throws IOException {
        ProcessSpec spec = new ProcessSpec(config.name(), config.command(), config.env(), config.cwd());
        process = StdioProcess.start(spec, new StdoutLines(config, logs, listener, this::answered, this::readerFailed),
                logs, guard);
        process.exited().thenAccept(status -> {
            String failure = readerFailure;
            endedCleanly = failure == null && status.code() == 0 && !status.killedByUs();
            listener.onClosed(failure != null ? failure : describe(status));
        });
        endIfUnreadable();
    }

    /** The child can no longer be read: it is ended, and its end reported with this reason. */
    private void readerFailed(String reason) {
        readerFailure = config.name() + " was stopped: the proxy could no longer read its output (" + reason + ")";
        endIfUnreadable();
    }

    /**
     * Ends the process once its reader has failed and the process is known: a reader can fail on the child's
     * first line, before {@link StdioProcess#start} has returned it.
     */
    private synchronized void endIfUnreadable() {
        if (readerFailure != null && process != null && !ending) {
            ending = true;
            Thread.ofVirtual().start(this::close);
        }
    }

    /** The child answered request {@code id}: it has read all that was sent up to that request's end. */
    private void answered(long id) {
        RequestEnd end = requestEnds.remove(id);
        if (end != null && end.process() == process) {
            end.process().childHasRead(end.offset());
        }
        // Earlier ids go too, to keep this bounded: most were answered, some never will be (timed out, cancelled),
        // and forgetting one only loses a confirmation that a later answer gives anyway.
        requestEnds.headMap(id).clear();
    }

    /** The message's id when it is a message of that kind with a numeric id (the proxy's own requests have one). */
    static OptionalLong numericId(JsonNode message, JsonRpc.Kind kind) {
        JsonNode id = message.get("id");
        return JsonRpc.kind(message) == kind && id.canConvertToLong() ? OptionalLong.of(id.asLong())
                : OptionalLong.empty();
    }

    private String describe(ExitStatus status) {
        if (status.killedByUs()) {
            return config.name() + " was stopped";
        }
        String exited = config.name() + " exited with code " + status.code();
        if (status.lastStderr().isEmpty()) {
            return exited;
        }
        // The last words on stderr are usually the reason (a missing file, a bad flag, a stack trace's cause).
        return exited + "; its stderr ended with: " + status.lastStderr().getLast().strip();
    }

    @Override
    public void send(JsonNode message, byte[] json) throws IOException {
        StdioProcess p = process;
        if (p == null) {
            throw new IOException(config.name() + " is not started");
        }
        long end = p.writeLine(json);
        OptionalLong id = numericId(message, JsonRpc.Kind.REQUEST);
        if (id.isPresent()) {
            requestEnds.put(id.getAsLong(), new RequestEnd(p, end));
        }
    }

    @Override
    public void close() {
        StdioProcess p = process;
        if (p != null) {
            p.stop(STOP_GRACE);
        }
    }

    @Override
    public OptionalLong pid() {
        StdioProcess p = process;
        return p == null ? OptionalLong.empty() : OptionalLong.of(p.pid());
    }

    @Override
    public boolean endedCleanly() {
        return endedCleanly;
    }

    static MessageScanner scan(byte[] line) {
        MessageScanner scanner = new MessageScanner();
        scanner.feed(line, 0, line.length);
        return scanner;
    }
}
