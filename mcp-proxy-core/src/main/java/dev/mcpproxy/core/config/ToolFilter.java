package dev.mcpproxy.core.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Which of a server's tools are offered to clients: those matching any {@code include} glob
 * (all when the list is empty) and no {@code exclude} glob. Globs use {@code *} and {@code ?}.
 */
public record ToolFilter(List<String> include, List<String> exclude) {

    public static final ToolFilter ALL = new ToolFilter(List.of(), List.of());

    public ToolFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public boolean allows(String toolName) {
        Path name = Path.of(toolName.replace('/', '_'));
        boolean included = include.isEmpty() || include.stream().anyMatch(g -> matcher(g).matches(name));
        return included && exclude.stream().noneMatch(g -> matcher(g).matches(name));
    }

    private static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }
}
