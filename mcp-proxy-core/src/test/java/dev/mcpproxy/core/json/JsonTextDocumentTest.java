package dev.mcpproxy.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpproxy.core.json.JsonTextDocument.Dialect;
import dev.mcpproxy.core.json.JsonTextDocument.JsonTextException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One member set in a client's file, and every other byte of it as it was. */
class JsonTextDocumentTest {

    private static final List<String> CLAUDE = List.of("mcpServers", "mcp-proxy");
    private static final List<String> VS_CODE = List.of("servers", "mcp-proxy");

    private static JsonNode entry() throws Exception {
        return Json.parse("{\"command\": \"/opt/mcp proxy/mcp-proxy\", \"args\": [\"connect\", "
                + "\"http://127.0.0.1:3000/mcp\"]}");
    }

    private static String set(String text, Dialect dialect, List<String> path) throws Exception {
        String after = JsonTextDocument.parse(text, dialect).withMember(path, entry());
        // What comes out reads back as the document with the member set, and setting it again changes nothing.
        JsonNode before = JsonTextDocument.parse(text, dialect).value();
        ObjectNode expected = before == null ? Json.object() : (ObjectNode) before.deepCopy();
        ObjectNode parent = expected;
        for (String key : path.subList(0, path.size() - 1)) {
            parent = parent.has(key) ? (ObjectNode) parent.get(key) : parent.putObject(key);
        }
        parent.set(path.getLast(), entry());
        assertThat(JsonTextDocument.parse(after, dialect).value()).isEqualTo(expected);
        assertThat(JsonTextDocument.parse(after, dialect).withMember(path, entry())).isEqualTo(after);
        return after;
    }

    @Test
    void anEntryJoinsTheOtherServersLaidOutLikeThem() throws Exception {
        String before = """
                {
                  "mcpServers": {
                    "filesystem": {
                      "command": "npx",
                      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/me"]
                    }
                  },
                  "globalShortcut": "Ctrl+Space"
                }
                """;
        assertThat(set(before, Dialect.JSON, CLAUDE)).isEqualTo("""
                {
                  "mcpServers": {
                    "filesystem": {
                      "command": "npx",
                      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/home/me"]
                    },
                    "mcp-proxy": {
                      "command": "/opt/mcp proxy/mcp-proxy",
                      "args": ["connect", "http://127.0.0.1:3000/mcp"]
                    }
                  },
                  "globalShortcut": "Ctrl+Space"
                }
                """);
    }

    @Test
    void aMissingParentIsAddedAfterTheLastMember() throws Exception {
        String before = "{\n    \"globalShortcut\": \"Ctrl+Space\",\n    \"theme\": {\"dark\": true}\n}";
        assertThat(set(before, Dialect.JSON, CLAUDE)).isEqualTo("""
                {
                    "globalShortcut": "Ctrl+Space",
                    "theme": {"dark": true},
                    "mcpServers": {
                        "mcp-proxy": {
                            "command": "/opt/mcp proxy/mcp-proxy",
                            "args": ["connect", "http://127.0.0.1:3000/mcp"]
                        }
                    }
                }""");
    }

    @Test
    void anExistingEntryIsReplacedAndNothingElse() throws Exception {
        String before = """
                {"mcpServers": {
                   "mcp-proxy": {"command": "old", "args": []},
                   "other": {"command": "x"}
                }}
                """;
        assertThat(set(before, Dialect.JSON, CLAUDE)).isEqualTo("""
                {"mcpServers": {
                   "mcp-proxy": {
                      "command": "/opt/mcp proxy/mcp-proxy",
                      "args": ["connect", "http://127.0.0.1:3000/mcp"]
                   },
                   "other": {"command": "x"}
                }}
                """);
    }

