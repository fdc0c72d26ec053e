package dev.mcpproxy.desktop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The desktop app's command line: {@code [--config FILE]}, a configuration file to use where it is instead of the one
 * in the user's config folder (the README's quick start runs the bundled demo this way). Checked in {@link Main},
 * before any window, so that a mistake is one line on the terminal and exit status 2.
 *
 * @param config the named file, absolute
 */
public record LaunchOptions(Optional<Path> config) {

    static final String USAGE = "usage: mcp-proxy desktop [--config FILE]";

    /** Thrown with the one line that says what is wrong. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    public static LaunchOptions parse(List<String> args) throws Invalid {
        Optional<Path> config = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value;
            if (arg.startsWith("--config=")) {
                value = arg.substring("--config=".length());
            } else if (arg.equals("--config")) {
                if (i + 1 >= args.size()) {
                    throw new Invalid("--config needs a file; " + USAGE);
                }
                value = args.get(++i);
            } else {
                throw new Invalid("unknown argument " + arg + "; " + USAGE);
            }
            if (config.isPresent()) {
                throw new Invalid("--config is given twice; " + USAGE);
            }
            if (value.isBlank()) {
                throw new Invalid("--config needs a file; " + USAGE);
            }
            Path file = Path.of(value).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new Invalid("--config " + value + ": no such file (" + file + ")");
            }
            config = Optional.of(file);
        }
        return new LaunchOptions(config);
    }

    /** The arguments that start the app this way again (at login). */
    public List<String> asArguments() {
        return config.map(file -> List.of("--config", file.toString())).orElse(List.of());
    }
}
