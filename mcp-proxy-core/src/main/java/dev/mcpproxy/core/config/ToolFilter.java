package dev.mcpproxy.core.config;

import java.util.List;

/**
 * Which of a server's tools are offered to clients: those matching any {@code include} glob
 * (all when the list is empty) and no {@code exclude} glob. Globs use {@code *} and {@code ?} ({@link Glob}).
 */
public record ToolFilter(List<String> include, List<String> exclude) {

    public static final ToolFilter ALL = new ToolFilter(List.of(), List.of());

    public ToolFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public boolean allows(String toolName) {
        return (include.isEmpty() || anyMatches(include, toolName)) && !anyMatches(exclude, toolName);
    }

    private static boolean anyMatches(List<String> globs, String name) {
        for (String glob : globs) {
            if (Glob.matches(glob, name)) {
                return true;
            }
        }
        return false;
    }
}
