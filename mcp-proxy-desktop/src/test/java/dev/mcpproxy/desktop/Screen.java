package dev.mcpproxy.desktop;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/** The virtual display as a user sees it and clicks on it: screenshots of the whole screen, and the mouse (AWT's Robot). */
public final class Screen {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Screen() {
    }

    public static BufferedImage capture() throws Exception {
        VirtualDisplay.ensure();
        return new Robot().createScreenCapture(new Rectangle(Toolkit.getDefaultToolkit().getScreenSize()));
    }

    /** Captures the screen into {@code target/screenshots/NAME}. */
    public static BufferedImage save(String name) throws Exception {
        BufferedImage image = capture();
        Files.createDirectories(SCREENSHOTS);
        ImageIO.write(image, "png", SCREENSHOTS.resolve(name).toFile());
        return image;
    }

    /** The smallest rectangle holding every pixel of exactly {@code color} within {@code area}, if any. */
    public static Optional<Rectangle> find(BufferedImage image, Color color, Rectangle area) {
        Rectangle found = null;
        Rectangle within = area.intersection(new Rectangle(image.getWidth(), image.getHeight()));
        for (int y = within.y; y < within.y + within.height; y++) {
            for (int x = within.x; x < within.x + within.width; x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (color.getRGB() & 0xffffff)) {
                    found = found == null ? new Rectangle(x, y, 1, 1) : found.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Where two captures differ within {@code area}: what a click opened there (a menu), or empty. Only within it, as
     * the page beside it keeps changing (a server's uptime).
     */
    public static Optional<Rectangle> difference(BufferedImage before, BufferedImage after, Rectangle area) {
        Rectangle found = null;
        Rectangle within = area.intersection(new Rectangle(Math.min(before.getWidth(), after.getWidth()),
                Math.min(before.getHeight(), after.getHeight())));
        for (int y = within.y; y < within.y + within.height; y++) {
            for (int x = within.x; x < within.x + within.width; x++) {
                if (before.getRGB(x, y) != after.getRGB(x, y)) {
                    found = found == null ? new Rectangle(x, y, 1, 1) : found.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** The area around {@code near} where a menu opened from it would be drawn. */
    public static Rectangle around(Rectangle near) {
        return new Rectangle(near.x - 300, near.y - 300, near.width + 600, near.height + 600);
    }

    /** A capture taken once nothing moves in {@code area} (the page beside a tray icon settled) for 300 ms. */
    public static BufferedImage awaitStill(Rectangle area) throws Exception {
        BufferedImage last = capture();
        for (int attempt = 0; attempt < 50; attempt++) {
            Thread.sleep(300);
            BufferedImage now = capture();
            if (difference(last, now, area).isEmpty()) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("The screen did not settle around " + area);
    }

    /**
     * What opened near {@code near} since {@code before} (a menu drops from the point clicked), once it has been drawn
     * whole: the same in two captures in a row.
     */
    public static Rectangle awaitOpened(BufferedImage before, Rectangle near, String name) throws Exception {
        Rectangle area = around(near);
        Optional<Rectangle> last = Optional.empty();
        for (int attempt = 0; attempt < 50; attempt++) {
            Optional<Rectangle> now = difference(before, save(name), area);
            if (now.isPresent() && now.equals(last) && now.get().height > 40) {
                return now.get();
            }
            last = now;
            Thread.sleep(100);
        }
        throw new AssertionError("Nothing opened near " + near + ": see " + SCREENSHOTS.resolve(name));
    }

    /** Presses and releases a mouse button ({@code InputEvent.BUTTON1_DOWN_MASK}, …) at a point. */
    public static void click(int x, int y, int button) throws Exception {
        Robot robot = new Robot();
        robot.setAutoDelay(30);
        robot.mouseMove(x, y);
        robot.mousePress(button);
        robot.mouseRelease(button);
        robot.waitForIdle();
    }

    public static void rightClick(int x, int y) throws Exception {
        click(x, y, InputEvent.BUTTON3_DOWN_MASK);
    }

    public static void leftClick(int x, int y) throws Exception {
        click(x, y, InputEvent.BUTTON1_DOWN_MASK);
    }

}
