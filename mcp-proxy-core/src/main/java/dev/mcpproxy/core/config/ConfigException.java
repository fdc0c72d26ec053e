package dev.mcpproxy.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used; every problem found is listed, one line each. */
public final class ConfigException extends Exception {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::render).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
