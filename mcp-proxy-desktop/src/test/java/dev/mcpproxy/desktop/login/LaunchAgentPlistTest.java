package dev.mcpproxy.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The macOS LaunchAgent, written and read back as a property list on any platform. */
class LaunchAgentPlistTest {

    @TempDir
    Path home;

    @Test
    void enablingWritesALaunchAgentThatRunsTheLauncherAtLoad() throws Exception {
        List<String> launch = List.of("/Users/ada/MCP Proxy & <Co>/mcp-proxy", "desktop");
        LaunchAgentPlist agent = (LaunchAgentPlist) StartAtLogin.of(dev.mcpproxy.shared.OperatingSystem.MACOS,
                java.util.Map.of(), home, launch);

        agent.enable();

        assertThat(agent.file()).isEqualTo(home.resolve("Library/LaunchAgents/dev.mcpproxy.desktop.plist"));
        assertThat(agent.enabled()).isTrue();
        Element dict = (Element) parse(Files.readString(agent.file())).getElementsByTagName("dict").item(0);
        assertThat(valueOf(dict, "Label").getTextContent()).isEqualTo("dev.mcpproxy.desktop");
        assertThat(valueOf(dict, "RunAtLoad").getNodeName()).isEqualTo("true");
        List<String> arguments = new ArrayList<>();
        NodeList strings = ((Element) valueOf(dict, "ProgramArguments")).getElementsByTagName("string");
        for (int i = 0; i < strings.getLength(); i++) {
            arguments.add(strings.item(i).getTextContent());
        }
        assertThat(arguments).isEqualTo(launch);
    }

    @Test
    void disablingRemovesTheAgent() throws Exception {
        LaunchAgentPlist agent = new LaunchAgentPlist(LaunchAgentPlist.file(home), List.of("/bin/true"));
        agent.enable();
        agent.disable();
        assertThat(agent.file()).doesNotExist();
        assertThat(agent.enabled()).isFalse();
    }

    /** Parsed without fetching Apple's DTD, as a Mac's own tools read it. */
    private static org.w3c.dom.Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The element after {@code <key>name</key>} in a plist dict. */
    private static Node valueOf(Element dict, String name) {
        NodeList keys = dict.getElementsByTagName("key");
        for (int i = 0; i < keys.getLength(); i++) {
            if (keys.item(i).getTextContent().equals(name)) {
                Node next = keys.item(i).getNextSibling();
                while (next.getNodeType() != Node.ELEMENT_NODE) {
                    next = next.getNextSibling();
                }
                return next;
            }
        }
        throw new AssertionError("No key " + name);
    }
}
