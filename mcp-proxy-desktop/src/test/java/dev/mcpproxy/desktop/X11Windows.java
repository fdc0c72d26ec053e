package dev.mcpproxy.desktop;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Asks a process's windows to close, as a window manager's close button does: a WM_DELETE_WINDOW message to each
 * top-level window whose _NET_WM_PID is that process (libX11 through the FFM API; the virtual display has no window
 * manager to do it).
 */
public final class X11Windows {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final MemorySegment NULL = MemorySegment.NULL;
    /** XClientMessageEvent in the 192-byte XEvent, on x86-64: type, serial, send_event, display, window, type, format, data. */
    private static final int EVENT_SIZE = 192;
    private static final int CLIENT_MESSAGE = 33;
    private static final long XA_CARDINAL = 6;

    private X11Windows() {
    }

    /** Sends the request to each of the process's top-level windows; returns how many got it. */
    public static int requestClose(long pid) throws IOException {
        VirtualDisplay.ensure();
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup x11 = SymbolLookup.libraryLookup("libX11.so.6", arena);
            MemorySegment display = (MemorySegment) call(x11, "XOpenDisplay", FunctionDescriptor.of(
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS), NULL);
            if (display.equals(NULL)) {
                throw new IllegalStateException("Cannot open the display " + System.getenv("DISPLAY"));
            }
            try {
                long protocols = atom(x11, arena, display, "WM_PROTOCOLS");
                long delete = atom(x11, arena, display, "WM_DELETE_WINDOW");
                long wmPid = atom(x11, arena, display, "_NET_WM_PID");
                int sent = 0;
                for (long window : topLevels(x11, arena, display)) {
                    if (pidOf(x11, arena, display, window, wmPid) == pid) {
                        sendDelete(x11, arena, display, window, protocols, delete);
                        sent++;
                    }
                }
                call(x11, "XFlush", FunctionDescriptor.of(INT, ValueLayout.ADDRESS), display);
                return sent;
            } finally {
                call(x11, "XCloseDisplay", FunctionDescriptor.of(INT, ValueLayout.ADDRESS), display);
            }
        }
    }

    private static long[] topLevels(SymbolLookup x11, Arena arena, MemorySegment display) {
        long root = (long) call(x11, "XDefaultRootWindow", FunctionDescriptor.of(LONG, ValueLayout.ADDRESS), display);
        MemorySegment rootReturn = arena.allocate(LONG);
        MemorySegment parentReturn = arena.allocate(LONG);
        MemorySegment children = arena.allocate(ValueLayout.ADDRESS);
        MemorySegment count = arena.allocate(INT);
        call(x11, "XQueryTree", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, LONG, ValueLayout.ADDRESS,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS), display, root, rootReturn,
                parentReturn, children, count);
        int n = count.get(INT, 0);
        MemorySegment list = children.get(ValueLayout.ADDRESS, 0).reinterpret(8L * n);
        long[] windows = list.toArray(LONG);
        if (n > 0) {
            call(x11, "XFree", FunctionDescriptor.of(INT, ValueLayout.ADDRESS), list);
        }
        return windows;
    }

    private static long pidOf(SymbolLookup x11, Arena arena, MemorySegment display, long window, long wmPid) {
        MemorySegment actualType = arena.allocate(LONG);
        MemorySegment actualFormat = arena.allocate(INT);
        MemorySegment items = arena.allocate(LONG);
        MemorySegment after = arena.allocate(LONG);
        MemorySegment value = arena.allocate(ValueLayout.ADDRESS);
        int status = (int) call(x11, "XGetWindowProperty", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, LONG,
                LONG, LONG, LONG, INT, LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS), display, window, wmPid, 0L, 1L, 0, XA_CARDINAL,
                actualType, actualFormat, items, after, value);
        MemorySegment data = value.get(ValueLayout.ADDRESS, 0);
        if (status != 0 || data.equals(NULL)) {
            return -1;
        }
        // A 32-bit property comes back as one C long per item.
        long pid = items.get(LONG, 0) == 1 ? data.reinterpret(8).get(LONG, 0) : -1;
        call(x11, "XFree", FunctionDescriptor.of(INT, ValueLayout.ADDRESS), data);
        return pid;
    }

    private static void sendDelete(SymbolLookup x11, Arena arena, MemorySegment display, long window, long protocols,
                                   long delete) {
        MemorySegment event = arena.allocate(EVENT_SIZE, 8);
        event.set(INT, 0, CLIENT_MESSAGE);
        event.set(INT, 16, 1);
        event.set(ValueLayout.ADDRESS, 24, display);
        event.set(LONG, 32, window);
        event.set(LONG, 40, protocols);
        event.set(INT, 48, 32);
        event.set(LONG, 56, delete);
        event.set(LONG, 64, 0L);
        call(x11, "XSendEvent", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, LONG, INT, LONG,
                ValueLayout.ADDRESS), display, window, 0, 0L, event);
    }

    private static long atom(SymbolLookup x11, Arena arena, MemorySegment display, String name) {
        return (long) call(x11, "XInternAtom", FunctionDescriptor.of(LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                INT), display, arena.allocateFrom(name), 0);
    }

    private static Object call(SymbolLookup library, String function, FunctionDescriptor descriptor, Object... args) {
        MethodHandle handle = LINKER.downcallHandle(library.find(function).orElseThrow(), descriptor);
        try {
            return handle.invokeWithArguments(args);
        } catch (Throwable e) {
            throw new IllegalStateException(function + " failed", e);
        }
    }
}
