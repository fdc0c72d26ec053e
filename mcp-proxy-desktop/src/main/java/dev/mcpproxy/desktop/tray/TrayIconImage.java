package dev.mcpproxy.desktop.tray;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * The tray's icon, drawn at the size the tray asks for (so it is never scaled): a rounded square, the UI's accent blue
 * while the proxy runs and grey while it does not, with three clients' bars joined by a bus to one hub. It is laid
 * out on a 16-unit grid whose lines are rounded to whole pixels, so that its bars stay crisp at 16, 22 or 24 px.
 */
final class TrayIconImage {

    static final Color RUNNING = new Color(0x2f5bd3);
    static final Color STOPPED = new Color(0x6b7280);

    private TrayIconImage() {
    }

    static BufferedImage draw(int size, boolean running) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double unit = size / 16.0;
            g.setColor(running ? RUNNING : STOPPED);
            g.fill(new RoundRectangle2D.Double(0, 0, size, size, 7 * unit, 7 * unit));
            g.setColor(Color.WHITE);
            for (int y : new int[] {3, 7, 11}) {
                bar(g, size, 2, y, 8, y + 2);
            }
            bar(g, size, 7, 3, 9, 13);
            bar(g, size, 9, 7, 11, 9);
            g.fill(new Ellipse2D.Double(10 * unit, 5 * unit, 4 * unit, 6 * unit));
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A rectangle from grid point (x0, y0) to (x1, y1), its edges on whole pixels. */
    private static void bar(Graphics2D g, int size, int x0, int y0, int x1, int y1) {
        int left = pixel(x0, size);
        int top = pixel(y0, size);
        g.fillRect(left, top, pixel(x1, size) - left, pixel(y1, size) - top);
    }

    private static int pixel(int gridLine, int size) {
        return (int) Math.round(gridLine * size / 16.0);
    }
}
