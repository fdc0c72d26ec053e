package dev.mcpproxy.desktop;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Another X client on the tests' display, doing to an app process's window what a window manager and a user do
 * (Xvfb runs none): move and resize it, read where it is, look at it, and ask it to close. The close request is
 * ICCCM's: a {@code WM_PROTOCOLS} client message holding {@code WM_DELETE_WINDOW}, sent to the window itself, which
 * is what every window manager sends when the user clicks the close button or presses Alt+F4; GTK turns it into
 * its delete event, which JavaFX hands the stage as its close request. ({@code wmctrl -c} and EWMH's
 * {@code _NET_CLOSE_WINDOW} only ask a window manager to send it; xdotool's {@code windowkill} ends the connection
 * instead.) Through libX11 by the FFM API, which the JavaFX jars' GTK links against anyway.
 */
public final class X11Windows implements AutoCloseable {

    /** Where a window is on the screen, its frame excluded (there is none without a window manager). */
    public record Geometry(int x, int y, int width, int height) {
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup X11 = SymbolLookup.libraryLookup("libX11.so.6", Arena.global());
    private static final ValueLayout.OfLong XID = ValueLayout.JAVA_LONG;
    private static final AddressLayout ADDRESS = ValueLayout.ADDRESS;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final int CLIENT_MESSAGE = 33;
    private static final int Z_PIXMAP = 2;
    private static final int IS_VIEWABLE = 2;

