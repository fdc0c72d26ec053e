package dev.mcpproxy.server.api;

import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ServerPaths;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.shared.OperatingSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The example configurations this build ships: the project's {@code examples/} folder, which the build puts among
 * the sidecar's resources. Each has its file's name, its one-line description (the file's first comment line) and
 * its text, made to work once saved as the user's own file elsewhere: relative working folders anchored to the
 * project's {@code examples/} folder when the sidecar runs from the build (where they point: the demo server's jar,
 * the npm packages of {@code testing/node}), and {@code java} replaced by the JVM that runs the sidecar (which is new
 * enough for the demo server; the {@code java} on a desktop session's {@code PATH} may not be).
 */
final class ExampleConfigs {

    static final String RESOURCES = "dev/mcpproxy/server/examples";
    private static final System.Logger LOG = System.getLogger("mcp-proxy.api");

    record Example(String name, String description, String yaml) {
    }

    private ExampleConfigs() {
    }

    /** This build's examples, read once, on the first request. */
    static List<Example> bundled() {
        return Bundled.EXAMPLES;
    }

    private static final class Bundled {
        static final List<Example> EXAMPLES = load();

        private static List<Example> load() {
            try {
                Path location = Path.of(ExampleConfigs.class.getProtectionDomain().getCodeSource().getLocation()
                        .toURI());
                Path java = Path.of(System.getProperty("java.home"), "bin",
                        OperatingSystem.current() == OperatingSystem.WINDOWS ? "java.exe" : "java");
                return read(location, projectExamples(location),
                        Files.isExecutable(java) ? Map.of("java", java) : Map.of());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("the sidecar's own classes have no path", e);
            } catch (IOException e) {
                throw new UncheckedIOException("the example configurations cannot be read", e);
            }
        }
    }

    /**
     * The examples among the resources of {@code location} (the sidecar's jar or classes folder), in name order.
     *
     * @param sourceFolder the folder the examples were taken from, which their relative paths are relative to
     */
    static List<Example> read(Path location, Optional<Path> sourceFolder, Map<String, Path> commands)
            throws IOException {
        if (Files.isDirectory(location)) {
            return list(location.resolve(RESOURCES), sourceFolder, commands);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return list(jar.getPath(RESOURCES), sourceFolder, commands);
        }
    }

    private static List<Example> list(Path folder, Optional<Path> sourceFolder, Map<String, Path> commands)
            throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Example> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
                String text = Files.readString(file, StandardCharsets.UTF_8);
                examples.add(new Example(name, description(text), anchored(name, text, sourceFolder, commands)));
            }
        }
        return List.copyOf(examples);
    }

    /** {@code GET /api/examples}. */
    static void show(ApiExchange exchange) {
        ArrayNode list = Json.array();
        bundled().forEach(example -> list.addObject().put("name", example.name())
                .put("description", example.description()).put("yaml", example.yaml()));
        ObjectNode body = Json.object();
        body.set("examples", list);
        exchange.json(200, body);
    }

    /** The file's first line, a comment that says what the example is for. */
    static String description(String text) {
        String first = text.lines().findFirst().orElse("").strip();
        return first.startsWith("#") ? first.substring(1).strip() : "";
    }

    private static String anchored(String name, String text, Optional<Path> sourceFolder,
                                   Map<String, Path> commands) {
        try {
            // Without the project's folder (an installation), relative folders are left as they are: they then name
            // folders beside the user's file, and a server whose folder is missing says so when it starts.
            return ServerPaths.anchored(text, sourceFolder, commands);
        } catch (ConfigException e) {
            LOG.log(Level.WARNING, "The example {0} is not valid YAML; it is offered as it is", name);
            return text;
        }
    }

    /** {@code examples/} of the project, when the sidecar runs from its build ({@code mcp-proxy-server/target/}). */
    static Optional<Path> projectExamples(Path location) {
        Path target = location.toAbsolutePath().normalize().getParent();
        Path root = target == null || target.getParent() == null ? null : target.getParent().getParent();
        return Optional.ofNullable(root).map(r -> r.resolve("examples")).filter(Files::isDirectory);
    }
}
