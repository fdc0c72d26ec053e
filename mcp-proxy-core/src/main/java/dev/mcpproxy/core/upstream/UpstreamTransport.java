package dev.mcpproxy.core.upstream;

import dev.mcpproxy.core.json.RawMessage;
import dev.mcpproxy.core.upstream.auth.NeedsSignInException;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/** A message pipe to one upstream MCP server: a child process on stdio, or an HTTP connection. */
public interface UpstreamTransport {

    /** Opens the pipe. Inbound messages reach the listener in the order the upstream sent them. */
    void start(Listener listener) throws IOException;

    /**
     * Sends one message; safe to call from many threads at once.
     *
     * @param json the message's JSON text, written once by the caller, who may keep it: a transport sends it as it
     *             is and never changes it
     */
    void send(JsonNode message, byte[] json) throws IOException;

    /** Closes the pipe and, for a process, ends it and its children. Blocks until done. */
    void close();

    /** The process id, when the upstream is a local process. */
    OptionalLong pid();

    /** After the pipe closed: whether the upstream ended on purpose (a process exiting with code 0). */
    default boolean endedCleanly() {
        return false;
    }

    interface Listener {
        void onMessage(JsonNode message);

        /** A large response to the proxy's request {@code id}, as its bytes (see {@link RawMessage}). */
        void onRawResponse(long id, RawMessage response);

        /**
         * An answer to the proxy's request {@code id} came but cannot be delivered (too large, not JSON): the
         * request fails at once with {@code message}'s text for the request's method, instead of waiting out its
         * timeout.
         */
        void onUnusableAnswer(long id, Function<String, String> message);

        /** The pipe is gone for good; {@code reason} says why in words a person can act on. */
        void onClosed(String reason);

        /** The upstream wants a sign-in the proxy cannot do alone; the pipe is of no use until a person signs in. */
        default void onNeedsSignIn(NeedsSignInException e) {
            onClosed(e.getMessage());
        }
    }
}
