package dev.mcpproxy.core.upstream.stdio;

import static dev.mcpproxy.core.upstream.MessageSizes.mebibytes;
import static dev.mcpproxy.core.upstream.MessageSizes.megabytes;

import dev.mcpproxy.core.config.ServerConfig;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.core.json.MessageScanner;
import dev.mcpproxy.core.json.RawMessage;
import dev.mcpproxy.core.process.LargeMessageBudget;
import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.LogStream;
import dev.mcpproxy.core.process.StdoutHandler;
import dev.mcpproxy.core.rpc.JsonRpc;
import dev.mcpproxy.core.upstream.UpstreamTransport;
import dev.mcpproxy.core.upstream.MessageSizes;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import tools.jackson.databind.JsonNode;

/**
 * What a stdio server writes on stdout, line by line: JSON-RPC messages to the listener, anything else to its log.
 * A line that cannot be delivered (too large, not JSON) is logged with the server's name, and when it is the
 * answer to a request of the proxy's, that request fails at once saying why.
 */
final class StdoutLines implements StdoutHandler {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.upstream");
    /** What a log line shows of a line that could not be used. */
    private static final int CUT = 200;

    private final ServerConfig config;
    private final LogRing logs;
    private final UpstreamTransport.Listener listener;
    private final LongConsumer answered;
    private final Consumer<String> readerFailed;

    StdoutLines(ServerConfig config, LogRing logs, UpstreamTransport.Listener listener, LongConsumer answered,
                Consumer<String> readerFailed) {
        this.config = config;
        this.logs = logs;
        this.listener = listener;
        this.answered = answered;
        this.readerFailed = readerFailed;
    }

    @Override
    public int maxLength() {
        return config.maxMessageBytes();
    }

    /** Servers print banners and stray debug output on stdout too; only JSON objects and arrays are protocol. */
    @Override
    public void line(byte[] line) {
        int first = 0;
        while (first < line.length && Character.isWhitespace(line[first])) {
            first++;
        }
        if (first == line.length) {
            return;
        }
        if (line[first] != '{' && line[first] != '[') {
            // Decoded no further than the log keeps: a stray line may be megabytes long.
            logs.append(LogStream.STDOUT, new String(line, 0, Math.min(line.length, LogRing.MAX_LINE_CHARS + 1),
                    StandardCharsets.UTF_8));
            return;
        }
        // Taken as a long line is: an answer to one of the proxy's requests goes on as its bytes, whatever its size.
        longLine(List.of(line), line.length, StdioTransport.scan(line));
    }

    /**
     * A response (to the proxy's numeric id) is passed on as its bytes, checked but never parsed into a tree (see
     * RawMessage); any other message is parsed. Memory that runs out on the way fails the request, drops the line,
     * and the reader goes on: what was built of it is unreachable once this unwinds.
     */
    @Override
    public void longLine(List<byte[]> pieces, long length, MessageScanner seen) {
        String problem = seen.problem();
        if (problem != null) {
            malformed(cut(pieces.getFirst(), length), length, seen, problem);
            return;
        }
        RawMessage raw = new RawMessage(pieces, seen);
        OptionalLong id = seen.numericId();
        try {
            if (seen.isResponse() && id.isPresent()) {
                answered.accept(id.getAsLong());
                listener.onRawResponse(id.getAsLong(), raw);
            } else {
                deliver(raw.parse());
            }
        } catch (Json.MalformedJsonException e) {
            malformed(cut(pieces.getFirst(), length), length, seen, e.getMessage());
        } catch (OutOfMemoryError e) {
            failAnswer(seen, "of " + megabytes(length) + " could not be carried: the sidecar ran out of memory"
                    + " holding it. Give the sidecar more heap (-Xmx) or lower max_message_size.");
            throw e;
        }
    }

    @Override
    public void skipped(byte[] head, long length, MessageScanner seen, Skip why) {
        String problem = switch (why) {
            case TOO_LONG -> MessageSizes.overLimit(length, maxLength());
            case NO_ROOM -> "(" + megabytes(length) + ") did not fit beside the other large messages the proxy"
                    + " is carrying (" + mebibytes(LargeMessageBudget.SHARED.capacity()) + " together at most, its"
                    + " heap less what the rest needs). Try again, or give the sidecar more heap (-Xmx).";
        };
        LOG.log(Level.WARNING, config.name() + ": skipped a line of " + megabytes(length) + " on stdout ("
                + (why == Skip.TOO_LONG ? "over max_message_size" : "no room beside other large messages")
                + "): " + cut(head, length));
        failAnswer(seen, problem);
    }

    @Override
    public void readerFailed(String reason) {
        readerFailed.accept(reason);
    }

    private void deliver(JsonNode message) {
        if (message.isArray()) {
            message.forEach(listener::onMessage);
            return;
        }
        if (message.isObject()) {
            StdioTransport.numericId(message, JsonRpc.Kind.RESPONSE).ifPresent(answered);
            listener.onMessage(message);
            return;
        }
        logs.append(LogStream.STDOUT, Json.write(message));
    }

    private void malformed(String cut, long length, MessageScanner seen, String problem) {
        LOG.log(Level.WARNING, config.name() + " wrote a line that is not valid JSON (" + problem + "), "
                + megabytes(length) + ": " + cut);
        logs.append(LogStream.STDOUT, cut);
        OptionalLong id = seen.numericId();
        if (seen.isResponse() && id.isPresent()) {
            answered.accept(id.getAsLong());
            listener.onUnusableAnswer(id.getAsLong(), method -> config.name() + " sent a malformed answer to "
                    + method + ": " + problem);
        }
    }

    /** Fails the request a skipped line answered, when the scanner found which; the child has read it. */
    private void failAnswer(MessageScanner seen, String problem) {
        OptionalLong id = seen.numericId();
        if (seen.isResponse() && id.isPresent()) {
            answered.accept(id.getAsLong());
            listener.onUnusableAnswer(id.getAsLong(), method -> config.name() + ": the answer to " + method + " "
                    + problem);
        }
    }

    /** The line's first characters, decoded from no more bytes than are shown. */
    private static String cut(byte[] start, long length) {
        String text = new String(start, 0, Math.min(start.length, CUT), StandardCharsets.UTF_8);
        return length > CUT ? text + "… (" + length + " bytes)" : text;
    }
}
