package dev.mcpproxy.server.api;

import dev.mcpproxy.core.files.AtomicFile;
import dev.mcpproxy.core.process.ChildEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The management API's secret, one per launch. The desktop passes it in {@code MCP_PROXY_TOKEN}; a sidecar started
 * by hand makes one and writes it to a file only the user can read, {@code api-token-PORT} in
 * {@code $XDG_STATE_HOME/mcp-proxy} (or {@code ~/.local/state/mcp-proxy}), where the command-line client finds it.
 * It never appears on a command line or in a log; a generated one is shown to the user once, in the UI's address
 * the sidecar prints on start.
 */
public record ApiToken(String value, Optional<Path> file) {

    public static final String ENVIRONMENT_VARIABLE = ChildEnvironment.LAUNCH_TOKEN;

    /**
     * The token of this launch. Java cannot remove a variable from its own process's environment, so the given one
     * stays in it (readable by the user alone, in /proc); it is kept out of every child's instead
     * ({@link ChildEnvironment}), and its value goes nowhere but into this record.
     */
    public static ApiToken fromEnvironmentOrNew(Map<String, String> environment) {
        String given = environment.get(ENVIRONMENT_VARIABLE);
        if (given != null && !given.isBlank()) {
            return new ApiToken(given.strip(), Optional.empty());
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new ApiToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), Optional.empty());
    }

    private static Path folder(Map<String, String> environment) {
        String state = environment.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        return base.resolve("mcp-proxy");
    }

    public static Path fileFor(Map<String, String> environment, int apiPort) {
        return folder(environment).resolve("api-token-" + apiPort);
    }

    /** Writes a generated token where the command-line client looks for it, readable by the user alone. */
    public ApiToken saved(Map<String, String> environment, int apiPort) throws IOException {
        if (environment.containsKey(ENVIRONMENT_VARIABLE)) {
            return this;
        }
        Path folder = folder(environment);
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path target = fileFor(environment, apiPort);
        AtomicFile.write(target, (value + "\n").getBytes(StandardCharsets.UTF_8));
        return new ApiToken(value, Optional.of(target));
    }

    /** The token a client should present: the environment's, else the file the sidecar on that port wrote. */
    public static Optional<String> find(Map<String, String> environment, int apiPort) {
        String given = environment.get(ENVIRONMENT_VARIABLE);
        if (given != null && !given.isBlank()) {
            return Optional.of(given.strip());
        }
        try {
            return Optional.of(Files.readString(fileFor(environment, apiPort)).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes a token file at exit: the token is dead with the process. */
    public static void deleteQuietly(Path tokenFile) {
        try {
            Files.deleteIfExists(tokenFile);
        } catch (IOException e) {
            // Best effort at exit; the next launch overwrites it.
        }
    }

    @Override
    public String toString() {
        return "ApiToken[" + file.map(Path::toString).orElse("from " + ENVIRONMENT_VARIABLE) + "]";
    }
}
