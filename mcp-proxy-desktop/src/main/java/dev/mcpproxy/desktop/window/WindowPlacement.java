package dev.mcpproxy.desktop.window;

import dev.mcpproxy.desktop.config.AtomicText;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The window's size and place across launches (issue 16): {@code window.json} in the app's state folder, put back
 * before the window first shows, and written again once the window has stayed put for a moment after the user moved,
 * resized, maximized or restored it, and at quit. A file that cannot be read, or a place no screen shows any more,
 * is left aside and the window opens at its default size, centred. Called on the FX thread.
 */
public final class WindowPlacement {

    public static final String FILE_NAME = "window.json";
    private static final System.Logger LOG = System.getLogger("mcp-proxy-desktop");
    /** A drag moves the window many times a second; the file is written once it has stopped. */
    private static final Duration SETTLE = Duration.millis(300);

    private final Stage stage;
    private final Path file;
    private final PauseTransition settle = new PauseTransition(SETTLE);
    private WindowPlace normal;

    private WindowPlacement(Stage stage, Path file) {
        this.stage = stage;
        this.file = file;
    }

    /** Puts the window where it was last time, if that is on a screen, and from now on keeps its place. */
    public static WindowPlacement remember(Stage stage, Path stateFolder) {
        WindowPlacement placement = new WindowPlacement(stage, stateFolder.resolve(FILE_NAME));
        placement.restore();
        placement.follow();
        return placement;
    }

    /** Writes the place now (at quit, which may come before the window has settled). */
    public void save() {
        settle.stop();
        if (normal == null) {
            return;
        }
        WindowPlace place = new WindowPlace(normal.x(), normal.y(), normal.width(), normal.height(),
                stage.isMaximized());
        try {
            // No fsync: a file cut short by a power loss is ignored at the next launch, which then centres the window.
            AtomicText.write(file, place.toJson());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not save the window''s place in {0}: {1}", file, e.getMessage());
        }
    }

    private void restore() {
        read().ifPresent(saved -> saved.onOneOf(Screen.getScreens().stream().map(Screen::getVisualBounds).toList())
                .ifPresentOrElse(place -> {
                    stage.setX(place.x());
                    stage.setY(place.y());
                    stage.setWidth(place.width());
                    stage.setHeight(place.height());
                    stage.setMaximized(place.maximized());
                    normal = place;
                }, () -> LOG.log(Level.INFO, "The window''s last place ({0}, {1}) is on no screen now; the window "
                        + "opens centred", saved.x(), saved.y())));
    }

    private Optional<WindowPlace> read() {
        try {
            Optional<WindowPlace> place = WindowPlace.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (place.isEmpty()) {
                LOG.log(Level.WARNING, "{0} does not hold a window place; the window opens centred", file);
            }
            return place;
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not read the window''s place from {0}: {1}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps the last size and place that was neither maximized nor iconified, and saves once it settles. */
    private void follow() {
        settle.setOnFinished(event -> save());
        ChangeListener<Object> moved = (property, before, now) -> {
            if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0 && stage.getHeight() > 0) {
                normal = new WindowPlace(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
            }
            settle.playFromStart();
        };
        stage.xProperty().addListener(moved);
        stage.yProperty().addListener(moved);
        stage.widthProperty().addListener(moved);
        stage.heightProperty().addListener(moved);
        stage.maximizedProperty().addListener(moved);
    }
}
