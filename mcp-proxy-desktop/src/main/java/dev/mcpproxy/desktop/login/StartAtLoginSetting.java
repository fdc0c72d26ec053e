package dev.mcpproxy.desktop.login;

import dev.mcpproxy.core.json.Json;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The "start at login" setting as the tray's checkbox and the page's switch both show it: read from the system each
 * time (the file or value may be changed by hand, or by a desktop's own settings), and, when either changes it, told
 * to the other.
 */
public final class StartAtLoginSetting {

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");

    private final StartAtLogin startAtLogin;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

    public StartAtLoginSetting(StartAtLogin startAtLogin) {
        this.startAtLogin = startAtLogin;
    }

    /** Whether it is on now; off when the system cannot be asked (the reason is logged). */
    public boolean enabled() {
        try {
            return startAtLogin.enabled();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not read whether MCP Proxy starts at login ({0}): {1}",
                    startAtLogin.where(), e.getMessage());
            return false;
        }
    }

    /** Turns it on or off, then tells every listener how it now stands. */
    public void set(boolean on) throws IOException {
        try {
            startAtLogin.set(on);
            LOG.log(Level.INFO, "MCP Proxy {0} at login ({1})", on ? "will start" : "will no longer start",
                    startAtLogin.where());
        } finally {
            boolean now = enabled();
            listeners.forEach(listener -> listener.accept(now));
        }
    }

    /** Called, on the thread that changed it, with the setting after each change. */
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    /** {@code {start_at_login, start_at_login_where}}, as the page's {@code get_settings} answers. */
    public ObjectNode toJson() {
        return Json.object().put("start_at_login", enabled()).put("start_at_login_where", startAtLogin.where());
    }
}
