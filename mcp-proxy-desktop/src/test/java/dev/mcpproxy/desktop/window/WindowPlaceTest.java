package dev.mcpproxy.desktop.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Which saved places are put back, and how they are kept on a screen. */
class WindowPlaceTest {

    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1440, 876);
    private static final Rectangle2D RIGHT_MONITOR = new Rectangle2D(1440, -200, 2560, 1400);

    @Test
    void aSavedPlaceReadsBackAsItWasWritten() {
        WindowPlace place = new WindowPlace(120.5, 80, 1000, 700, true);

        assertThat(WindowPlace.parse(place.toJson())).contains(place);
    }

    @Test
    void garbageAndImpossibleValuesAreNoPlace() {
        assertThat(WindowPlace.parse("")).isEmpty();
        assertThat(WindowPlace.parse("\u0000\u0001 not json")).isEmpty();
        assertThat(WindowPlace.parse("[1, 2, 3, 4]")).isEmpty();
        assertThat(WindowPlace.parse("{\"x\": 1, \"y\": 2, \"width\": 800}")).isEmpty();
        assertThat(WindowPlace.parse("{\"x\": \"left\", \"y\": 2, \"width\": 800, \"height\": 600, "
                + "\"maximized\": false}")).isEmpty();
        assertThat(WindowPlace.parse("{\"x\": 1, \"y\": 2, \"width\": -800, \"height\": 600, "
                + "\"maximized\": false}")).isEmpty();
        assertThat(WindowPlace.parse("{\"x\": 1e400, \"y\": 2, \"width\": 800, \"height\": 600, "
                + "\"maximized\": false}")).isEmpty();
    }

    @Test
    void aPlaceOnAScreenIsKeptAndOneOnAMonitorUnpluggedSinceIsNot() {
        WindowPlace onTheMonitor = new WindowPlace(2000, 100, 1200, 800, false);

        assertThat(onTheMonitor.onOneOf(List.of(LAPTOP, RIGHT_MONITOR))).contains(onTheMonitor);
        assertThat(onTheMonitor.onOneOf(List.of(LAPTOP))).isEmpty();
    }

    @Test
    void aWindowWhoseTitleBarIsOffTheScreenIsNotPutBack() {
        assertThat(new WindowPlace(100, -300, 1200, 800, false).onOneOf(List.of(LAPTOP))).isEmpty();
        assertThat(new WindowPlace(100, 860, 1200, 800, false).onOneOf(List.of(LAPTOP))).isEmpty();
        assertThat(new WindowPlace(-1150, 100, 1200, 800, false).onOneOf(List.of(LAPTOP))).isEmpty();
        assertThat(new WindowPlace(-1000, 100, 1200, 800, false).onOneOf(List.of(LAPTOP))).isPresent();
    }

    @Test
    void aSizeIsKeptWithinTheScreenAndAboveTheSmallestUsable() {
        assertThat(new WindowPlace(0, 0, 3000, 2000, false).onOneOf(List.of(LAPTOP)))
                .contains(new WindowPlace(0, 0, 1440, 876, false));
        assertThat(new WindowPlace(10, 10, 50, 20, false).onOneOf(List.of(LAPTOP)))
                .contains(new WindowPlace(10, 10, WindowPlace.MIN_WIDTH, WindowPlace.MIN_HEIGHT, false));
    }
}
