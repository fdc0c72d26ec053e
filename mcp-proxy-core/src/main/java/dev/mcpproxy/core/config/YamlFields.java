package dev.mcpproxy.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads typed fields out of one YAML mapping, recording a located problem for each wrong one. */
final class YamlFields {

    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final List<ConfigProblem> problems;
    private Set<String> known = Set.of();
    private final UnaryOperator<String> substitute;

    YamlFields(String file, String path, Node node, List<ConfigProblem> problems, UnaryOperator<String> substitute) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
        this.substitute = substitute;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
                if (entries.putIfAbsent(key, tuple) != null) {
                    problem(tuple.getKeyNode(), field(key), "is given twice.", "Keep one of them.");
                }
            }
        }
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(Node at, String field, String message, String fix) {
        int line = at == null ? 0 : at.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        int column = at == null ? 0 : at.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
        problems.add(new ConfigProblem(file, line, column, field, message, fix));
    }

    /** The mapping these fields come from, to point at when a field is missing. */
    Node mapping() {
        return node;
    }

    int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** Unknown keys are errors, with the nearest known key as a suggestion. */
    void rejectUnknown(Set<String> known) {
        this.known = known;
        for (var e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                String nearest = Suggestions.nearest(e.getKey(), known);
                problem(e.getValue().getKeyNode(), field(e.getKey()), "is not a known setting.",
                        nearest == null ? "Known settings here: " + String.join(", ", known) + "."
                                : "Did you mean `" + nearest + "`?");
            }
        }
    }

    /**
     * Whether an unknown key here looks like a misspelling of {@code key}; then "did you mean" already says
     * all there is to say, and a second message that {@code key} is missing would only repeat it.
     */
    boolean misspelt(String key) {
        return entries.keySet().stream()
                .anyMatch(k -> !known.contains(k) && key.equals(Suggestions.nearest(k, known)));
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Optional<Node> node(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? Optional.empty() : Optional.of(t.getValueNode());
    }

    Optional<String> string(String key) {
        return scalar(key, this::substituteWithoutSecrets);
    }

    /** A value that may hold {@code ${secret:NAME}}, kept as it is: read where it is used, not as loaded. */
    Optional<String> secretString(String key) {
        return scalar(key, this::substitute);
    }

    private Optional<String> scalar(String key, BiFunction<ScalarNode, String, String> read) {
        return node(key).flatMap(n -> {
            if (n instanceof ScalarNode s) {
                return Optional.of(read.apply(s, field(key)));
            }
            problem(n, field(key), "expected a single value.", "Write it as text on one line.");
            return Optional.empty();
        });
    }

    private String substitute(ScalarNode s, String field) {
        try {
            return substitute.apply(s.getValue());
        } catch (EnvSubstitution.BadSecretReference e) {
            problem(s, field, e.getMessage(), "Name the secret as `mcp-proxy-server secret list` shows it.");
            return "";
        } catch (IllegalArgumentException e) {
            problem(s, field, e.getMessage(), "Set the variable, or give a fallback: ${env:NAME:-fallback}.");
            return "";
        }
    }

    /** A value where a secret may not go: only env, headers, oauth.client_secret and the tokens take one. */
    private String substituteWithoutSecrets(ScalarNode s, String field) {
        String value = substitute(s, field).replace("$${secret:", "${secret:");
        if (s.getValue().replace("$${", "").contains("${secret:")) {
            problem(s, field, "uses ${secret:…}, which only env, headers, oauth.client_secret and tokens may use.",
                    "Move the secret into an env variable or a header.");
            return "";
        }
        return value;
    }

    Optional<Boolean> bool(String key) {
        return string(key).flatMap(v -> switch (v) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                problem(node(key).orElse(null), field(key), "\"" + v + "\" is not true or false.", "Use true or false.");
                yield Optional.empty();
            }
        });
    }

    Optional<Double> number(String key, String fix) {
        return string(key).flatMap(v -> {
            try {
                return Optional.of(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                problem(node(key).orElse(null), field(key), "\"" + v + "\" is not a number.", fix);
                return Optional.empty();
            }
        });
    }

    Optional<List<String>> strings(String key) {
        return node(key).flatMap(n -> {
            if (!(n instanceof SequenceNode seq)) {
                problem(n, field(key), "expected a list of strings.", "Write it as [\"a\", \"b\"] or one \"- item\" per line.");
                return Optional.empty();
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                Node item = seq.getValue().get(i);
                if (item instanceof ScalarNode s) {
                    values.add(substituteWithoutSecrets(s, field(key) + "[" + i + "]"));
                } else {
                    problem(item, field(key) + "[" + i + "]", "expected a string.", "Quote it.");
                }
            }
            return Optional.of(values);
        });
    }

    Optional<Map<String, String>> stringMap(String key) {
        return node(key).flatMap(n -> {
            if (!(n instanceof MappingNode mapping)) {
                problem(n, field(key), "expected a mapping of names to values.", "Write it as {NAME: value}.");
                return Optional.empty();
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (NodeTuple t : mapping.getValue()) {
                String name = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
                if (t.getValueNode() instanceof ScalarNode v) {
                    values.put(name, substitute(v, field(key) + "." + name));
                } else {
                    problem(t.getValueNode(), field(key) + "." + name, "expected a single value.", "Quote it.");
                }
            }
            return Optional.of(values);
        });
    }

    Optional<YamlFields> mapping(String key) {
        return node(key).flatMap(n -> {
            if (n instanceof MappingNode) {
                return Optional.of(new YamlFields(file, field(key), n, problems, substitute));
            }
            problem(n, field(key), "expected a mapping.", "Indent its settings under it.");
            return Optional.empty();
        });
    }
}
