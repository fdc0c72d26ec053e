package dev.mcpproxy.desktop.login;

import java.util.ArrayList;
import java.util.List;

/**
 * An Exec value read back into its arguments as the Desktop Entry specification says a launcher does, written apart
 * from the code that writes it: the string value's escapes first, then the quoting, then {@code %%}.
 */
public final class DesktopEntryExec {

    private DesktopEntryExec() {
    }

    public static List<String> argv(String value) {
        String unescaped = unescapeString(value);
        List<String> argv = new ArrayList<>();
        StringBuilder current = null;
        boolean quoted = false;
        for (int i = 0; i < unescaped.length(); i++) {
            char c = unescaped.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < unescaped.length() && "\"`$\\".indexOf(unescaped.charAt(i + 1)) >= 0) {
                    current.append(unescaped.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == ' ') {
                if (current != null) {
                    argv.add(current.toString());
                    current = null;
                }
            } else {
                current = current == null ? new StringBuilder() : current;
                if (c == '"') {
                    quoted = true;
                } else {
                    current.append(c);
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Unterminated quote in Exec=" + value);
        }
        if (current != null) {
            argv.add(current.toString());
        }
        return argv.stream().map(argument -> argument.replace("%%", "%")).toList();
    }

    private static String unescapeString(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(switch (next) {
                    case 's' -> ' ';
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