    @Test
    void commentsAndTrailingCommasOfJsoncStayWhereTheyWere() throws Exception {
        String before = """
                // VS Code's user MCP servers
                {
                  /* the inputs VS Code asks for */
                  "inputs": [],
                  "servers": {
                    "memory": {
                      "type": "stdio", // a local one
                      "command": "npx",
                    }, // the last one so far
                  },
                }
                """;
        assertThat(set(before, Dialect.JSONC, VS_CODE)).isEqualTo("""
                // VS Code's user MCP servers
                {
                  /* the inputs VS Code asks for */
                  "inputs": [],
                  "servers": {
                    "memory": {
                      "type": "stdio", // a local one
                      "command": "npx",
                    }, // the last one so far
                    "mcp-proxy": {
                      "command": "/opt/mcp proxy/mcp-proxy",
                      "args": ["connect", "http://127.0.0.1:3000/mcp"]
                    },
                  },
                }
                """);
    }

    @Test
    void aCommentAfterTheLastMemberStaysWithIt() throws Exception {
        String before = "{\n  \"servers\": {\n    \"a\": {\"url\": \"x\"} // keep me\n  }\n}\n";
        assertThat(set(before, Dialect.JSONC, VS_CODE)).startsWith(
                "{\n  \"servers\": {\n    \"a\": {\"url\": \"x\"}, // keep me\n    \"mcp-proxy\": {\n");
        String two = "{\n  \"servers\": {\n    \"a\": 1 /* one */ // two\n  }\n}\n";
        assertThat(set(two, Dialect.JSONC, VS_CODE)).startsWith(
                "{\n  \"servers\": {\n    \"a\": 1, /* one */ // two\n    \"mcp-proxy\": {\n");
    }

