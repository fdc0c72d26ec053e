package dev.mcpproxy.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads and checks the entries of {@code servers}, remembering names and prefixes to catch duplicates. */
final class ServerEntries {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<String> KEYS = Set.of("name", "transport", "command", "args", "env", "cwd", "url",
            "headers", "enabled", "restart", "tools", "prefix", "request_timeout", "oauth");
    private static final Set<String> RESTART_KEYS = Set.of("policy", "max_retries", "initial_delay", "max_delay");
    private static final Set<String> TOOLS_KEYS = Set.of("include", "exclude");
    private static final Set<String> OAUTH_KEYS = Set.of("client_id", "client_secret", "scopes");

    private final String file;
    private final Path folder;
    private final List<ConfigProblem> problems;
    private final UnaryOperator<String> substitution;
    private final int maxMessageBytes;
    private final Map<String, Integer> nameLines = new LinkedHashMap<>();
    private final Map<String, Integer> prefixLines = new HashMap<>();

    ServerEntries(String file, Path folder, List<ConfigProblem> problems, UnaryOperator<String> substitution,
                  int maxMessageBytes) {
        this.file = file;
        this.maxMessageBytes = maxMessageBytes;
        this.folder = folder;
        this.problems = problems;
        this.substitution = substitution;
    }

    /** Every server name read, in file order, those of entries with problems too. */
    List<String> names() {
        return List.copyOf(nameLines.keySet());
    }

    Optional<ServerConfig> read(Node node, int index) {
        YamlFields s = new YamlFields(file, "servers[" + index + "]", node, problems, substitution);
        if (!(node instanceof MappingNode)) {
            s.problem(node, "servers[" + index + "]", "expected a server (a mapping with name, command, ...).",
                    "Write it as \"- name: my-server\" followed by its settings, indented.");
            return Optional.empty();
        }
        int before = problems.size();
        s.rejectUnknown(KEYS);
        String name = name(s);
        Optional<Transport> transport = transport(s);
        List<String> command = new ArrayList<>();
        s.string("command").ifPresent(command::add);
        s.strings("args").ifPresent(command::addAll);
        Optional<URI> url = s.string("url").flatMap(u -> url(s, u));
        transport.ifPresent(t -> checkTransportFields(s, t, command, url));
        Optional<Path> cwd = s.string("cwd").map(c -> folder.resolve(c).normalize());
        String prefix = s.string("prefix").orElse(name);
        checkPrefix(s, prefix);
        ServerConfig config = new ServerConfig(name, transport.orElse(Transport.STDIO), command, s.stringMap("env").orElse(Map.of()), cwd, url,
                s.stringMap("headers").orElse(Map.of()), s.bool("enabled").orElse(true), restart(s), tools(s), prefix,
                ConfigLoader.seconds(s, "request_timeout", Defaults.REQUEST_TIMEOUT), maxMessageBytes,
                oauth(s, transport.orElse(Transport.STDIO)));
        return problems.size() == before ? Optional.of(config) : Optional.empty();
    }

    private String name(YamlFields s) {
        Optional<String> name = s.string("name");
        if (name.isEmpty()) {
            s.problem(s.has("name") ? s.node("name").orElse(null) : nodeOf(s), s.field("name"), "is missing.",
                    "Give every server a unique name, e.g. `name: files`.");
            return "";
        }
        Node at = s.node("name").orElse(null);
        if (!NAME.matcher(name.get()).matches()) {
            s.problem(at, s.field("name"), "\"" + name.get() + "\" is not a usable name.",
                    "Use letters, digits, - and _ (at most 64), starting with a letter or digit.");
        }
        Integer first = nameLines.putIfAbsent(name.get(), line(at));
        if (first != null) {
            s.problem(at, s.field("name"), "\"" + name.get() + "\" is already the name of the server on line "
                    + first + ".", "Give each server its own name.");
        }
        return name.get();
    }

    private Node nodeOf(YamlFields s) {
        return s.node("transport").or(() -> s.node("command")).or(() -> s.node("url")).orElse(s.mapping());
    }

    /** Empty when the transport is not one this proxy knows; that is reported, and checks that depend on it skipped. */
    private Optional<Transport> transport(YamlFields s) {
        Optional<String> value = s.string("transport");
        if (value.isEmpty()) {
            return Optional.of(s.has("url") && !s.has("command") ? Transport.STREAMABLE_HTTP : Transport.STDIO);
        }
        for (Transport t : Transport.values()) {
            if (t.yamlName().equals(value.get())) {
                return Optional.of(t);
            }
        }
        s.problem(s.node("transport").orElse(null), s.field("transport"), "\"" + value.get() + "\" is not a transport.",
                "Use one of: stdio, streamable-http, sse.");
        return Optional.empty();
    }

