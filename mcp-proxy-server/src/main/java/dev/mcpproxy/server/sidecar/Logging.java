package dev.mcpproxy.server.sidecar;

import dev.mcpproxy.core.process.LogRing;
import dev.mcpproxy.core.process.LogStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.logging.Logger;

/** One line per log record on stderr. */
final class Logging {

    /**
     * dbus-java (under the Secret Service store) logs every connection and keyring signal at INFO; only its
     * warnings belong in the proxy's log. Held here since the JDK keeps loggers weakly and would drop the level.
     */
    private static final Logger DBUS = Logger.getLogger("org.freedesktop");

    private Logging() {
    }

    static void configure() {
        DBUS.setLevel(java.util.logging.Level.WARNING);
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$-7s %3$s: %5$s%6$s%n");
        }
    }

    /** Also keeps every record of the proxy's own log in {@code ring}, which the API shows as {@code _proxy}. */
    static void copyTo(LogRing ring) {
        Formatter formatter = new SimpleFormatter();
        Logger.getLogger("").addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    ring.append(LogStream.PROXY, formatter.format(record).stripTrailing());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }
}
