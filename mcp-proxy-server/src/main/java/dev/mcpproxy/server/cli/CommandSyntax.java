package dev.mcpproxy.server.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one subcommand takes: its operands and options, and its help. {@link #parse} reads its arguments and refuses
 * any option it does not take; an option's value may follow it ({@code --config FILE}) or be joined to it
 * ({@code --config=FILE}); {@code --} ends the options.
 *
 * @param command  as typed after {@code mcp-proxy-server}; empty for the proxy itself
 * @param operands the names of the operands it takes, all required, for its usage line and messages
 */
record CommandSyntax(String command, List<String> operands, String description, List<Option> options) {

    /**
     * One option of a subcommand.
     *
     * @param shortName {@code -o}, or empty for none
     * @param value     what its value is ({@code FILE}), or empty for a flag
     */
    record Option(String name, String shortName, String value, String help) {

        static Option flag(String name, String shortName, String help) {
            return new Option(name, shortName, "", help);
        }

        boolean takesValue() {
            return !value.isEmpty();
        }

        boolean isCalled(String typed) {
            return typed.equals(name) || typed.equals(shortName);
        }

        String names() {
            return (shortName.isEmpty() ? "" : shortName + ", ") + name + (takesValue() ? " " + value : "");
        }
    }

    static final Option HELP = Option.flag("--help", "-h", "shows this text");
    static final Option VERSION = Option.flag("--version", "", "prints the version");
    /** The help's line length. */
    private static final int WIDTH = 100;

    CommandSyntax {
        options = List.copyOf(options);
    }

    /** What was given: the values of options by their long name (a flag's is ""), in order, and the operands. */
    record Given(Map<String, List<String>> options, List<String> operands) {

        boolean has(String option) {
            return options.containsKey(option);
        }

        /** The last value of an option given more than once, as the command line's convention is. */
        Optional<String> value(String option) {
            return Optional.ofNullable(options.get(option)).map(List::getLast);
        }

        List<String> values(String option) {
            return options.getOrDefault(option, List.of());
        }
    }

    Given parse(List<String> args) throws UsageException {
        Map<String, List<String>> given = new HashMap<>();
        List<String> operandsGiven = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                operandsGiven.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                operandsGiven.add(arg);
                continue;
            }
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String typed = equals < 0 ? arg : arg.substring(0, equals);
            Option option = option(typed).orElseThrow(() -> new UsageException(typed + " is not an option of "
                    + displayName() + "; it takes " + optionList() + ". See " + helpCommand() + "."));
            String value = "";
            if (option.takesValue()) {
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                }
                if (value.isEmpty()) {
                    throw new UsageException(typed + " needs a value (" + typed + " " + option.value() + " or "
                            + option.name() + "=" + option.value() + ")");
                }
            } else if (equals >= 0) {
                throw new UsageException(typed + " takes no value; give it alone");
            }
            given.computeIfAbsent(option.name(), k -> new ArrayList<>()).add(value);
        }
        if (!given.containsKey(HELP.name()) && !given.containsKey(VERSION.name())
                && operandsGiven.size() != operands.size()) {
            throw new UsageException(displayName() + " takes " + (operands.isEmpty() ? "no arguments"
                    : "one " + String.join(" and one ", operands)) + (operandsGiven.isEmpty() ? ""
                    : ", not " + operandsGiven.stream().map(o -> "\"" + o + "\"").collect(Collectors.joining(" ")))
                    + ". See " + helpCommand() + ".");
        }
        return new Given(given, List.copyOf(operandsGiven));
    }

    Optional<Option> option(String typed) {
        return options.stream().filter(o -> o.isCalled(typed)).findFirst();
    }

    String displayName() {
        return command.isEmpty() ? "mcp-proxy-server without a command" : command;
    }

    private String helpCommand() {
        return "mcp-proxy-server " + (command.isEmpty() ? "" : command + " ") + "--help";
    }

    private String optionList() {
        return options.stream().map(o -> o.shortName().isEmpty() ? o.name() : o.shortName() + "/" + o.name())
                .collect(Collectors.joining(", "));
    }

    /** The usage line: {@code mcp-proxy-server import FILE [-o OUT.yaml] [--force]}. */
    String usage() {
        StringBuilder usage = new StringBuilder("mcp-proxy-server");
        if (!command.isEmpty()) {
            usage.append(' ').append(command);
        }
        operands.forEach(o -> usage.append(' ').append(o));
        for (Option o : options) {
            if (o != HELP && o != VERSION) {
                usage.append(" [").append(o.name()).append(o.takesValue() ? " " + o.value() : "").append(']');
            }
        }
        return usage.toString();
    }

    /** {@code mcp-proxy-server import --help}: the usage line, what it does, and every option. */
    String help() {
        return "Usage: " + usage() + "\n\n" + wrappedDescription() + "\n\n" + optionsHelp();
    }

    /** What it does, in lines of at most {@value #WIDTH} characters. */
    String wrappedDescription() {
        StringBuilder text = new StringBuilder();
        int lineStart = 0;
        for (String word : description.split(" ")) {
            if (text.length() > lineStart && text.length() - lineStart + 1 + word.length() > WIDTH) {
                text.append('\n');
                lineStart = text.length();
            } else if (text.length() > lineStart) {
                text.append(' ');
            }
            text.append(word);
        }
        return text.toString();
    }

    /** Every option, one a line, with what it does. */
    String optionsHelp() {
        int width = options.stream().mapToInt(o -> o.names().length()).max().orElse(0) + 2;
        StringBuilder help = new StringBuilder("Options (a value may also be joined: --name=VALUE):\n");
        for (Option o : options) {
            help.append("  ").append(o.names()).append(" ".repeat(width - o.names().length())).append(o.help())
                    .append('\n');
        }
        return help.toString();
    }
}
