package dev.mcpproxy.shared;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An address handed to the system's own opener, which shows it in the user's browser: the sidecar's {@code --open},
 * and the desktop's sign-in pages (never shown inside the app's web view, where the user could not see the address
 * bar or use the passwords the browser keeps). {@code java.awt.Desktop} is not used: the sidecar runs headless, and
 * AWT's browse is no more than these commands.
 */
public final class SystemBrowser {

    /** Openers return at once; one that does not (a browser run in the foreground) is left running after this. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int LONGEST = 8192;

    private SystemBrowser() {
    }

    public static List<String> command(OperatingSystem os, String url) {
        return switch (os) {
            case LINUX -> List.of("xdg-open", url);
            case MACOS -> List.of("open", url);
            case WINDOWS -> List.of("rundll32", "url.dll,FileProtocolHandler", url);
        };
    }

    /**
     * Why {@code url} is not given to the opener, if it is not: only an absolute http or https address with a host,
     * of printable ASCII and at most 8 KiB. The openers take anything else as a file or a program to run
     * ({@code file:}, {@code javascript:}, a path, an option starting with {@code -}).
     */
    public static Optional<String> refusal(String url) {
        if (url == null || url.isEmpty()) {
            return Optional.of("no address was given");
        }
        if (url.length() > LONGEST) {
            return Optional.of("the address is longer than " + LONGEST + " characters");
        }
        if (url.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            return Optional.of("the address has a space, a control character or a character that is not ASCII");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("it is not an address (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("only http and https addresses are opened");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("the address has no host");
        }
        return Optional.empty();
    }

    /**
     * Opens {@code url} on a thread of its own (nothing waits for a browser); a failure goes to {@code failed} in
     * words that name the opener, never the address (it may hold a token). The opener's environment lacks
     * {@code withheld}: a browser has no business with the management API's token.
     *
     * @throws IllegalArgumentException when {@link #refusal} refuses {@code url}
     */
    public static void open(String url, OperatingSystem os, Collection<String> withheld, Consumer<String> failed) {
        refusal(url).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        List<String> command = command(os, url);
        Thread.ofVirtual().name("open-browser").start(() -> run(command, withheld, failed));
    }

    private static void run(List<String> command, Collection<String> withheld, Consumer<String> failed) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeAll(withheld);
        String opener = command.getFirst();
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() != 0) {
                failed.accept(opener + " exited with status " + process.exitValue());
            }
        } catch (IOException e) {
            failed.accept(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
