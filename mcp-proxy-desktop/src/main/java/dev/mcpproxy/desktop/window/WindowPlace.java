package dev.mcpproxy.desktop.window;

import dev.mcpproxy.core.json.Json;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import tools.jackson.databind.JsonNode;

/**
 * Where the window was: its size and place when it was last neither maximized nor iconified (what it returns to
 * from maximized), and whether it was maximized. Read back only when it still lands on a screen the user has.
 */
public record WindowPlace(double x, double y, double width, double height, boolean maximized) {

    /** Smaller than this, the UI has no room; a saved size below it is raised to it. */
    static final double MIN_WIDTH = 480;
    static final double MIN_HEIGHT = 320;
    /** How much of the window's top edge must be on a screen for the user to see it and drag it back. */
    static final double TOP_EDGE_SHOWN = 100;
    static final double TITLE_HEIGHT = 40;

    String toJson() {
        return Json.write(Json.object().put("x", x).put("y", y).put("width", width).put("height", height)
                .put("maximized", maximized));
    }

    /** The place a file's text holds; empty for anything else (a crash while it was written, an edit by hand). */
    static Optional<WindowPlace> parse(String text) {
        try {
            JsonNode json = Json.parse(text);
            List<JsonNode> numbers = List.of(json.path("x"), json.path("y"), json.path("width"), json.path("height"));
            if (!numbers.stream().allMatch(n -> n.isNumber() && Double.isFinite(n.asDouble()))
                    || !json.path("maximized").isBoolean()) {
                return Optional.empty();
            }
            WindowPlace place = new WindowPlace(json.path("x").asDouble(), json.path("y").asDouble(),
                    json.path("width").asDouble(), json.path("height").asDouble(), json.path("maximized").asBoolean());
            return place.width() > 0 && place.height() > 0 ? Optional.of(place) : Optional.empty();
        } catch (Json.MalformedJsonException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * This place on the first of {@code screens} (their visual bounds: without task bars and docks) that shows its
     * top edge, where the title bar is, at least {@link #TOP_EDGE_SHOWN} px wide; its size kept within that screen.
     * Empty when no screen shows it: a monitor unplugged since, a resolution lowered.
     */
    Optional<WindowPlace> onOneOf(List<Rectangle2D> screens) {
        for (Rectangle2D screen : screens) {
            WindowPlace sized = new WindowPlace(x, y, fit(width, MIN_WIDTH, screen.getWidth()),
                    fit(height, MIN_HEIGHT, screen.getHeight()), maximized);
            double shownWidth = Math.min(x + sized.width(), screen.getMaxX()) - Math.max(x, screen.getMinX());
            if (shownWidth >= TOP_EDGE_SHOWN && y >= screen.getMinY() && y + TITLE_HEIGHT <= screen.getMaxY()) {
                return Optional.of(sized);
            }
        }
        return Optional.empty();
    }

    private static double fit(double size, double least, double most) {
        return Math.min(Math.max(size, least), Math.max(least, most));
    }
}
