package dev.mcpproxy.core.upstream.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Reads a text/event-stream (the WHATWG format): events with a type, an optional id, and data lines joined by \n.
 * An event is bounded: one whose lines pass {@code maxEventBytes} is read past, never held, and reported by its
 * size instead (a line reader without a bound would hold a runaway event whole).
 */
public final class SseEventReader {

    /** One event; {@code type} is "message" unless the stream named another. */
    public record Event(String type, String id, String data) {
    }

    public interface Handler {
        void onEvent(Event event);
    }

    private final InputStream in;
    private final int maxEventBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    /** Bytes of the current event's lines so far, with their ends; over the bound, nothing more is kept. */
    private long eventBytes;

    private SseEventReader(InputStream in, int maxEventBytes) {
        this.in = new BufferedInputStream(in, 8192);
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Hands every complete event to {@code handler} until the stream ends; comments and retry hints are skipped,
     * and an event over {@code maxEventBytes} goes to {@code tooLarge} as its size.
     */
    public static void read(InputStream stream, int maxEventBytes, Handler handler, LongConsumer tooLarge)
            throws IOException {
        try (stream) {
            new SseEventReader(stream, maxEventBytes).events(handler, tooLarge);
        }
    }

    private void events(Handler handler, LongConsumer tooLarge) throws IOException {
        String type = null;
        String id = null;
        StringBuilder data = null;
        for (String text = nextLine(); text != null; text = nextLine()) {
            if (text.isEmpty()) {
                if (eventBytes > maxEventBytes) {
                    tooLarge.accept(eventBytes);
                } else if (data != null) {
                    handler.onEvent(new Event(type == null ? "message" : type, id, data.toString()));
                }
                type = null;
                data = null;
                eventBytes = 0;
                continue;
            }
            if (text.startsWith(":") || eventBytes > maxEventBytes) {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + (text.startsWith(" ", colon + 1) ? 2 : 1));
            switch (field) {
                case "event" -> type = value;
                case "id" -> id = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { }
            }
        }
        if (eventBytes > maxEventBytes) {
            tooLarge.accept(eventBytes);
        }
    }

    /**
     * The next line without its end (LF or CRLF); null at the end of the stream. A line of an event over the bound
     * comes as ":", a comment, so that it is passed over; an empty line still ends the event.
     */
    private String nextLine() throws IOException {
        line.reset();
        long length = 0;
        int last = -1;
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            length++;
            last = b;
            if (eventBytes + length <= maxEventBytes) {
                line.write(b);
            }
        }
        if (b < 0 && length == 0) {
            return null;
        }
        if (length == 0 || length == 1 && last == '\r') {
            return "";
        }
        eventBytes += length + 1;
        if (eventBytes > maxEventBytes) {
            return ":";
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