    private Optional<URI> url(YamlFields s, String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        s.problem(s.node("url").orElse(null), s.field("url"), "\"" + text + "\" is not an http(s) URL.",
                "Write the full address, e.g. http://127.0.0.1:8080/mcp.");
        return Optional.empty();
    }

    private void checkTransportFields(YamlFields s, Transport transport, List<String> command, Optional<URI> url) {
        if (transport == Transport.STDIO) {
            if (!s.has("command") && !s.misspelt("command")) {
                s.problem(nodeOf(s), s.field("command"), "is missing; a stdio server is a program to start.",
                        "Add e.g. `command: npx` and `args: [\"-y\", \"some-mcp-server\"]`, or set url for a remote server.");
            }
            for (String key : List.of("url", "headers")) {
                if (s.has(key)) {
                    s.problem(s.node(key).orElse(null), s.field(key), "only applies to streamable-http and sse servers.",
                            "Remove it, or set transport: streamable-http.");
                }
            }
        } else {
            if (!s.has("url")) {
                s.problem(nodeOf(s), s.field("url"), "is missing; a " + transport.yamlName() + " server is reached by URL.",
                        "Add e.g. `url: http://127.0.0.1:8080/mcp`.");
            }
            for (String key : List.of("command", "args", "env", "cwd")) {
                if (s.has(key)) {
                    s.problem(s.node(key).orElse(null), s.field(key), "only applies to stdio servers.",
                            "Remove it, or set transport: stdio.");
                }
            }
        }
    }

    private void checkPrefix(YamlFields s, String prefix) {
        if (prefix.isEmpty()) {
            return;
        }
        Node at = s.node("prefix").orElse(null);
        if (!NAME.matcher(prefix).matches()) {
            s.problem(at, s.field("prefix"), "\"" + prefix + "\" is not a usable prefix.",
                    "Use letters, digits, - and _, or \"\" for no prefix.");
        }
        Integer first = prefixLines.putIfAbsent(prefix, line(at == null ? s.node("name").orElse(null) : at));
        if (first != null && at != null) {
            s.problem(at, s.field("prefix"), "\"" + prefix + "\" is already used by the server on line " + first + ".",
                    "Give each server its own prefix.");
        }
    }

    private RestartConfig restart(YamlFields s) {
        RestartConfig.Policy policy = Defaults.RESTART_POLICY;
        int retries = Defaults.RESTART_MAX_RETRIES;
        Duration initial = Defaults.RESTART_INITIAL_DELAY;
        Duration max = Defaults.RESTART_MAX_DELAY;
        Optional<YamlFields> r = s.mapping("restart");
        if (r.isPresent()) {
            YamlFields f = r.get();
            f.rejectUnknown(RESTART_KEYS);
            Optional<String> p = f.string("policy");
            if (p.isPresent()) {
                policy = java.util.Arrays.stream(RestartConfig.Policy.values())
                        .filter(v -> v.yamlName().equals(p.get())).findFirst().orElse(null);
                if (policy == null) {
                    f.problem(f.node("policy").orElse(null), f.field("policy"), "\"" + p.get() + "\" is not a restart policy.",
                            "Use one of: never, on-failure, always.");
                    policy = Defaults.RESTART_POLICY;
                }
            }
            retries = f.number("max_retries", "Give a whole number, e.g. 5.").map(Double::intValue).orElse(retries);
            initial = ConfigLoader.seconds(f, "initial_delay", initial);
            max = ConfigLoader.seconds(f, "max_delay", max);
        }
        return new RestartConfig(policy, Math.max(0, retries), initial, max.compareTo(initial) < 0 ? initial : max);
    }

    private OAuthConfig oauth(YamlFields s, Transport transport) {
        if (s.has("oauth") && transport == Transport.STDIO) {
            s.problem(s.node("oauth").orElse(null), s.field("oauth"), "is only for remote servers.",
                    "Sign-in is for streamable-http and sse servers; a local server takes its secrets in env.");
        }
        return s.mapping("oauth").map(o -> {
            o.rejectUnknown(OAUTH_KEYS);
            return new OAuthConfig(o.string("client_id"), o.secretString("client_secret"),
                    o.strings("scopes").orElse(List.of()));
        }).orElse(OAuthConfig.DEFAULT);
    }

    /** A {@code tools:} mapping of include and exclude globs, as a server and a profile's server rule have it. */
    static ToolFilter tools(YamlFields s) {
        return s.mapping("tools").map(t -> {
            t.rejectUnknown(TOOLS_KEYS);
            return new ToolFilter(t.strings("include").orElse(List.of()), t.strings("exclude").orElse(List.of()));
        }).orElse(ToolFilter.ALL);
    }

    static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
