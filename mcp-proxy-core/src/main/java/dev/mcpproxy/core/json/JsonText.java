package dev.mcpproxy.core.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * JSON written by hand, for the few texts made thousands of times a second (log lines and their events), where a
 * Jackson tree and {@link Instant#toString()} per line cost several times the rest of the work.
 */
public final class JsonText {

    private static final DateTimeFormatter TO_THE_SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    /** The last second formatted: lines come many to a second, so the date and time are formatted once each. */
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    private JsonText() {
    }

    /**
     * Appends {@code value} as a JSON string, quotes included. Most texts (log lines) need no escape and are copied
     * whole: the encoder's char-by-char copy took a sixth of the event stream's CPU in a log flood.
     */
    public static StringBuilder appendString(StringBuilder out, String value) {
        out.append('"');
        if (needsEscape(value)) {
            JsonStringEncoder.getInstance().quoteAsString(value, out);
        } else {
            out.append(value);
        }
        return out.append('"');
    }

    private static boolean needsEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }

    /** Appends {@code time} as a JSON string in UTC, ISO 8601 with microseconds: "2026-11-25T10:41:21.123456Z". */
    public static StringBuilder appendTime(StringBuilder out, Instant time) {
        Second second = lastSecond;
        if (second.epochSecond() != time.getEpochSecond()) {
            second = new Second(time.getEpochSecond(),
                    LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC).format(TO_THE_SECOND));
            lastSecond = second;
        }
        out.append('"').append(second.text()).append('.');
        int micros = time.getNano() / 1000;
        for (int digit = 100_000; digit > 0; digit /= 10) {
            out.append((char) ('0' + micros / digit % 10));
        }
        return out.append("Z\"");
    }
}
