package dev.mcpproxy.server.cli;

import dev.mcpproxy.core.secrets.SecretNames;
import dev.mcpproxy.core.secrets.SecretStore;
import dev.mcpproxy.core.secrets.SecretStoreException;
import dev.mcpproxy.core.secrets.SecretStores;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code mcp-proxy-server secret set|delete|list}: this user's secret store, directly, with or without a sidecar
 * running (the store is the same one the sidecar opens, and it reads a secret afresh at each server start).
 */
public final class SecretCommand {

    private SecretCommand() {
    }

    public static int run(CommandLine.Secret commandLine, InputStream in, PrintStream out, PrintStream err) {
        String prefix = "mcp-proxy-server secret " + commandLine.verb() + ": ";
        String name = commandLine.name().orElse("");
        if (!commandLine.verb().equals("list") && !SecretNames.isValid(name)) {
            err.println(prefix + SecretNames.problem(name));
            return CommandLine.EXIT_USAGE;
        }
        SecretStore store = SecretStores.open(System.getenv(), warning -> err.println("warning: " + warning));
        try {
            switch (commandLine.verb()) {
                case "set" -> {
                    String value = readValue(name, in);
                    if (value.isEmpty()) {
                        err.println(prefix + "no value on stdin; nothing was changed. Pipe it in: "
                                + "printf %s \"$TOKEN\" | mcp-proxy-server secret set " + name);
                        return CommandLine.EXIT_USAGE;
                    }
                    store.put(name, value);
                    err.println("Set " + name + " in " + store.description() + ".");
                }
                case "delete" -> {
                    if (!store.delete(name)) {
                        err.println(prefix + "no secret is named " + name + ".");
                        return 1;
                    }
                    err.println("Deleted " + name + " from " + store.description() + ".");
                }
                default -> {
                    store.names().forEach(out::println);
                    err.println("(kept in " + store.description() + ")");
                }
            }
            return 0;
        } catch (SecretStoreException e) {
            err.println(prefix + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(prefix + "stdin could not be read: " + e.getMessage());
            return 1;
        }
    }

    /** On a terminal, typed without echo; else all of stdin, less one trailing line end. */
    private static String readValue(String name, InputStream in) throws IOException {
        Console console = System.console();
        if (in == System.in && console != null && console.isTerminal()) {
            char[] typed = console.readPassword("Value of %s: ", name);
            return typed == null ? "" : new String(typed);
        }
        byte[] bytes = in.readNBytes(SecretNames.MAX_VALUE_LENGTH * 4 + 2);
        String value = new String(bytes, StandardCharsets.UTF_8);
        if (value.endsWith("\r\n")) {
            return value.substring(0, value.length() - 2);
        }
        return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }
}
