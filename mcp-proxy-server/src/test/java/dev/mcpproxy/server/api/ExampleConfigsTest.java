package dev.mcpproxy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.server.ApiClient;
import dev.mcpproxy.server.SidecarProcess;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/examples}: the project's examples/ files, offered so that one saved as the user's file runs. */
class ExampleConfigsTest {

    private static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();
    private static final Path ROOT = EXAMPLES.getParent();

    @TempDir
    Path dir;

    private static List<JsonNode> examples(ApiClient api) throws Exception {
        ApiClient.Answer answer = api.get("/api/examples");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(answer.json().path("examples").spliterator(), false).toList();
    }

    @Test
    void everyFileOfTheExamplesFolderIsOfferedWithItsFirstCommentLineAsItsDescription() throws Exception {
        List<String> files;
        try (Stream<Path> listed = Files.list(EXAMPLES)) {
            files = listed.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
        Path config = Files.writeString(dir.resolve("mcp-proxy-config.yaml"), "servers: []\n");
        try (SidecarProcess sidecar = SidecarProcess.start(config)) {
            List<JsonNode> offered = examples(new ApiClient(sidecar.apiUrl));

            assertThat(offered).extracting(e -> e.path("name").asString() + ".yaml").isEqualTo(files);
            for (JsonNode example : offered) {
                String file = Files.readString(EXAMPLES.resolve(example.path("name").asString() + ".yaml"));
                String firstLine = file.lines().findFirst().orElseThrow();
                assertThat("# " + example.path("description").asString()).isEqualTo(firstLine);
                assertThat(example.path("description").asString()).isNotBlank().doesNotContain("\n");
                assertThat(example.path("yaml").asString()).startsWith(firstLine);
            }
        }
    }

    /**
     * The demo example as the desktop saves it, into the user's config folder, with a session's PATH whose java is
     * older than the demo server needs (this machine's /usr/bin/java is 17): its folder is the build's, its JVM the
     * sidecar's, and it runs.
     */
    @Test
    void theDemoExampleSavedAsTheUsersFileRunsTheBuildsDemoServer() throws Exception {
        Path config = Files.writeString(Files.createDirectories(dir.resolve("home/.config/mcp-proxy"))
                .resolve("mcp-proxy-config.yaml"), "servers: []\n");
        try (SidecarProcess sidecar = SidecarProcess.start(config, env -> env.put("PATH", "/usr/bin:/bin"),
                List.of())) {
            ApiClient api = new ApiClient(sidecar.apiUrl);
            String demo = examples(api).stream().filter(e -> e.path("name").asString().equals("demo")).findFirst()
                    .orElseThrow().path("yaml").asString();
            assertThat(demo).contains("cwd: " + Json.write(Json.text(ROOT.toString())))
                    .contains("command: " + Json.write(Json.text(Path.of(System.getProperty("java.home"), "bin",
                            "java").toString())))
                    .contains("# The quick start");

            ApiClient.Answer saved = api.put("/api/config", Json.write(Json.object().put("yaml", demo)));
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            sidecar.awaitRunning(1);
            assertThat(Files.readString(config)).isEqualTo(demo);
        }
    }

    @Test
    void examplesAreReadFromTheSidecarsJarAsFromItsClassesFolder() throws Exception {
        Path jar = dir.resolve("mcp-proxy-server.jar");
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of("create", "true"))) {
            Path folder = Files.createDirectories(zip.getPath(ExampleConfigs.RESOURCES));
            Files.writeString(folder.resolve("b.yaml"), "# Second.\nservers: [{name: x, command: java, cwd: up}]\n");
            Files.writeString(folder.resolve("a.yaml"), "# First.\nservers: []\n");
            Files.writeString(folder.resolve("notes.txt"), "not an example");
        }

        List<ExampleConfigs.Example> read = ExampleConfigs.read(jar, Optional.of(Path.of("/srv/examples")),
                Map.of("java", Path.of("/jdk/bin/java")));

        assertThat(read).containsExactly(new ExampleConfigs.Example("a", "First.", "# First.\nservers: []\n"),
                new ExampleConfigs.Example("b", "Second.",
                        "# Second.\nservers: [{name: x, command: \"/jdk/bin/java\", cwd: \"/srv/examples/up\"}]\n"));
    }

    @Test
    void theProjectsExamplesFolderIsFoundFromTheBuildOnly() throws Exception {
        Path build = Files.createDirectories(dir.resolve("project/mcp-proxy-server/target"));
        Files.createDirectories(dir.resolve("project/examples"));
        Path installed = Files.createDirectories(dir.resolve("opt/mcp-proxy/lib/app"));

        assertThat(ExampleConfigs.projectExamples(build.resolve("mcp-proxy-server.jar")))
                .contains(dir.resolve("project/examples"));
        assertThat(ExampleConfigs.projectExamples(build.resolve("classes"))).contains(dir.resolve("project/examples"));
        assertThat(ExampleConfigs.projectExamples(installed.resolve("mcp-proxy-server.jar"))).isEmpty();
    }
}
