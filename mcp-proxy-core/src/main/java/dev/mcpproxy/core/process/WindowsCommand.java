package dev.mcpproxy.core.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * How a server's command starts on Windows. CreateProcess runs executables only and, for a bare name, looks on PATH
 * for NAME.exe alone: {@code command: npx} must become the {@code npx.cmd} that PATH and PATHEXT name, and a batch
 * file runs through {@code cmd.exe}, which parses its command line again. That second parse is the "BatBadBut"
 * problem (CVE-2024-24576): an argument like {@code "&calc} leaves the quotes and runs a command. The escaping is
 * Rust's std after that fix ({@code make_bat_command_line} and {@code append_bat_arg}): {@code cmd.exe /e:ON /v:OFF
 * /d /s /c ""SCRIPT" ARGS"} with each argument quoted unless it is plainly safe, its quotes doubled (so the quoted
 * state holds in every parse, as batch files that pass {@code %*} on parse it once more), backslashes doubled
 * before a quote, each {@code %} preceded by {@code %%cd:~,} (an empty substring of a variable that always exists,
 * which leaves no {@code %NAME%} for cmd to expand), delayed expansion ({@code !NAME!}) off. A line break would end
 * the command early and cannot be escaped: such an argument is refused. A NUL cannot be passed to any program.
 * <p>
 * The JDK passes an argument that starts and ends with a quote as it is (its default, legacy quoting; under
 * {@code -Djdk.lang.Process.allowAmbiguousCommands=false} it refuses one with quotes inside, and batch files do
 * not start). Everything here is a pure function of PATH, PATHEXT, ComSpec, the working directory and a
 * file-exists predicate, so that it is tested on every platform; {@link StdioProcess} uses it only on Windows.
 */
final class WindowsCommand {

    /** Where to look: the child's PATH, PATHEXT and ComSpec, its working directory, and what counts as a file. */
    record Search(String path, String pathext, String comspec, String cwd, Predicate<String> isFile) {

        /** From the child's environment (case-insensitive on Windows), with Windows's defaults where unset. */
        static Search of(Map<String, String> environment, String cwd, Predicate<String> isFile) {
            String systemRoot = environment.getOrDefault("SystemRoot", "C:\\Windows");
            return new Search(environment.getOrDefault("PATH", ""),
                    environment.getOrDefault("PATHEXT", ".COM;.EXE;.BAT;.CMD"),
                    environment.getOrDefault("ComSpec", systemRoot + "\\System32\\cmd.exe"), cwd, isFile);
        }
    }

    /** Characters an argument may have and go unquoted; every other ASCII one is quoted (Rust's list). */
    private static final String UNQUOTED = "#$*+-./:?@\\_";
    /** Prepended to each {@code %}: with it, {@code %} + {@code %cd:~,%} leaves one literal {@code %}. */
    private static final String PERCENT_GUARD = "%%cd:~,";

    private WindowsCommand() {
    }

    /**
     * The argv that runs {@code command}: its program found on PATH with PATHEXT's extensions (or by its own path),
     * a batch file through cmd.exe with its arguments escaped. Empty when no such program exists.
     *
     * @throws CannotExecuteException for an argument no escaping can pass to a batch file safely
     */
    static Optional<List<String>> argv(String serverName, List<String> command, Search search)
            throws CannotExecuteException {
        if (command.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> program = find(command.getFirst(), search);
        if (program.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = command.subList(1, command.size());
        String lower = program.get().toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".cmd") && !lower.endsWith(".bat")) {
            List<String> argv = new ArrayList<>(command.size());
            argv.add(program.get());
            argv.addAll(args);
            return Optional.of(argv);
        }
        return Optional.of(List.of(search.comspec(), "/e:ON", "/v:OFF", "/d", "/s", "/c",
                batchCommandLine(serverName, program.get(), args)));
    }

