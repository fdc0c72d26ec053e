package dev.mcpproxy.desktop.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Stands in for reg.exe in the tests, as a real child process: {@code FakeRegExe STATE_FOLDER ARGS…} appends its
 * arguments to {@code calls} there and keeps the one value in {@code value}: {@code add} writes it, {@code delete}
 * removes it (exit 1 when absent, as reg.exe), {@code query} exits 0 when present and 1 when not. A file {@code
 * refuse} makes every call fail with exit code 1 and reg.exe's words.
 */
public final class FakeRegExe {

    private FakeRegExe() {
    }

    public static void main(String[] args) throws IOException {
        Path state = Path.of(args[0]);
        List<String> arguments = Arrays.asList(args).subList(1, args.length);
        Files.writeString(state.resolve("calls"), String.join("\u0000", arguments) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Path value = state.resolve("value");
        if (Files.exists(state.resolve("refuse"))) {
            System.out.println("ERROR: Access is denied.");
            System.exit(1);
        }
        switch (arguments.getFirst()) {
            case "add" -> Files.writeString(value, arguments.get(arguments.indexOf("/d") + 1));
            case "delete" -> System.exit(Files.deleteIfExists(value) ? 0 : 1);
            case "query" -> System.exit(Files.exists(value) ? 0 : 1);
            default -> System.exit(2);
        }
    }
}
