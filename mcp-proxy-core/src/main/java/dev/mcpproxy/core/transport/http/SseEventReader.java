package dev.mcpproxy.core.transport.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a text/event-stream (the WHATWG format): events with a type, an optional id, and data lines joined by \n. */
public final class SseEventReader {

    /** One event; {@code type} is "message" unless the stream named another. */
    public record Event(String type, String id, String data) {
    }

    public interface Handler {
        void onEvent(Event event);
    }

    private SseEventReader() {
    }

    /** Hands every complete event to {@code handler} until the stream ends; comments and retry hints are skipped. */
    public static void read(InputStream stream, Handler handler) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String type = null;
            String id = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        handler.onEvent(new Event(type == null ? "message" : type, id, data.toString()));
                    }
                    type = null;
                    data = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + (line.startsWith(" ", colon + 1) ? 2 : 1));
                switch (field) {
                    case "event" -> type = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { }
                }
            }
        }
    }
}
