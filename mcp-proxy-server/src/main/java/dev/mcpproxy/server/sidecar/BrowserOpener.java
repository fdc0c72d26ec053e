package dev.mcpproxy.server.sidecar;

import dev.mcpproxy.server.api.ApiToken;
import dev.mcpproxy.shared.OperatingSystem;
import dev.mcpproxy.shared.SystemBrowser;
import java.lang.System.Logger.Level;
import java.util.List;

/** {@code --open}: the UI's address in the user's browser. A failure is one warning line; the proxy runs on. */
final class BrowserOpener {

    private static final System.Logger LOG = System.getLogger("mcp-proxy");

    private BrowserOpener() {
    }

    static void open(String url, OperatingSystem os) {
        SystemBrowser.open(url, os, List.of(ApiToken.ENVIRONMENT_VARIABLE), why -> LOG.log(Level.WARNING,
                "Could not open the UI in a browser ({0}); open the address printed above", why));
    }
}
