package dev.mcpproxy.core.config;

import dev.mcpproxy.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A configuration's text made to work from another folder: each server's relative {@code cwd} made absolute against
 * the folder the text was written for, and the commands named in {@code commands} replaced by their paths. Only those
 * values change, where they stand, so that the file's comments and layout stay (an example configuration, served to
 * be saved as the user's own file, keeps the words that explain it).
 */
public final class ServerPaths {

    private record Replacement(int start, int end, String text) {
    }

    private ServerPaths() {
    }

    /**
     * @param folder   the folder the text's relative paths are relative to (its file's); empty: they stay relative
     * @param commands bare command names and the absolute paths that replace them, e.g. {@code java}
     */
    public static String anchored(String yaml, Optional<Path> folder, Map<String, Path> commands)
            throws ConfigException {
        List<Replacement> replacements = new ArrayList<>();
        for (MappingNode server : servers(yaml)) {
            for (NodeTuple field : server.getValue()) {
                if (!(field.getKeyNode() instanceof ScalarNode key) || !(field.getValueNode() instanceof ScalarNode v)) {
                    continue;
                }
                Optional<Path> replaced = switch (key.getValue()) {
                    case "cwd" -> folder.filter(f -> !Path.of(v.getValue()).isAbsolute())
                            .map(f -> f.resolve(v.getValue()).toAbsolutePath().normalize());
                    case "command" -> Optional.ofNullable(commands.get(v.getValue()));
                    default -> Optional.empty();
                };
                replaced.ifPresent(path -> replacements.add(new Replacement(
                        yaml.offsetByCodePoints(0, v.getStartMark().orElseThrow().getIndex()),
                        yaml.offsetByCodePoints(0, v.getEndMark().orElseThrow().getIndex()),
                        Json.write(Json.text(path.toString())))));
            }
        }
        StringBuilder text = new StringBuilder(yaml);
        replacements.stream().sorted(Comparator.comparingInt(Replacement::start).reversed())
                .forEach(r -> text.replace(r.start(), r.end(), r.text()));
        return text.toString();
    }

    private static List<MappingNode> servers(String yaml) throws ConfigException {
        Optional<Node> root;
        try {
            LoadSettings settings = LoadSettings.builder().build();
            root = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml))).getSingleNode();
        } catch (YamlEngineException e) {
            throw new ConfigException(List.of(new ConfigProblem("configuration", 0, 0, "",
                    "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), "Fix the file first.")));
        }
        List<MappingNode> servers = new ArrayList<>();
        if (root.orElse(null) instanceof MappingNode mapping) {
            for (NodeTuple field : mapping.getValue()) {
                if (field.getKeyNode() instanceof ScalarNode key && key.getValue().equals("servers")
                        && field.getValueNode() instanceof SequenceNode list) {
                    list.getValue().stream().filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
                            .forEach(servers::add);
                }
            }
        }
        return servers;
    }
}
