package dev.mcpproxy.desktop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * An X display for the window tests: the one in {@code DISPLAY} when there is one, else an Xvfb this JVM starts (the
 * display number it picks itself, {@code -displayfd}) and ends after it. The JVM's own {@code DISPLAY} is set with
 * libc's setenv, since GTK reads it from the C environment; app processes the tests start get it in theirs.
 */
public final class VirtualDisplay {

    private static String display;

    private VirtualDisplay() {
    }

    public static synchronized String ensure() throws IOException {
        if (display != null) {
            return display;
        }
        String given = System.getenv("DISPLAY");
        if (given != null && !given.isBlank()) {
            display = given;
            return display;
        }
        // Xvfb ends after this JVM, when the pipe to the shell's stdin closes: were it stopped while the JVM exits,
        // GTK would lose its display and exit the JVM with status 1.
        Process xvfb = new ProcessBuilder("/bin/sh", "-c", "Xvfb -displayfd 1 -screen 0 1280x900x24 -nolisten tcp "
                + "2>/dev/null & read -r _; kill $!").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String number = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
        if (number == null) {
            throw new IOException("Xvfb did not start (is package xvfb installed?)");
        }
        display = ":" + number.strip();
        setenv("DISPLAY", display);
        // AWT (the app's tray, the tests' screenshots) decides whether it is headless from DISPLAY as the JVM started
        // with it, which had none: told here that it has one now.
        System.setProperty("java.awt.headless", "false");
        return display;
    }

    private static void setenv(String name, String value) {
        Linker linker = Linker.nativeLinker();
        MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int result = (int) setenv.invoke(arena.allocateFrom(name), arena.allocateFrom(value), 1);
            if (result != 0) {
                throw new IllegalStateException("setenv failed");
            }
        } catch (Throwable e) {
            throw new IllegalStateException("Could not set " + name, e);
        }
    }
}
