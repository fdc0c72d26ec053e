package dev.mcpproxy.core.upstream;

import tools.jackson.databind.node.ObjectNode;

/** Receives the answer to one request sent upstream: exactly one of the two methods is called, once. */
public interface ResponseHandler {

    /** The upstream's response, as it sent it (its own id still in place). */
    void onResponse(ObjectNode response);

    /** No response will come: the upstream went away, or the request timed out. */
    void onFailure(int code, String message);
}
