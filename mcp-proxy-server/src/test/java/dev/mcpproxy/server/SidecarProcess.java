package dev.mcpproxy.server;

import dev.mcpproxy.server.sidecar.Main;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real sidecar as a child process on free ports, started from a YAML text, stopped by PID. */
public final class SidecarProcess implements AutoCloseable {

    private static final Pattern ENDPOINT = Pattern.compile("MCP endpoint:\\s+(http://\\S+)/mcp");
    private static final Pattern HEALTH = Pattern.compile("health:\\s+(http://\\S+)/health");

    /** Surefire runs in the module folder; the memory servers' graphs go to its build output. */
    private static final Path MEMORY_DIR = Path.of("target").toAbsolutePath();

    /** The management API token every test sidecar is started with. */
    public static final String TOKEN = "test-token-" + Long.toHexString(new java.security.SecureRandom().nextLong());

    public final Process process;
    public final String baseUrl;
    public final String apiUrl;
    /** Everything the sidecar wrote to stderr so far, for failure messages. */
    public final List<String> stderr;
    /** Everything it wrote to stdout so far: the banner. */
    public final List<String> stdout;

    private SidecarProcess(Process process, String baseUrl, String apiUrl, List<String> stderr, List<String> stdout) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.apiUrl = apiUrl;
        this.stderr = stderr;
        this.stdout = stdout;
    }

    public static SidecarProcess start(Path dir, String yaml) throws Exception {
        return start(dir, yaml, List.of());
    }

    /** With JVM flags after the launcher's, which win over them (a larger heap, say). */
    public static SidecarProcess start(Path dir, String yaml, List<String> jvmFlags) throws Exception {
        Path config = dir.resolve("mcp-proxy-config.yaml");
        Files.writeString(config, yaml);
        return start(config, jvmFlags);
    }

    /** Starts the sidecar on a configuration file as it is, on free ports instead of the file's. */
    public static SidecarProcess start(Path config) throws Exception {
        return start(config, List.of());
    }

    private static SidecarProcess start(Path config, List<String> jvmFlags) throws Exception {
        return start(config, jvmFlags, environment -> { }, List.of());
    }

    /**
     * With its environment edited ({@code HOME} pointed elsewhere, the launch token removed) and more arguments.
     * The environment starts as the test's own, with the test token in {@code MCP_PROXY_TOKEN}.
     */
    public static SidecarProcess start(Path config, Consumer<Map<String, String>> environment, List<String> arguments)
            throws Exception {
        return start(config, List.of(), environment, arguments);
    }

    private static SidecarProcess start(Path config, List<String> jvmFlags, Consumer<Map<String, String>> environment,
                                        List<String> arguments) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(launcherFlags());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--config", config.toString(), "--port", "0", "--api-port", "0"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MCP_PROXY_TOKEN", TOKEN);
        // As the launcher does: a server whose command is `java` gets the JDK the sidecar runs on, not whichever
        // (older) java comes first on the machine's PATH.
        builder.environment().put("PATH", Path.of(java).getParent() + File.pathSeparator
                + System.getenv().getOrDefault("PATH", ""));
        // The secrets a test sets, and the tokens of its sign-ins, go to a folder of its own, never to the user's
        // state folder or keyring (a test that wants a keyring gives its own bus).
        builder.environment().put("XDG_STATE_HOME", Files.createTempDirectory(
                config.toAbsolutePath().getParent(), "state-").toString());
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        environment.accept(builder.environment());
        Process process = builder.start();
        List<String> errors = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> drain(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)), errors));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> banner = new CopyOnWriteArrayList<>();
        CompletableFuture<String[]> urls = CompletableFuture.supplyAsync(() -> readUrls(out, banner));
        String[] found;
        try {
            found = urls.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("The sidecar did not print its endpoints. stderr:\n"
                    + String.join("\n", errors), e);
        }
        Thread.ofVirtual().start(() -> drain(out, banner));
        return new SidecarProcess(process, found[0], found[1], errors, banner);
    }

    /** The JVM flags the launcher runs the sidecar with (heap, compiler, GC), so that tests meet its limits. */
    public static List<String> launcherFlags() throws IOException {
        return Files.readAllLines(Path.of("jvm.options")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static String[] readUrls(BufferedReader out, List<String> lines) {
        String base = null;
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                Matcher m = ENDPOINT.matcher(line);
                if (m.find()) {
                    base = m.group(1);
                }
                Matcher h = HEALTH.matcher(line);
                if (h.find() && base != null) {
                    return new String[] {base, h.group(1)};
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("stdout ended before the endpoints were printed");
    }

    private static void drain(BufferedReader reader, List<String> into) {
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                into.add(line);
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** Waits until /health on the api port counts {@code servers} running servers. */
    public void awaitRunning(int servers) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(apiUrl + "/health")).build();
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (http.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"running\":" + servers)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(servers + " servers did not come up; sidecar stderr:\n" + String.join("\n", stderr));
    }

    /** The pids of the processes the sidecar started (its upstream servers and their children). */
    public List<Long> descendants() {
        return process.descendants().map(ProcessHandle::pid).toList();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** A YAML entry for the Java demo server, on this JVM, under {@code name}. */
    public static String demoEntry(String name) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path jar = Path.of("../mcp-proxy-demo/target/mcp-proxy-demo.jar").toAbsolutePath().normalize();
        return """
                  - name: %s
                    command: "%s"
                    args: ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx32m", "-jar", "%s"]
                """.formatted(name, java, jar);
    }

    public static Path nodeModules() {
        Path dir = Path.of(System.getProperty("mcp.proxy.node.modules", "../testing/node/node_modules"));
        if (!Files.isDirectory(dir.resolve("@modelcontextprotocol/server-everything"))) {
            throw new IllegalStateException("npm test servers missing in " + dir.toAbsolutePath()
                    + "; run `npm ci` in testing/node (.ci/run does)");
        }
        return dir.toAbsolutePath().normalize();
    }

    /** server-everything and server-memory; the memory server keeps its graph in a file of its own per process. */
    public static String everythingAndMemoryYaml() {
        Path modules = nodeModules();
        return """
                servers:
                  - name: everything
                    command: node
                    args: ["%s", "stdio"]
                  - name: memory
                    command: node
                    args: ["%s"]
                    env:
                      MEMORY_FILE_PATH: "%s"
                """.formatted(modules.resolve("@modelcontextprotocol/server-everything/dist/index.js"),
                modules.resolve("@modelcontextprotocol/server-memory/dist/index.js"),
                MEMORY_DIR.resolve("memory-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".jsonl"));
    }

}
