package dev.mcpproxy.core.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model of what Windows makes of {@code cmd.exe /e:ON /v:OFF /d /s /c LINE} when LINE runs a batch file that passes
 * its arguments on as {@code npx.cmd} does ({@code "%NODE_EXE%" "%NPX_CLI_JS%" %*}), so that the escaping can be
 * checked where there is no cmd.exe. It is a model, not cmd.exe: the rules of the parses that matter, as Microsoft
 * documents them and as Rust's Windows tests (tests/ui/std/windows-bat-args.rs) show real cmd.exe following them:
 * <ol>
 * <li>{@code /s}: the first and the last quote of LINE are removed;
 * <li>percent expansion, on the command line: {@code %NAME%} becomes the variable's value when it is defined,
 * {@code %NAME:~,%} an empty substring of it; otherwise the {@code %} stays, and reading goes on after it;
 * <li>special characters: a quote toggles quoted text; outside it {@code ^} makes the next character literal and
 * {@code & | < > ( )} are operators, which would run what follows: the model fails there;
 * <li>the batch file's line: {@code %*} is the text after the script's name, put in without a second expansion;
 * the special characters are read again;
 * <li>the program splits its command line by the C runtime's rules ({@code CommandLineToArgvW}).
 * </ol>
 */
final class CmdModel {

    /** Variables a real session has; an escaping that let cmd.exe expand one changes the arguments. */
    private static final Map<String, String> VARIABLES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        VARIABLES.putAll(Map.of("cd", "C:\\work", "PATH", "C:\\Windows", "TMP", "C:\\Temp", "hello", "HELLO"));
    }

    /** What the batch file was and what the program it starts received. */
    record Run(String script, List<String> programArgs) {
    }

    /** A special character outside quotes: cmd.exe would run a command of the argument's making. */
    static final class InjectionException extends RuntimeException {
        InjectionException(String message) {
            super(message);
        }
    }

    private CmdModel() {
    }

    static Run run(String slashCArgument) {
        if (slashCArgument.length() < 2 || !slashCArgument.startsWith("\"") || !slashCArgument.endsWith("\"")) {
            throw new IllegalArgumentException("not one quoted command: " + slashCArgument);
        }
        String line = specialCharacters(expandPercents(slashCArgument.substring(1, slashCArgument.length() - 1)));
        if (!line.startsWith("\"")) {
            throw new IllegalArgumentException("the script is not quoted: " + line);
        }
        int scriptEnd = line.indexOf('"', 1);
        String script = line.substring(1, scriptEnd);
        // %* leaves out the delimiters after the script's name: spaces and tabs (cmd.exe's others, , ; =, are never
        // put there by the escaping). Unicode's other spaces are not among them.
        int forwardedStart = scriptEnd + 1;
        while (forwardedStart < line.length() && (line.charAt(forwardedStart) == ' '
                || line.charAt(forwardedStart) == '\t')) {
            forwardedStart++;
        }
        String forwarded = line.substring(forwardedStart);
        String programLine = specialCharacters("\"C:\\node\\node.exe\" \"C:\\node\\npx-cli.js\" " + forwarded);
        List<String> argv = commandLineToArgv(programLine);
        return new Run(script, argv.subList(2, argv.size()));
    }

    private static String expandPercents(String line) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            int close = c == '%' ? line.indexOf('%', i + 1) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            String name = line.substring(i + 1, close);
            if (VARIABLES.containsKey(name)) {
                out.append(VARIABLES.get(name));
                i = close + 1;
            } else if (name.endsWith(":~,") && VARIABLES.containsKey(name.substring(0, name.length() - 3))) {
                i = close + 1;
            } else {
                out.append('%');
                i++;
            }
        }
        return out.toString();
    }

    private static String specialCharacters(String line) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '^') {
                i++;
                if (i < line.length()) {
                    out.append(line.charAt(i));
                }
                continue;
            } else if (!quoted && "&|<>()".indexOf(c) >= 0) {
                throw new InjectionException("cmd.exe reads `" + c + "` at " + i + " as an operator in: " + line);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The C runtime's rules (since 2008), as Rust's std implements them (parse_lp_cmd_line). */
    static List<String> commandLineToArgv(String line) {
        List<String> argv = new ArrayList<>();
        int i = 0;
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                break;
            } else {
                current.append(c);
            }
        }
        argv.add(current.toString());
        current.setLength(0);
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        quoted = false;
        boolean started = false;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (!quoted && (c == ' ' || c == '\t')) {
                argv.add(current.toString());
                current.setLength(0);
                started = false;
                while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                continue;
            }
            started = true;
            if (c == '\\') {
                int count = 0;
                while (i < line.length() && line.charAt(i) == '\\') {
                    count++;
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '"') {
                    current.repeat('\\', count / 2);
                    if (count % 2 == 1) {
                        current.append('"');
                        i++;
                    }
                } else {
                    current.repeat('\\', count);
                }
                continue;
            }
            if (c == '"' && quoted) {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i += 2;
                    continue;
                }
                quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else {
                current.append(c);
            }
            i++;
        }
        if (started || quoted) {
            argv.add(current.toString());
        }
        return argv;
    }
}
