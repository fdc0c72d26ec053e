package dev.mcpproxy.core.router;

import dev.mcpproxy.core.upstream.UpstreamConnection;
import tools.jackson.databind.node.ObjectNode;

/** What the aggregate needs to hear from upstreams: list changes, resource updates, and loss of an upstream. */
public interface UpstreamNotifications {

    void onUpstreamNotification(UpstreamConnection from, ObjectNode notification);

    void onUpstreamClosed(UpstreamConnection from, String reason);
}
