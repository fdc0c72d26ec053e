package dev.mcpproxy.core.process;

import java.io.IOException;

/**
 * A server's command cannot be executed as configured (not found, not executable, its working directory missing):
 * trying again cannot help until the configuration or the machine changes, so its server is not restarted.
 */
public final class CannotExecuteException extends IOException {

    public CannotExecuteException(String message) {
        super(message);
    }
}
