package dev.mcpproxy.core.process;

import dev.mcpproxy.core.json.JsonText;
import java.time.Instant;

/** One timestamped line of a server's output; {@code seq} grows by one per line, for "since" queries. */
public record LogLine(long seq, Instant time, LogStream stream, String text) {

    /** The line as the API and the event stream show it: {@code {"seq","time","stream","text"}}. */
    public String json() {
        return json(null);
    }

    /**
     * The same with the server's name first, {@code {"server",...}}, or without it when null. Written by hand: a
     * noisy server makes thousands of these a second.
     */
    public String json(String server) {
        return appendJson(new StringBuilder(96 + text.length()), server).toString();
    }

    /** Appends {@link #json(String)}'s text to {@code out}. */
    public StringBuilder appendJson(StringBuilder out, String server) {
        out.append('{');
        if (server != null) {
            JsonText.appendString(out.append("\"server\":"), server).append(',');
        }
        JsonText.appendTime(out.append("\"seq\":").append(seq).append(",\"time\":"), time);
        out.append(",\"stream\":\"").append(stream.json).append("\",\"text\":");
        return JsonText.appendString(out, text).append('}');
    }
}
