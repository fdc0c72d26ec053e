package dev.mcpproxy.core.upstream;

import dev.mcpproxy.core.upstream.auth.NeedsSignInException;
import tools.jackson.databind.node.ObjectNode;

/** What an upstream sends on its own: requests to the client side (sampling, elicitation, roots, ping) and notifications. */
public interface InboundHandler {

    void onRequest(UpstreamConnection from, ObjectNode request);

    void onNotification(UpstreamConnection from, ObjectNode notification);

    /** The connection is gone; every request still pending has already been failed. */
    void onClosed(UpstreamConnection from, String reason);

    /** The connection is of no use until a person signs in; every request still pending has been failed. */
    default void onNeedsSignIn(UpstreamConnection from, NeedsSignInException e) {
        onClosed(from, e.getMessage());
    }
}
