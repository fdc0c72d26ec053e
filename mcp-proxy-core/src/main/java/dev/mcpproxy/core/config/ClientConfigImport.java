package dev.mcpproxy.core.config;

import dev.mcpproxy.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns the MCP server list of another client into this proxy's YAML: Claude Desktop's and Cursor's
 * {@code {"mcpServers": {...}}}, VS Code's {@code .vscode/mcp.json} ({@code {"servers": {...}}}) and its
 * settings.json ({@code {"mcp": {"servers": {...}}}}). The result is checked by parsing it back, so what is
 * written always loads.
 */
public final class ClientConfigImport {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    /** The YAML, and what did not carry over as it was. */
    public record Result(String yaml, int servers, List<String> warnings) {
    }

    private ClientConfigImport() {
    }

    /** @param source the file the JSON came from, for messages and the header comment */
    public static Result convert(String json, Path source) throws ConfigException {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (Json.MalformedJsonException e) {
            throw problem(source, "", "is not valid JSON: " + e.getMessage() + ".",
                    "Export the client's configuration file as it is (claude_desktop_config.json, mcp.json).");
        }
        JsonNode servers = root.path("mcpServers");
        if (!servers.isObject()) {
            servers = root.path("servers").isObject() ? root.path("servers") : root.path("mcp").path("servers");
        }
        if (!servers.isObject()) {
            throw problem(source, "", "has no MCP servers: expected an object under \"mcpServers\" (Claude Desktop, "
                    + "Cursor), \"servers\" (VS Code mcp.json) or \"mcp.servers\" (VS Code settings).",
                    "Point import at the client's MCP configuration file.");
        }
        List<String> warnings = new ArrayList<>();
        StringBuilder yaml = new StringBuilder()
                .append("# Imported by `mcp-proxy-server import` from ").append(source.getFileName()).append('\n')
                .append("servers:\n");
        Set<String> names = new HashSet<>();
        int count = 0;
        for (Map.Entry<String, JsonNode> entry : servers.properties()) {
            String name = uniqueName(entry.getKey(), names, warnings);
            if (!entry.getValue().isObject()) {
                warnings.add(entry.getKey() + ": skipped, its entry is not an object");
                continue;
            }
            server(yaml, name, entry.getValue(), warnings);
            count++;
        }
        if (count == 0) {
            yaml.setLength(0);
            yaml.append("# Imported by `mcp-proxy-server import` from ").append(source.getFileName())
                    .append(": no servers\nservers: []\n");
        }
        String text = yaml.toString();
        ConfigLoader.parse(text, Path.of("imported.yaml"), name -> "${env:" + name + "}");
        return new Result(text, count, List.copyOf(warnings));
    }

    private static void server(StringBuilder yaml, String name, JsonNode entry, List<String> warnings) {
        yaml.append("  - name: ").append(quote(name)).append('\n');
        String url = entry.path("url").asString(entry.path("serverUrl").asString(""));
        String type = entry.path("type").asString(entry.path("transport").asString("")).toLowerCase(Locale.ROOT);
        if (!url.isEmpty()) {
            String transport = type.equals("sse") ? "sse" : "streamable-http";
            yaml.append("    transport: ").append(transport).append('\n');
            yaml.append("    url: ").append(quote(substitute(url, name, warnings))).append('\n');
            map(yaml, "headers", entry.path("headers"), name, warnings);
        } else {
            yaml.append("    command: ").append(quote(substitute(entry.path("command").asString(""), name, warnings)))
                    .append('\n');
            List<String> args = new ArrayList<>();
            entry.path("args").forEach(arg -> args.add(quote(substitute(arg.asString(arg.toString()), name, warnings))));
            if (!args.isEmpty()) {
                yaml.append("    args: [").append(String.join(", ", args)).append("]\n");
            }
            map(yaml, "env", entry.path("env"), name, warnings);
            String cwd = entry.path("cwd").asString("");
            if (!cwd.isEmpty()) {
                yaml.append("    cwd: ").append(quote(substitute(cwd, name, warnings))).append('\n');
            }
            if (entry.has("envFile")) {
                warnings.add(name + ": envFile is not supported; copy its variables into env");
            }
        }
        if (entry.path("disabled").asBoolean(false)) {
            yaml.append("    enabled: false\n");
        }
    }

    private static void map(StringBuilder yaml, String key, JsonNode values, String server, List<String> warnings) {
        if (!values.isObject() || values.isEmpty()) {
            return;
        }
        yaml.append("    ").append(key).append(":\n");
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            String value = e.getValue().isString() ? e.getValue().asString() : e.getValue().toString();
            yaml.append("      ").append(quote(e.getKey())).append(": ")
                    .append(quote(substitute(value, server, warnings))).append('\n');
        }
    }

    /**
     * Carries {@code ${...}} placeholders over: {@code ${env:X}} means the same here; VS Code's {@code ${input:id}}
     * prompts have no counterpart in a file the proxy reads unattended, so they become environment variables named
     * after the input; anything else (${workspaceFolder}, ...) stays literal text, escaped as {@code $${...}}.
     */
    private static String substitute(String value, String server, List<String> warnings) {
        Matcher placeholder = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String inside = placeholder.group(1);
            String replacement;
            if (inside.startsWith("env:")) {
                replacement = "${" + inside + "}";
            } else if (inside.startsWith("input:")) {
                String variable = inside.substring("input:".length()).toUpperCase(Locale.ROOT)
                        .replaceAll("[^A-Z0-9_]", "_");
                warnings.add(server + ": the VS Code input \"" + inside.substring("input:".length()) + "\" became ${env:"
                        + variable + "}; set " + variable + " in the proxy's environment");
                replacement = "${env:" + variable + "}";
            } else {
                warnings.add(server + ": ${" + inside + "} has no meaning here and was kept as literal text");
                replacement = "$${" + inside + "}";
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static String uniqueName(String wanted, Set<String> taken, List<String> warnings) {
        String name = wanted.replaceAll("[^A-Za-z0-9_-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        if (name.isEmpty()) {
            name = "server";
        }
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        String unique = name;
        for (int n = 2; !taken.add(unique); n++) {
            unique = name + "-" + n;
        }
        if (!unique.equals(wanted)) {
            warnings.add("\"" + wanted + "\" was renamed " + unique + " (names are letters, digits, - and _)");
        }
        return unique;
    }

    /** A double-quoted YAML scalar: JSON string syntax is valid YAML and escapes everything that needs it. */
    private static String quote(String text) {
        return Json.write(Json.text(text));
    }

    private static ConfigException problem(Path source, String field, String message, String fix) {
        return new ConfigException(List.of(new ConfigProblem(source.toString(), 0, 0, field, message, fix)));
    }
}
