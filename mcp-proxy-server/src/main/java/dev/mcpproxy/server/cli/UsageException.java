package dev.mcpproxy.server.cli;

/** Thrown for arguments that make no sense; the message says which, and what to do. */
public final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
