package dev.mcpproxy.core.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What to start: the full argv, variables added to the inherited environment, and the working directory. */
public record ProcessSpec(String serverName, List<String> command, Map<String, String> env, Optional<Path> cwd) {

    public ProcessSpec {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }
}
