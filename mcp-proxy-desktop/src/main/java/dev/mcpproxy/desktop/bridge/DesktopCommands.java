package dev.mcpproxy.desktop.bridge;

import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.config.ConfigProblem;
import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.desktop.backend.BackendManager;
import dev.mcpproxy.desktop.backend.SidecarClient;
import dev.mcpproxy.desktop.config.ConfigManager;
import dev.mcpproxy.desktop.login.StartAtLoginSetting;
import dev.mcpproxy.shared.SystemBrowser;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpResponse;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seed's four commands (its §5), the app's settings ({@code get_settings}, {@code set_start_at_login}) and
 * {@code open_in_browser}, as the page calls them through {@code window.mcpProxyDesktop}: each answers JSON text, its
 * result or {@code {"error": "…"}} ({@code update_config} adds the configuration's {@code problems} as {@code PUT
 * /api/config} gives them). The four names are the seed's, which the page calls. Called on the FX thread, so nothing
 * here waits long: a start runs in the background and is announced by a {@code backend-status} event.
 */
public final class DesktopCommands {

    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");

    /** What the app does for the commands that change the sidecar's life. */
    public interface Lifecycle {
        /** Starts the sidecar in the background (again after the monitor gave up); its status follows as an event. */
        void startInBackground();

        /** Stops the sidecar and its servers, and returns once they are gone. */
        void stop();
    }

    /** Shows an address in the user's browser. */
    public interface Browser {
        /** @param url an address {@link SystemBrowser#refusal} has let through */
        void open(String url);
    }

    private final BackendManager manager;
    private final Lifecycle lifecycle;
    private final ConfigManager config;
    private final StartAtLoginSetting startAtLogin;
    private final Browser browser;

    public DesktopCommands(BackendManager manager, Lifecycle lifecycle, ConfigManager config,
                           StartAtLoginSetting startAtLogin, Browser browser) {
        this.manager = manager;
        this.lifecycle = lifecycle;
        this.config = config;
        this.startAtLogin = startAtLogin;
        this.browser = browser;
    }

    public String start_backend() {
        lifecycle.startInBackground();
        return get_backend_status();
    }

    public String stop_backend() {
        lifecycle.stop();
        return get_backend_status();
    }

    public String get_backend_status() {
        return Json.write(manager.status().toJson());
    }

    /** The app's own settings, beside the configuration file's: {@code {start_at_login, start_at_login_where}}. */
    public String get_settings() {
        return Json.write(startAtLogin.toJson());
    }

    /** Turns starting at login on or off; answers the settings as they now stand, or why it could not. */
    public String set_start_at_login(boolean on) {
        try {
            startAtLogin.set(on);
            return get_settings();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "set_start_at_login failed: {0}", e.getMessage());
            return error(e.getMessage());
        }
    }

    /**
     * Shows {@code url} in the user's browser, never in the window: a remote server's sign-in page, where the user
     * sees whose page it is and has the passwords the browser keeps. Only http and https addresses; anything else
     * is refused, and nothing is run.
     */
    public String open_in_browser(String url) {
        Optional<String> refused = SystemBrowser.refusal(url);
        if (refused.isPresent()) {
            return error("The address was not opened: " + refused.get());
        }
        browser.open(url);
        return Json.write(Json.object().put("opened", true));
    }

    /**
     * Validates the text and, when valid, saves and applies it: through the running sidecar's {@code PUT
     * /api/config} (which writes the same file atomically and restarts only the servers whose entry changed), else
     * by saving the file, which the next start reads. An invalid text changes nothing on disk.
     */
    public String update_config(String yaml) {
        if (yaml == null) {
            return error("update_config needs the configuration's YAML text");
        }
        Optional<SidecarClient> sidecar = manager.client();
        try {
            return sidecar.isPresent() ? throughSidecar(sidecar.get(), yaml) : saved(yaml);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "update_config failed: {0}", e.getMessage());
            return error("The configuration could not be saved to " + config.path() + ": " + e.getMessage());
        }
    }

    private static String throughSidecar(SidecarClient sidecar, String yaml) throws IOException {
        HttpResponse<String> answer = sidecar.putConfig(yaml);
        JsonNode body;
        try {
            body = Json.parse(answer.body());
        } catch (Json.MalformedJsonException e) {
            return error("The sidecar answered " + answer.statusCode() + " with no JSON");
        }
        if (answer.statusCode() == 200 || body.path("error").isString()) {
            return answer.body();
        }
        return error("The sidecar answered " + answer.statusCode());
    }

    private String saved(String yaml) throws IOException {
        try {
            config.save(yaml);
            return Json.write(Json.object().putNull("change"));
        } catch (ConfigException e) {
            ObjectNode answer = Json.object().put("error", "The configuration would not be valid; nothing was changed");
            ArrayNode problems = answer.putArray("problems");
            for (ConfigProblem p : e.problems()) {
                problems.addObject().put("line", p.line()).put("field", p.field()).put("message", p.message())
                        .put("fix", p.fix()).put("text", p.render());
            }
            return Json.write(answer);
        }
    }

    private static String error(String message) {
        return Json.write(Json.object().put("error", message));
    }
}
