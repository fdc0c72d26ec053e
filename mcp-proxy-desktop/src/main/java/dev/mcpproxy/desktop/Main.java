package dev.mcpproxy.desktop;

import dev.mcpproxy.shared.OperatingSystem;
import java.util.List;
import javafx.application.Application;

/**
 * {@code mcp-proxy desktop}: the desktop app. A class apart from {@link DesktopApp}, so that the JVM's launcher does
 * not insist on JavaFX being on the module path. Without a display it says so and points to the headless way.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (OperatingSystem.current() == OperatingSystem.LINUX && blank(System.getenv("DISPLAY"))
                && blank(System.getenv("WAYLAND_DISPLAY"))) {
            System.err.println("mcp-proxy desktop: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); run the "
                    + "proxy without a window instead: ./mcp-proxy --config FILE, and open the UI address it prints");
            System.exit(2);
        }
        try {
            LaunchOptions.parse(List.of(args));
        } catch (LaunchOptions.Invalid e) {
            System.err.println("mcp-proxy desktop: " + e.getMessage());
            System.exit(2);
        }
        Application.launch(DesktopApp.class, args);
        // The app is done (a second launch that focused the first, or a failed start): no thread may keep it alive.
        System.exit(DesktopApp.failedToStart() ? 1 : 0);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
