package dev.mcpproxy.server.cli;

import dev.mcpproxy.core.config.ClientConfigImport;
import dev.mcpproxy.core.config.ConfigException;
import dev.mcpproxy.core.files.AtomicFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** {@code mcp-proxy-server import FILE [-o OUT] [--force]}: another client's server list as this proxy's YAML. */
public final class ImportCommand {

    private ImportCommand() {
    }

    public static int run(CommandLine.Import commandLine, PrintStream out, PrintStream err) {
        Path source = commandLine.file();
        String json;
        try {
            json = Files.readString(source);
        } catch (NoSuchFileException e) {
            err.println("mcp-proxy-server import: " + source + " does not exist.");
            return CommandLine.EXIT_USAGE;
        } catch (IOException e) {
            err.println("mcp-proxy-server import: " + source + " cannot be read: " + e.getMessage());
            return CommandLine.EXIT_USAGE;
        }
        ClientConfigImport.Result result;
        try {
            result = ClientConfigImport.convert(json, source);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return CommandLine.EXIT_USAGE;
        }
        result.warnings().forEach(warning -> err.println("warning: " + warning));
        if (commandLine.output().isEmpty()) {
            out.print(result.yaml());
            out.flush();
            return 0;
        }
        Path target = commandLine.output().get();
        if (Files.exists(target) && !commandLine.force()) {
            err.println("mcp-proxy-server import: " + target + " exists; nothing was written. "
                    + "Choose another -o, or add --force to replace it.");
            return CommandLine.EXIT_USAGE;
        }
        try {
            AtomicFile.write(target, result.yaml().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("mcp-proxy-server import: could not write " + target + ": " + e.getMessage());
            return 1;
        }
        err.println("Imported " + result.servers() + " server" + (result.servers() == 1 ? "" : "s") + " into "
                + target + ". Run: mcp-proxy-server --config " + target);
        return 0;
    }

}
