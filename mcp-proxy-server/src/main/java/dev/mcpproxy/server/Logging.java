package dev.mcpproxy.server;

import java.util.logging.Level;
import java.util.logging.Logger;

/** One line per log record on stderr, and no chatter from libraries below warnings. */
final class Logging {

    /** Held so the level set on it is not lost when the logger would otherwise be collected. */
    private static final Logger JETTY = Logger.getLogger("org.eclipse.jetty");

    private Logging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        }
        JETTY.setLevel(Level.WARNING);
    }
}
