package dev.mcpproxy.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads and checks the entries of {@code profiles}, against the servers already read. */
final class ProfileEntries {

    private static final Set<String> KEYS = Set.of("name", "servers", "token");
    private static final Set<String> SERVER_KEYS = Set.of("name", "tools");

    private final String file;
    private final List<ConfigProblem> problems;
    private final UnaryOperator<String> substitution;
    private final List<String> serverNames;
    private final Map<String, Integer> nameLines = new HashMap<>();

    ProfileEntries(String file, List<ConfigProblem> problems, UnaryOperator<String> substitution,
                   List<String> serverNames) {
        this.file = file;
        this.problems = problems;
        this.substitution = substitution;
        this.serverNames = serverNames;
    }

    Optional<ProfileConfig> read(Node node, int index) {
        String path = "profiles[" + index + "]";
        YamlFields p = new YamlFields(file, path, node, problems, substitution);
        if (!(node instanceof MappingNode)) {
            p.problem(node, path, "expected a profile (a mapping with name and servers).",
                    "Write it as \"- name: my-profile\" followed by its servers, indented.");
            return Optional.empty();
        }
        int before = problems.size();
        p.rejectUnknown(KEYS);
        String name = name(p);
        List<ProfileConfig.ServerRule> rules = rules(p);
        Optional<String> token = p.secretString("token");
        if (token.isPresent() && token.get().isBlank()) {
            p.problem(p.node("token").orElse(null), p.field("token"), "is empty.",
                    "Give a long random text, e.g. `token: ${env:MY_PROFILE_TOKEN}`, or remove it.");
        }
        return problems.size() == before ? Optional.of(new ProfileConfig(name, rules, token)) : Optional.empty();
    }

    private String name(YamlFields p) {
        Optional<String> name = p.string("name");
        if (name.isEmpty()) {
            if (!p.has("name")) {
                p.problem(p.mapping(), p.field("name"), "is missing.",
                        "Give every profile a unique name, e.g. `name: coding`.");
            }
            return "";
        }
        Node at = p.node("name").orElse(null);
        if (!ServerEntries.NAME.matcher(name.get()).matches()) {
            p.problem(at, p.field("name"), "\"" + name.get() + "\" is not a usable name; it is part of the "
                    + "endpoint's path.", "Use letters, digits, - and _ (at most 64), starting with a letter or digit.");
        }
        Integer first = nameLines.putIfAbsent(name.get(), ServerEntries.line(at));
        if (first != null) {
            p.problem(at, p.field("name"), "\"" + name.get() + "\" is already the name of the profile on line "
                    + first + ".", "Give each profile its own name.");
        }
        return name.get();
    }

    private List<ProfileConfig.ServerRule> rules(YamlFields p) {
        Optional<Node> node = p.node("servers");
        if (node.isEmpty()) {
            p.problem(p.mapping(), p.field("servers"), "is missing.",
                    "List the servers it takes, e.g. `servers: [{name: files}]`.");
            return List.of();
        }
        if (!(node.get() instanceof SequenceNode list)) {
            p.problem(node.get(), p.field("servers"), "expected a list of servers.",
                    "Write each as \"- name: <server name or glob>\".");
            return List.of();
        }
        List<ProfileConfig.ServerRule> rules = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            rule(p.field("servers") + "[" + i + "]", list.getValue().get(i)).ifPresent(rules::add);
        }
        return rules;
    }

    private Optional<ProfileConfig.ServerRule> rule(String path, Node node) {
        YamlFields s = new YamlFields(file, path, node, problems, substitution);
        if (!(node instanceof MappingNode)) {
            s.problem(node, path, "expected a server (a mapping with name and tools).",
                    "Write it as \"- name: <server name or glob>\".");
            return Optional.empty();
        }
        s.rejectUnknown(SERVER_KEYS);
        Optional<String> server = s.string("name");
        if (server.isEmpty()) {
            if (!s.has("name")) {
                s.problem(node, s.field("name"), "is missing.", "Name a server, or a glob such as `github-*`.");
            }
            return Optional.empty();
        }
        ProfileConfig.ServerRule rule = new ProfileConfig.ServerRule(server.get(), ServerEntries.tools(s));
        if (serverNames.stream().noneMatch(rule::takes)) {
            String nearest = Suggestions.nearest(server.get(), serverNames);
            s.problem(s.node("name").orElse(null), s.field("name"), "\"" + server.get() + "\" matches no server.",
                    nearest != null ? "Did you mean `" + nearest + "`?"
                            : serverNames.isEmpty() ? "Add the server to `servers` first."
                            : "Servers: " + String.join(", ", serverNames) + ".");
        }
        return Optional.of(rule);
    }

}
