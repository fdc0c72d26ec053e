package dev.mcpproxy.desktop;

import java.util.Locale;

/** The three desktops the app runs on: each keeps its folders, and starts a background process, its own way. */
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
