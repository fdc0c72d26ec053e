package dev.mcpproxy.shared;

import java.util.Locale;

/**
 * The three desktops MCP Proxy runs on, which keep their folders, open a URL and start a background process each
 * their own way: the sidecar (where clients keep their configuration, how a browser is opened) and the desktop app
 * (its folders, how it starts the sidecar) ask the same question.
 */
public enum OperatingSystem {
    LINUX, MACOS, WINDOWS;

    /** This JVM's; every Unix that is not macOS is treated as Linux (XDG folders, process groups). */
    public static OperatingSystem current() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        return name.startsWith("mac") || name.startsWith("darwin") ? MACOS : LINUX;
    }
}
