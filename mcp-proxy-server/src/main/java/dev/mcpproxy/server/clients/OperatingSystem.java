package dev.mcpproxy.server.clients;

import java.util.Locale;

/** The three desktops whose clients keep their configuration in different places, and open a URL differently. */
public enum OperatingSystem {
    LINUX, MACOS, WINDOWS;

    /** This JVM's; every Unix that is not macOS keeps its settings where Linux does (the XDG folders). */
    public static OperatingSystem current() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        return name.startsWith("mac") || name.startsWith("darwin") ? MACOS : LINUX;
    }
}
