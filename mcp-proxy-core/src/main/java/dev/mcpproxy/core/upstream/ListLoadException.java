package dev.mcpproxy.core.upstream;

/** A server came up but one of its lists (tools, prompts, resources) could not be loaded: it is not offered. */
public final class ListLoadException extends Exception {

    public ListLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