    /**
     * The file {@code name} runs: a name with a folder in it from the working directory, a bare name from each folder
     * of PATH in turn; as it is if it has an extension, then with each of PATHEXT's. A name without one is never
     * taken as it is: Node's folder holds {@code npx} (a shell script for Git Bash) beside {@code npx.cmd}.
     */
    static Optional<String> find(String name, Search search) {
        if (hasFolder(name)) {
            return firstFile(isAbsolute(name) ? name : join(search.cwd(), name), search);
        }
        for (String folder : search.path().split(";")) {
            String unquoted = unquote(folder.strip());
            Optional<String> found = unquoted.isEmpty() ? Optional.empty() : firstFile(join(unquoted, name), search);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * {@code cmd.exe}'s {@code /c} argument for {@code script} with {@code args}: the whole in one pair of quotes,
     * which {@code /s} removes.
     */
    static String batchCommandLine(String serverName, String script, List<String> args)
            throws CannotExecuteException {
        if (script.contains("\"") || script.endsWith("\\")) {
            throw new CannotExecuteException(serverName + ": `" + script + "` is no Windows file name (it has a "
                    + "quote or ends with \\).");
        }
        StringBuilder line = new StringBuilder("\"\"");
        appendGuardingPercents(line, script);
        line.append('"');
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.indexOf('\r') >= 0 || arg.indexOf('\n') >= 0 || arg.indexOf('\0') >= 0) {
                throw new CannotExecuteException(serverName + ": argument " + (i + 1) + " of `" + script + "` has a "
                        + (arg.indexOf('\0') >= 0 ? "NUL character" : "line break") + ", which cannot be passed to a "
                        + "batch file safely (cmd.exe would end the command there). Remove it from args, or run the "
                        + "program the batch file starts directly.");
            }
            line.append(' ');
            appendArgument(line, arg);
        }
        return line.append('"').toString();
    }

    private static void appendArgument(StringBuilder line, String arg) {
        boolean quote = arg.isEmpty() || arg.endsWith("\\") || arg.codePoints().anyMatch(WindowsCommand::needsQuotes);
        if (quote) {
            line.append('"');
        }
        int backslashes = 0;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\\') {
                backslashes++;
            } else {
                if (c == '"') {
                    // Backslashes before a quote are doubled, and the quote doubled: "" is one literal quote to
                    // the program and leaves cmd's quoted state as it was.
                    line.repeat('\\', backslashes).append('"');
                } else if (c == '%') {
                    line.append(PERCENT_GUARD);
                }
                backslashes = 0;
            }
            line.append(c);
        }
        if (quote) {
            // Doubled before the closing quote, so that they do not escape it.
            line.repeat('\\', backslashes).append('"');
        }
    }

    /**
     * Bare are letters, digits and a few ASCII marks; anything else is quoted, which costs nothing. Non-ASCII spaces
     * and separators among them (U+3000, U+2028, …): whether cmd.exe or a program's argument parser takes one as a
     * delimiter depends on the program and its C runtime, and inside quotes none does.
     */
    private static boolean needsQuotes(int codePoint) {
        boolean ascii = codePoint < 128;
        boolean plain = Character.isLetterOrDigit(codePoint) || (ascii && UNQUOTED.indexOf(codePoint) >= 0);
        return !plain;
    }

    private static void appendGuardingPercents(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '%') {
                line.append(PERCENT_GUARD);
            }
            line.append(text.charAt(i));
        }
    }

    private static Optional<String> firstFile(String base, Search search) {
        List<String> candidates = new ArrayList<>();
        String fileName = base.substring(Math.max(base.lastIndexOf('\\'), base.lastIndexOf('/')) + 1);
        if (fileName.lastIndexOf('.') > 0) {
            candidates.add(base);
        }
        for (String extension : search.pathext().split(";")) {
            if (!extension.isBlank()) {
                candidates.add(base + extension.strip());
            }
        }
        return candidates.stream().filter(search.isFile()).findFirst();
    }

    private static boolean hasFolder(String name) {
        return name.contains("\\") || name.contains("/") || (name.length() >= 2 && name.charAt(1) == ':');
    }

    /** With a root or a drive ({@code C:foo} is relative to that drive's folder, which only Windows knows). */
    private static boolean isAbsolute(String name) {
        return name.startsWith("\\") || name.startsWith("/") || (name.length() >= 2 && name.charAt(1) == ':');
    }

    private static String join(String folder, String name) {
        if (folder.isEmpty()) {
            return name;
        }
        return folder.endsWith("\\") || folder.endsWith("/") ? folder + name : folder + "\\" + name;
    }

    /** PATH entries may be quoted ({@code "C:\Program Files\x"}), as cmd.exe allows. */
    private static String unquote(String folder) {
        return folder.length() >= 2 && folder.startsWith("\"") && folder.endsWith("\"")
                ? folder.substring(1, folder.length() - 1) : folder;
    }
}