    private static final MethodHandle OPEN = handle("XOpenDisplay", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle CLOSE = handle("XCloseDisplay", FunctionDescriptor.of(INT, ADDRESS));
    private static final MethodHandle DEFAULT_ROOT = handle("XDefaultRootWindow", FunctionDescriptor.of(XID, ADDRESS));
    private static final MethodHandle QUERY_TREE = handle("XQueryTree", FunctionDescriptor.of(INT, ADDRESS, XID,
            ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle INTERN_ATOM = handle("XInternAtom", FunctionDescriptor.of(XID, ADDRESS, ADDRESS,
            INT));
    private static final MethodHandle GET_PROPERTY = handle("XGetWindowProperty", FunctionDescriptor.of(INT, ADDRESS,
            XID, XID, XID, XID, INT, XID, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle GET_ATTRIBUTES = handle("XGetWindowAttributes", FunctionDescriptor.of(INT,
            ADDRESS, XID, ADDRESS));
    private static final MethodHandle TRANSLATE = handle("XTranslateCoordinates", FunctionDescriptor.of(INT, ADDRESS,
            XID, XID, INT, INT, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle MOVE_RESIZE = handle("XMoveResizeWindow", FunctionDescriptor.of(INT, ADDRESS,
            XID, INT, INT, INT, INT));
    private static final MethodHandle GET_PROTOCOLS = handle("XGetWMProtocols", FunctionDescriptor.of(INT, ADDRESS,
            XID, ADDRESS, ADDRESS));
    private static final MethodHandle SEND_EVENT = handle("XSendEvent", FunctionDescriptor.of(INT, ADDRESS, XID, INT,
            XID, ADDRESS));
    private static final MethodHandle GET_IMAGE = handle("XGetImage", FunctionDescriptor.of(ADDRESS, ADDRESS, XID,
            INT, INT, INT, INT, XID, INT));
    private static final MethodHandle FLUSH = handle("XFlush", FunctionDescriptor.of(INT, ADDRESS));
    private static final MethodHandle SYNC = handle("XSync", FunctionDescriptor.of(INT, ADDRESS, INT));
    private static final MethodHandle FREE = handle("XFree", FunctionDescriptor.of(INT, ADDRESS));
    private static final MethodHandle SET_ERROR_HANDLER = handle("XSetErrorHandler", FunctionDescriptor.of(ADDRESS,
            ADDRESS));

    static {
        // Xlib's own handler exits the process on an error, such as asking about a window that has just closed: this
        // one lets the call fail instead (a zero status, a null image), which the methods here check.
        try {
            MethodHandle ignore = MethodHandles.lookup().findStatic(X11Windows.class, "ignoreError",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
            x(SET_ERROR_HANDLER, LINKER.upcallStub(ignore, FunctionDescriptor.of(INT, ADDRESS, ADDRESS),
                    Arena.global()));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment display;
    private final long root;

    private X11Windows(MemorySegment display) {
        this.display = display;
        this.root = (long) x(DEFAULT_ROOT, display);
    }

    /** A connection to the tests' display. */
    public static X11Windows open() throws IOException {
        String name = VirtualDisplay.ensure();
        try (Arena names = Arena.ofConfined()) {
            MemorySegment display = (MemorySegment) x(OPEN, names.allocateFrom(name));
            if (display.address() == 0) {
                throw new IOException("Cannot open display " + name);
            }
            return new X11Windows(display);
        }
    }

    /** The shown top-level window of process {@code pid} (its {@code _NET_WM_PID}), once there is one. */
    public long awaitWindowOf(long pid, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Optional<Long> window = windowOf(pid);
            if (window.isPresent()) {
                return window.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No window of process " + pid + " was shown within " + within);
    }

    private Optional<Long> windowOf(long pid) {
        MemorySegment rootOut = arena.allocate(XID);
        MemorySegment parentOut = arena.allocate(XID);
        MemorySegment childrenOut = arena.allocate(ADDRESS);
        MemorySegment countOut = arena.allocate(INT);
        if ((int) x(QUERY_TREE, display, root, rootOut, parentOut, childrenOut, countOut) == 0) {
            return Optional.empty();
        }
        MemorySegment children = childrenOut.get(ADDRESS, 0).reinterpret(8L * countOut.get(INT, 0));
        try {
            long pidAtom = atom("_NET_WM_PID");
            for (int i = 0; i < countOut.get(INT, 0); i++) {
                long window = children.getAtIndex(XID, i);
                if (viewable(window) && cardinal(window, pidAtom).orElse(-1L) == pid) {
                    return Optional.of(window);
                }
            }
            return Optional.empty();
        } finally {
            x(FREE, childrenOut.get(ADDRESS, 0));
        }
    }

    public Geometry geometry(long window) {
        MemorySegment attributes = arena.allocate(136);
        if ((int) x(GET_ATTRIBUTES, display, window, attributes) == 0) {
            throw new AssertionError("Window " + window + " is gone");
        }
        MemorySegment left = arena.allocate(INT);
        MemorySegment top = arena.allocate(INT);
        MemorySegment child = arena.allocate(XID);
        x(TRANSLATE, display, window, root, 0, 0, left, top, child);
        return new Geometry(left.get(INT, 0), top.get(INT, 0), attributes.get(INT, 8), attributes.get(INT, 12));
    }

    /** Moves and resizes the window, as a user dragging its edges would (the app hears it as configure events). */
    public void moveResize(long window, Geometry to) {
        x(MOVE_RESIZE, display, window, to.x(), to.y(), to.width(), to.height());
        x(SYNC, display, 0);
    }

    /**
     * Sends the window manager's close request; fails unless the window takes part in that protocol (ICCCM: a
     * client lists {@code WM_DELETE_WINDOW} in its {@code WM_PROTOCOLS}, or a window manager would kill it instead).
     */
    public void requestClose(long window) {
        long protocols = atom("WM_PROTOCOLS");
        long delete = atom("WM_DELETE_WINDOW");
        MemorySegment listOut = arena.allocate(ADDRESS);
        MemorySegment countOut = arena.allocate(INT);
        boolean listed = false;
        if ((int) x(GET_PROTOCOLS, display, window, listOut, countOut) != 0) {
            MemorySegment list = listOut.get(ADDRESS, 0).reinterpret(8L * countOut.get(INT, 0));
            for (int i = 0; i < countOut.get(INT, 0); i++) {
                listed |= list.getAtIndex(XID, i) == delete;
            }
            x(FREE, listOut.get(ADDRESS, 0));
        }
        if (!listed) {
            throw new AssertionError("Window " + window + " does not take WM_DELETE_WINDOW in its WM_PROTOCOLS");
        }
        // An XClientMessageEvent within the 192 bytes of an XEvent: type, serial, send_event, display, window,
        // message_type, format, then data.l[5].
        MemorySegment event = arena.allocate(192);
        event.set(INT, 0, CLIENT_MESSAGE);
        event.set(ADDRESS, 24, display);
        event.set(XID, 32, window);
        event.set(XID, 40, protocols);
        event.set(INT, 48, 32);
        event.set(XID, 56, delete);
        event.set(XID, 64, 0L);
        if ((int) x(SEND_EVENT, display, window, 0, 0L, event) == 0) {
            throw new AssertionError("XSendEvent failed");
        }
        x(FLUSH, display);
    }

    /** The window's pixels as they are on the screen, saved as PNG. */
    public Path screenshot(long window, Path file) throws IOException {
        Geometry at = geometry(window);
        MemorySegment image = ((MemorySegment) x(GET_IMAGE, display, window, 0, 0, at.width(), at.height(),
                -1L, Z_PIXMAP)).reinterpret(136);
        if (image.address() == 0) {
            throw new AssertionError("XGetImage failed for window " + window);
        }
        int bytesPerLine = image.get(INT, 44);
        MemorySegment data = image.get(ADDRESS, 16).reinterpret((long) bytesPerLine * at.height());
        BufferedImage png = new BufferedImage(at.width(), at.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < at.height(); y++) {
            for (int x = 0; x < at.width(); x++) {
                // 24-bit depth, 32 bits a pixel, in the machine's (little-endian) order: 0x00RRGGBB.
                png.setRGB(x, y, data.get(ValueLayout.JAVA_INT_UNALIGNED, (long) y * bytesPerLine + 4L * x));
            }
        }
        x(FREE, image.get(ADDRESS, 16));
        x(FREE, image);
        Files.createDirectories(file.getParent());
        ImageIO.write(png, "png", file.toFile());
        return file;
    }

    private boolean viewable(long window) {
        MemorySegment attributes = arena.allocate(136);
        return (int) x(GET_ATTRIBUTES, display, window, attributes) != 0
                && attributes.get(INT, 92) == IS_VIEWABLE;
    }

    private long atom(String name) {
        return (long) x(INTERN_ATOM, display, arena.allocateFrom(name), 0);
    }

    /** A 32-bit property such as {@code _NET_WM_PID}, which Xlib hands over as a long. */
    private Optional<Long> cardinal(long window, long property) {
        MemorySegment type = arena.allocate(XID);
        MemorySegment format = arena.allocate(INT);
        MemorySegment count = arena.allocate(XID);
        MemorySegment after = arena.allocate(XID);
        MemorySegment value = arena.allocate(ADDRESS);
        int status = (int) x(GET_PROPERTY, display, window, property, 0L, 1L, 0, 0L, type, format, count,
                after, value);
        if (status != 0 || count.get(XID, 0) == 0) {
            return Optional.empty();
        }
        MemorySegment data = value.get(ADDRESS, 0).reinterpret(8);
        long result = data.get(XID, 0);
        x(FREE, value.get(ADDRESS, 0));
        return Optional.of(result);
    }

    private static int ignoreError(MemorySegment display, MemorySegment error) {
        return 0;
    }

    /** One Xlib call; its failures are the test's (an Xlib error ends the connection on its own). */
    private static Object x(MethodHandle function, Object... arguments) {
        try {
            return function.invokeWithArguments(arguments);
        } catch (Throwable e) {
            throw new IllegalStateException("libX11: " + e, e);
        }
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(X11.find(name).orElseThrow(), descriptor);
    }

    @Override
    public void close() {
        x(CLOSE, display);
        arena.close();
    }
}
