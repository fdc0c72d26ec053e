package dev.mcpproxy.core.process;

/** Where a log line came from: the server's stdout (non-protocol lines), its stderr, or the proxy about it. */
public enum LogStream {
    STDOUT("stdout"), STDERR("stderr"), PROXY("proxy");

    /** Its name in the API's JSON. */
    public final String json;

    LogStream(String json) {
        this.json = json;
    }
}
