package dev.mcpproxy.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the YAML configuration: every problem is collected with its file, line and field, and either a
 * complete, valid {@link ProxyConfig} comes out or a {@link ConfigException} listing all of them.
 */
public final class ConfigLoader {

    private static final java.util.Set<String> TOP_KEYS = java.util.Set.of(
            "proxy_port", "api_port", "host", "auth_token", "health_check", "max_message_size", "servers", "profiles");
    private static final java.util.Set<String> HEALTH_KEYS = java.util.Set.of("enabled", "interval", "timeout");

    private final String file;
    private final Path folder;
    private final EnvSubstitution substitution;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** The names of the servers read, those with problems too: a profile naming one of them is not wrong as well. */
    private List<String> serverNames = List.of();

    private ConfigLoader(Path file, Function<String, String> environment) {
        this.file = file.toString();
        Path parent = file.toAbsolutePath().getParent();
        this.folder = parent == null ? Path.of(".").toAbsolutePath() : parent;
        this.substitution = new EnvSubstitution(environment);
    }

    public static LoadedConfig load(Path file) throws ConfigException {
        return load(file, System::getenv);
    }

    public static LoadedConfig load(Path file, Function<String, String> environment) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), 0, 0, "",
                    "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").",
                    "Check that the file exists and is readable, or pass another with --config.")));
        }
        return parse(text, file, environment);
    }

    public static LoadedConfig parse(String yaml, Path nameForMessages) throws ConfigException {
        return parse(yaml, nameForMessages, System::getenv);
    }

    public static LoadedConfig parse(String yaml, Path nameForMessages, Function<String, String> environment)
            throws ConfigException {
        return new ConfigLoader(nameForMessages, environment).read(yaml, nameForMessages);
    }

    private LoadedConfig read(String yaml, Path source) throws ConfigException {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file).build()).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            var mark = e.getProblemMark();
            throw new ConfigException(List.of(new ConfigProblem(file, mark.map(m -> m.getLine() + 1).orElse(0),
                    mark.map(m -> m.getColumn() + 1).orElse(0), "", "is not valid YAML: " + e.getProblem() + ".",
                    "Check the indentation and quoting near here.")));
        } catch (YamlEngineException e) {
            throw new ConfigException(List.of(new ConfigProblem(file, 0, 0, "", "is not valid YAML: "
                    + e.getMessage(), "Check the indentation and quoting.")));
        }
        if (root.isPresent() && !(root.get() instanceof MappingNode)) {
            YamlFields none = new YamlFields(file, "", root.get(), problems, substitution);
            none.problem(root.get(), "", "the top level must be a mapping of settings (proxy_port, servers, ...).",
                    "Start the file with e.g. `proxy_port: 3000`.");
            throw new ConfigException(problems);
        }
        ProxyConfig config = root.map(r -> build(new YamlFields(file, "", r, problems, substitution), source))
                .orElseGet(() -> defaults(source));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new LoadedConfig(config, List.copyOf(warnings));
    }

    private ProxyConfig defaults(Path source) {
        return new ProxyConfig(Optional.of(source), Defaults.HOST, Defaults.PROXY_PORT,
                Defaults.apiPortFor(Defaults.PROXY_PORT), Optional.empty(),
                new HealthCheckConfig(Defaults.HEALTH_CHECK_ENABLED, Defaults.HEALTH_CHECK_INTERVAL,
                        Defaults.HEALTH_CHECK_TIMEOUT), List.of(), Defaults.MAX_MESSAGE_SIZE_MIB << 20, List.of());
    }

    private ProxyConfig build(YamlFields top, Path source) {
        top.rejectUnknown(TOP_KEYS);
        int proxyPort = port(top, "proxy_port").orElse(Defaults.PROXY_PORT);
        int apiPort = port(top, "api_port").orElse(Defaults.apiPortFor(proxyPort));
        if (proxyPort != 0 && proxyPort == apiPort) {
            top.problem(top.node("api_port").orElse(null), "api_port", "is the same as proxy_port (" + proxyPort + ").",
                    "Use another port, e.g. " + Defaults.apiPortFor(proxyPort) + ".");
        }
        String host = top.string("host").orElse(Defaults.HOST);
        Optional<String> token = top.secretString("auth_token").filter(t -> !t.isEmpty());
        HealthCheckConfig health = top.mapping("health_check").map(this::health).orElseGet(() ->
                new HealthCheckConfig(Defaults.HEALTH_CHECK_ENABLED, Defaults.HEALTH_CHECK_INTERVAL,
                        Defaults.HEALTH_CHECK_TIMEOUT));
        int maxMessageBytes = mebibytes(top, "max_message_size").orElse(Defaults.MAX_MESSAGE_SIZE_MIB) << 20;
        List<ServerConfig> servers = servers(top, maxMessageBytes);
        List<ProfileConfig> profiles = profiles(top);
        return new ProxyConfig(Optional.of(source), host, proxyPort, apiPort, token, health, servers,
                maxMessageBytes, profiles);
    }

    private Optional<Integer> mebibytes(YamlFields fields, String key) {
        String fix = "Give a whole number of MiB from 1 to " + Defaults.MAX_MESSAGE_SIZE_MIB_LIMIT + ", e.g. "
                + Defaults.MAX_MESSAGE_SIZE_MIB + ".";
        return fields.number(key, fix).flatMap(n -> {
            if (n != Math.rint(n) || n < 1 || n > Defaults.MAX_MESSAGE_SIZE_MIB_LIMIT) {
                fields.problem(fields.node(key).orElse(null), fields.field(key), n + " is not a usable size.", fix);
                return Optional.empty();
            }
            return Optional.of(n.intValue());
        });
    }

    private Optional<Integer> port(YamlFields fields, String key) {
        return fields.number(key, "Use a port number from 0 to 65535.").flatMap(n -> {
            if (n != Math.rint(n) || n < 0 || n > 65535) {
                fields.problem(fields.node(key).orElse(null), fields.field(key), n + " is not a port number.",
                        "Use a whole number from 0 to 65535 (0 picks a free port).");
                return Optional.empty();
            }
            return Optional.of(n.intValue());
        });
    }

    private HealthCheckConfig health(YamlFields h) {
        h.rejectUnknown(HEALTH_KEYS);
        boolean enabled = h.bool("enabled").orElse(Defaults.HEALTH_CHECK_ENABLED);
        Duration interval = seconds(h, "interval", Defaults.HEALTH_CHECK_INTERVAL);
        Duration timeout = seconds(h, "timeout", Defaults.HEALTH_CHECK_TIMEOUT);
        if (timeout.compareTo(interval) > 0) {
            warnings.add(file + ":" + h.line() + ": health_check.timeout (" + timeout.toSeconds()
                    + " s) is longer than the interval; using the interval (" + interval.toSeconds() + " s).");
            timeout = interval;
        }
        return new HealthCheckConfig(enabled, interval, timeout);
    }

    /** The longest duration a setting takes: a day. */
    private static final double MAX_SECONDS = 86_400;

    /**
     * A duration in seconds, from one millisecond to a day; {@code fallback} when the key is absent. NaN, an
     * infinity, a negative number, zero and anything under a millisecond are refused: no duration of the file has
     * a meaning for them (each is a wait that must pass: a health check every 0 ms, or a back-off of NaN, would
     * spin), and a millisecond is the finest step the supervisor keeps.
     */
    static Duration seconds(YamlFields fields, String key, Duration fallback) {
        String fix = "Give a number of seconds from 0.001 to " + (long) MAX_SECONDS + ", e.g. "
                + plain(fallback.toMillis() / 1000.0) + ".";
        return fields.number(key, fix).flatMap(n -> {
            String wrong = Double.isNaN(n) || Double.isInfinite(n) ? n + " is not a number of seconds."
                    : n < 0 ? plain(n) + " is negative."
                    : n < 0.001 ? plain(n) + " is under one millisecond."
                    : n > MAX_SECONDS ? plain(n) + " is more than a day."
                    : null;
            if (wrong != null) {
                fields.problem(fields.node(key).orElse(null), fields.field(key), wrong, fix);
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.round(n * 1000)));
        }).orElse(fallback);
    }

    /** A number as it would be written: 30, 0.0001, -1 (not 30.0, 1.0E-4, -1.0). */
    private static String plain(double n) {
        return java.math.BigDecimal.valueOf(n).stripTrailingZeros().toPlainString();
    }

    private List<ServerConfig> servers(YamlFields top, int maxMessageBytes) {
        Optional<Node> node = top.node("servers");
        if (node.isEmpty() || node.get() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s && s.getValue().isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof SequenceNode list)) {
            top.problem(node.get(), "servers", "expected a list of servers.", "Start each server with \"- name: ...\".");
            return List.of();
        }
        List<ServerConfig> servers = new ArrayList<>();
        ServerEntries entries = new ServerEntries(file, folder, problems, substitution, maxMessageBytes);
        for (int i = 0; i < list.getValue().size(); i++) {
            entries.read(list.getValue().get(i), i).ifPresent(servers::add);
        }
        serverNames = entries.names();
        return servers;
    }

    private List<ProfileConfig> profiles(YamlFields top) {
        Optional<Node> node = top.node("profiles");
        if (node.isEmpty() || node.get() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s && s.getValue().isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof SequenceNode list)) {
            top.problem(node.get(), "profiles", "expected a list of profiles.", "Start each profile with \"- name: ...\".");
            return List.of();
        }
        List<ProfileConfig> profiles = new ArrayList<>();
        ProfileEntries entries = new ProfileEntries(file, problems, substitution, serverNames);
        for (int i = 0; i < list.getValue().size(); i++) {
            entries.read(list.getValue().get(i), i).ifPresent(profiles::add);
        }
        return profiles;
    }
}
