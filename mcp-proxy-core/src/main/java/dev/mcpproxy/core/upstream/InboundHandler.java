package dev.mcpproxy.core.upstream;

import tools.jackson.databind.node.ObjectNode;

/** What an upstream sends on its own: requests to the client side (sampling, elicitation, roots, ping) and notifications. */
public interface InboundHandler {

    void onRequest(UpstreamConnection from, ObjectNode request);

    void onNotification(UpstreamConnection from, ObjectNode notification);

    /** The connection is gone; every request still pending has already been failed. */
    void onClosed(UpstreamConnection from, String reason);
}
