package dev.mcpproxy.core.router;

/** A server came up but one of its lists (tools, prompts, resources) could not be loaded. */
public final class ListLoadException extends Exception {

    ListLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
