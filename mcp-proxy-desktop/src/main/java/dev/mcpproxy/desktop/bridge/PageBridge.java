package dev.mcpproxy.desktop.bridge;

import dev.mcpproxy.core.json.Json;
import dev.mcpproxy.desktop.backend.BackendStatus;
import java.net.URI;
import java.util.function.Supplier;
import javafx.concurrent.Worker;
import javafx.scene.web.WebEngine;
import netscape.javascript.JSObject;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts the commands on the page's {@code window.mcpProxyDesktop}, after each load, only when the page is the
 * sidecar's own ({@code http://127.0.0.1:API_PORT}): a page from anywhere else the window is led to gets no bridge.
 * Tells that page of the sidecar by window events, {@code backend-error} (detail: the message) and {@code
 * backend-status} (detail: the status object), and of its settings by {@code desktop-settings}. Everything here runs
 * on the FX thread.
 */
public final class PageBridge {

    public static final String MEMBER = "mcpProxyDesktop";
    /** The window event that says the bridge has been set. */
    public static final String READY_EVENT = "mcp-proxy-desktop-ready";

    private final WebEngine engine;
    /** Held here: the page's reference alone would not keep it from being collected. */
    private final DesktopCommands commands;
    private final Supplier<String> sidecarOrigin;

    public PageBridge(WebEngine engine, DesktopCommands commands, Supplier<String> sidecarOrigin) {
        this.engine = engine;
        this.commands = commands;
        this.sidecarOrigin = sidecarOrigin;
        engine.getLoadWorker().stateProperty().addListener((property, before, state) -> {
            if (state == Worker.State.SUCCEEDED && onSidecarPage()) {
                ((JSObject) engine.executeScript("window")).setMember(MEMBER, this.commands);
                // The page's script ran before the bridge could be set (JavaFX allows it only once loaded): it is
                // told that the bridge is there now.
                engine.executeScript("window.dispatchEvent(new Event('" + READY_EVENT + "'))");
            }
        });
    }

    /** Whether the page shown is the sidecar's: same scheme, host and port. */
    public boolean onSidecarPage() {
        String location = engine.getLocation();
        String origin = sidecarOrigin.get();
        if (location == null || origin == null) {
            return false;
        }
        try {
            URI page = URI.create(location);
            URI own = URI.create(origin);
            return "http".equals(page.getScheme()) && own.getHost().equals(page.getHost())
                    && own.getPort() == page.getPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public void error(String message) {
        dispatch("backend-error", Json.write(Json.text(message)));
    }

    public void status(BackendStatus status) {
        dispatch("backend-status", Json.write(status.toJson()));
    }

    /** The app's settings changed (from the tray): detail as {@code get_settings} answers. */
    public void settings(ObjectNode settings) {
        dispatch("desktop-settings", Json.write(settings));
    }

    /** JSON is a JavaScript expression: the detail goes into the script as a literal, never as code. */
    private void dispatch(String type, String detailJson) {
        if (onSidecarPage()) {
            engine.executeScript("window.dispatchEvent(new CustomEvent(" + Json.write(Json.text(type))
                    + ", {detail: " + detailJson + "}))");
        }
    }
}
