package dev.mcpproxy.desktop.config;

import dev.mcpproxy.shared.OperatingSystem;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the app keeps its files on each platform: the configuration in the user's config folder ({@code
 * $XDG_CONFIG_HOME} or {@code ~/.config} on Linux, {@code ~/Library/Application Support} on macOS, {@code %APPDATA%}
 * on Windows), its own state (the instance lock, the window's place) in the state folder ({@code $XDG_STATE_HOME} or
 * {@code ~/.local/state}, where the sidecar keeps its tokens; {@code %LOCALAPPDATA%} on Windows).
 */
public record AppFolders(Path config, Path state) {

    static final String NAME = "mcp-proxy";

    public static AppFolders forThisUser() {
        return of(OperatingSystem.current(), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static AppFolders of(OperatingSystem os, Map<String, String> environment, Path home) {
        return switch (os) {
            case LINUX -> new AppFolders(xdg(environment, "XDG_CONFIG_HOME", home.resolve(".config")),
                    xdg(environment, "XDG_STATE_HOME", home.resolve(".local").resolve("state")));
            case MACOS -> {
                Path support = home.resolve("Library").resolve("Application Support").resolve(NAME);
                yield new AppFolders(support, support);
            }
            case WINDOWS -> new AppFolders(
                    windows(environment, "APPDATA", home.resolve("AppData").resolve("Roaming")),
                    windows(environment, "LOCALAPPDATA", home.resolve("AppData").resolve("Local")));
        };
    }

    /** An XDG variable counts only when it holds an absolute path (the specification says to ignore others). */
    private static Path xdg(Map<String, String> environment, String variable, Path fallback) {
        String value = environment.get(variable);
        Path base = value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
        return base.resolve(NAME);
    }

    private static Path windows(Map<String, String> environment, String variable, Path fallback) {
        String value = environment.get(variable);
        return (value != null && !value.isBlank() ? Path.of(value) : fallback).resolve(NAME);
    }
}
