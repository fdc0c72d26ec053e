package dev.mcpproxy.desktop.login;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Windows: the value {@code MCP Proxy} under {@code HKCU\Software\Microsoft\Windows\CurrentVersion\Run}, which Windows
 * runs at login, set and removed by {@code reg.exe} (by its absolute path; Java has no registry API). The value is a
 * command line, each argument quoted as Windows' own parser reads them back.
 *
 * @param reg the command that runs reg.exe: its path, for the tests a stand-in
 */
public record WindowsRunKey(List<String> reg, List<String> launch) implements StartAtLogin {

    static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String VALUE = "MCP Proxy";

    public WindowsRunKey {
        reg = List.copyOf(reg);
        launch = List.copyOf(launch);
    }

    /** {@code %SystemRoot%\System32\reg.exe}: never a name looked up on PATH. */
    static List<String> reg(Map<String, String> environment) {
        String root = environment.getOrDefault("SystemRoot", "C:\\Windows");
        return List.of(root + "\\System32\\reg.exe");
    }

    @Override
    public String where() {
        return KEY + "\\" + VALUE;
    }

    @Override
    public boolean enabled() throws IOException {
        return run(queryArgv()).exit() == 0;
    }

    @Override
    public void enable() throws IOException {
        expectSuccess(addArgv());
    }

    @Override
    public void disable() throws IOException {
        if (enabled()) {
            expectSuccess(deleteArgv());
        }
    }

    List<String> addArgv() {
        // Java passes an argument that is already in quotes to reg.exe as it is; quoted here, the command line's own
        // quotes reach the registry intact.
        return argv("add", KEY, "/v", VALUE, "/t", "REG_SZ", "/d", quote(commandLine(launch)), "/f");
    }

    List<String> deleteArgv() {
        return argv("delete", KEY, "/v", VALUE, "/f");
    }

    List<String> queryArgv() {
        return argv("query", KEY, "/v", VALUE);
    }

    /** The Run value: the launcher and its arguments, each quoted when it needs to be. */
    static String commandLine(List<String> argv) {
        return argv.stream().map(WindowsRunKey::quote).collect(Collectors.joining(" "));
    }

    /**
     * One argument as CommandLineToArgvW reads it back: in quotes when it is empty or holds a space, a tab or a quote;
     * inside them a quote takes a backslash, and the backslashes before a quote (or before the closing one) are doubled.
     */
    static String quote(String argument) {
        if (!argument.isEmpty() && argument.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
            return argument;
        }
        StringBuilder quoted = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : argument.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            quoted.append("\\".repeat(c == '"' ? backslashes * 2 + 1 : backslashes)).append(c);
            backslashes = 0;
        }
        return quoted.append("\\".repeat(backslashes * 2)).append('"').toString();
    }

    private List<String> argv(String... arguments) {
        List<String> argv = new ArrayList<>(reg);
        argv.addAll(List.of(arguments));
        return argv;
    }

    private void expectSuccess(List<String> argv) throws IOException {
        Result result = run(argv);
        if (result.exit() != 0) {
            throw new IOException("reg.exe " + argv.get(reg.size()) + " " + where() + " failed (exit code "
                    + result.exit() + "): " + result.output().strip());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> argv) throws IOException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            // Its answer is a line or two, well within the pipe's buffer: read once it has exited.
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(Path.of(argv.getFirst()).getFileName() + " did not answer within 10 s");
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                    Charset.defaultCharset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for reg.exe", e);
        }
    }
}
