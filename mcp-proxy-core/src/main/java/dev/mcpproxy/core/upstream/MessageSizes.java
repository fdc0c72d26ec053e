package dev.mcpproxy.core.upstream;

import java.util.Locale;

/** Sizes of messages as people read them in errors and logs: MB for what came, MiB for the limit as configured. */
public final class MessageSizes {

    private MessageSizes() {
    }

    /** What an answer over max_message_size is told with, after "the answer to <method> ". */
    public static String overLimit(long size, long limit) {
        return "was " + megabytes(size) + ", more than max_message_size (" + mebibytes(limit) + ") allows."
                + " Raise max_message_size in the configuration, or ask for less.";
    }

    public static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    public static String mebibytes(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB"
                : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