    @Test
    void aFileOfCrlfLinesGetsCrlfLines() throws Exception {
        String before = "{\r\n  \"mcpServers\": {\r\n    \"a\": {\"command\": \"x\"}\r\n  }\r\n}\r\n";
        String after = set(before, Dialect.JSON, CLAUDE);
        assertThat(after.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(after).startsWith("{\r\n  \"mcpServers\": {\r\n    \"a\": {\"command\": \"x\"},\r\n    \"mcp-proxy\": {\r\n"
                + "      \"command\"").endsWith("]\r\n    }\r\n  }\r\n}\r\n");
    }

    @Test
    void aFileIndentedWithTabsGetsTabs() throws Exception {
        String before = "{\n\t\"servers\": {\n\t\t\"a\": {\"url\": \"x\"}\n\t}\n}";
        assertThat(set(before, Dialect.JSONC, VS_CODE)).isEqualTo("{\n\t\"servers\": {\n\t\t\"a\": {\"url\": \"x\"},\n"
                + "\t\t\"mcp-proxy\": {\n\t\t\t\"command\": \"/opt/mcp proxy/mcp-proxy\",\n"
                + "\t\t\t\"args\": [\"connect\", \"http://127.0.0.1:3000/mcp\"]\n\t\t}\n\t}\n}");
    }

    @Test
    void emptyObjectsAndEmptyFilesGetJustTheEntry() throws Exception {
        String entry = """
                "mcp-proxy": {
                      "command": "/opt/mcp proxy/mcp-proxy",
                      "args": ["connect", "http://127.0.0.1:3000/mcp"]
                    }""";
        String whole = "{\n  \"mcpServers\": {\n    " + entry + "\n  }\n}\n";
        assertThat(set("", Dialect.JSON, CLAUDE)).isEqualTo(whole);
        assertThat(set(" \n", Dialect.JSON, CLAUDE)).isEqualTo(whole);
        assertThat(set("{}", Dialect.JSON, CLAUDE)).isEqualTo(whole.strip());
        assertThat(set("{\"mcpServers\": {}}", Dialect.JSON, CLAUDE))
                .isEqualTo("{\"mcpServers\": {\n  " + entry.replace("\n  ", "\n") + "\n}}");
        assertThat(set("{\n  \"mcpServers\": {\n  }\n}", Dialect.JSON, CLAUDE)).isEqualTo(whole.strip());
        assertThat(set("// nothing yet\n", Dialect.JSONC, CLAUDE)).isEqualTo("// nothing yet\n" + whole);
        assertThat(set("{\n  \"servers\": { // none yet\n  }\n}", Dialect.JSONC, VS_CODE))
                .startsWith("{\n  \"servers\": {\n    \"mcp-proxy\": {").endsWith("]\n    } // none yet\n  }\n}");
    }

    @Test
    void anObjectOnOneLineStaysOnOne() throws Exception {
        assertThat(set("{\"mcpServers\": {\"a\": {\"command\": \"x\"}}}", Dialect.JSON, CLAUDE)).isEqualTo(
                "{\"mcpServers\": {\"a\": {\"command\": \"x\"}, \"mcp-proxy\": {\"command\": \"/opt/mcp proxy/mcp-proxy\", "
                        + "\"args\": [\"connect\", \"http://127.0.0.1:3000/mcp\"]}}}");
    }

    @Test
    void unicodeEscapesAndAByteOrderMarkDoNotShiftTheEdit() throws Exception {
        String before = "\uFEFF{\n  \"mcpServers\": {\n    \"日本語 😀\": {\"command\": \"caf\u00e9\", \"args\": "
                + "[\"\\\"quoted\\\" \\\\ \\u00e9 }\"]}\n  }\n}\n";
        String after = set(before, Dialect.JSON, CLAUDE);
        assertThat(after).startsWith(before.substring(0, before.indexOf("]}") + 2) + ",\n    \"mcp-proxy\": {\n")
                .endsWith("]\n    }\n  }\n}\n");
    }

    @Test
    void aKeyThatNeedsEscapingIsWrittenEscaped() throws Exception {
        String after = JsonTextDocument.parse("{}", Dialect.JSON).withMember(List.of("a\"b\\c"), Json.text("\u00e9\n"));
        assertThat(after).isEqualTo("{\n  \"a\\\"b\\\\c\": \"\u00e9\\n\"\n}");
    }

    @Test
    void aMalformedTextIsRefusedWithItsLineAndColumn() {
        assertThatThrownBy(() -> JsonTextDocument.parse("{\n  \"mcpServers\": {\n    \"a\": 1,\n  }\n}", Dialect.JSON))
                .isInstanceOf(JsonTextException.class).hasMessageStartingWith("line 4, column 3: ");
        assertThatThrownBy(() -> JsonTextDocument.parse("{\"a\": 1} // note", Dialect.JSON))
                .hasMessageStartingWith("line 1, column 10: ");
        assertThatThrownBy(() -> JsonTextDocument.parse("{\"a\": 1}\n{\"b\": 2}", Dialect.JSONC))
                .hasMessageStartingWith("line 2, column ");
        assertThatThrownBy(() -> JsonTextDocument.parse("{\"a\": 1,\n \"a\": 2}", Dialect.JSONC))
                .hasMessageStartingWith("line 2, column ").hasMessageContaining("\"a\"");
        assertThatThrownBy(() -> JsonTextDocument.parse("{\"a\": \"unterminated", Dialect.JSONC))
                .hasMessageStartingWith("line 1, column ");
        assertThatThrownBy(() -> JsonTextDocument.parse("{ \"servers\": { \"a\": {\"url\": \"x\"}, }", Dialect.JSONC))
                .hasMessage("line 1, column 36: Unexpected end-of-input: expected close marker for Object");
    }

    @Test
    void aParentThatIsNoObjectIsRefusedWhereItIs() throws Exception {
        assertThatThrownBy(() -> JsonTextDocument.parse("{\n  \"x\": 1,\n  \"mcpServers\": [1]\n}", Dialect.JSON)
                .withMember(CLAUDE, entry())).isInstanceOf(JsonTextException.class)
                .hasMessage("line 3, column 17: \"mcpServers\" is an array, not an object");
        assertThatThrownBy(() -> JsonTextDocument.parse("\uFEFF[]", Dialect.JSON).withMember(CLAUDE, entry()))
                .hasMessage("line 1, column 1: the top level is an array, not an object");
        assertThatThrownBy(() -> JsonTextDocument.parse("{\"mcpServers\": null}", Dialect.JSON)
                .withMember(CLAUDE, entry())).hasMessage("line 1, column 16: \"mcpServers\" is null, not an object");
    }
}
