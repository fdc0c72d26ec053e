package dev.mcpproxy.core.process;

import dev.mcpproxy.core.json.MessageScanner;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte stream into lines without decoding it: protocol lines go to the JSON parser as the UTF-8 bytes
 * they arrived as, which saves a decode and a copy per message. The buffer starts small (a thousand servers have
 * two streams each) and grows with a line up to {@link #PIECE}; a longer line is kept in pieces of that size, never
 * copied whole, and one over the handler's limit is not kept at all: it is read past, seen only by a
 * {@link MessageScanner}, so that whoever waits for it can be told.
 */
final class LineSplitter {

    static final int INITIAL = 4096;
    /** Above this a line is held in pieces: growing one array would copy it again and again, and leave slack. */
    static final int PIECE = 256 * 1024;
    /** What is kept of a skipped line's start, for the log. */
    static final int HEAD = 200;

    private final InputStream in;
    private final LineHandler handler;
    private final int maxLength;
    private final int headKept;
    private final boolean scans;
    private final LargeMessageBudget budget;
    private byte[] buffer = new byte[INITIAL];
    private int start;
    private int end;
    /** The current line's pieces before the buffer, when it is long; their bytes are reserved in the budget. */
    private List<byte[]> pieces;
    private long piecesLength;
    private long reserved;
    private MessageScanner scanner;
    /** The current line is being read past; {@code skippedLength} of it went by before the buffer. */
    private LineHandler.Skip skipping;
    private long skippedLength;
    private byte[] head;

    private LineSplitter(InputStream in, LineHandler handler, int headKept, boolean scans,
                         LargeMessageBudget budget) {
        this.in = in;
        this.handler = handler;
        this.maxLength = handler.maxLength();
        this.headKept = Math.min(headKept, maxLength);
        this.scans = scans;
        this.budget = budget;
    }

    /** A splitter for protocol lines: long ones in pieces against {@code budget}, the head of skipped ones kept short. */
    static LineSplitter messages(InputStream in, LineHandler handler, LargeMessageBudget budget) {
        return new LineSplitter(in, handler, HEAD, true, budget);
    }

    /** A splitter for log lines: a line over the limit is cut there, its first {@code maxLength} bytes kept. */
    static LineSplitter log(InputStream in, LineHandler handler) {
        return new LineSplitter(in, handler, Integer.MAX_VALUE, false, new LargeMessageBudget(0));
    }

    /** Hands every line (without its \n or \r\n) to the handler until the stream ends; then the last partial line. */
    void run() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                    deliver(start, lineEnd);
                    start = i + 1;
                }
            }
            if (start == end) {
                start = 0;
                end = 0;
                if (buffer.length > INITIAL && pieces == null && skipping == null) {
                    buffer = new byte[INITIAL];
                }
            } else if (end == buffer.length) {
                makeRoom();
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                if (end > start || pieces != null || skipping != null) {
                    deliver(start, end);
                }
                return;
            }
            end += read;
        }
    }

    private void deliver(int from, int to) {
        long length = piecesLength + skippedLength + (to - from);
        try {
            if (skipping == null && length > maxLength) {
                skip(from, to, LineHandler.Skip.TOO_LONG);
            }
            if (skipping != null) {
                feedScanner(from, to);
                // Over the limit is what the line is, whatever stopped it being kept first.
                handler.skipped(head, length, scanner, length > maxLength ? LineHandler.Skip.TOO_LONG : skipping);
            } else if (pieces != null) {
                feedScanner(from, to);
                pieces.add(Arrays.copyOfRange(buffer, from, to));
                handler.longLine(pieces, length, scanner);
            } else {
                // The common case: a short line, handed on with no more work than its copy.
                handler.line(Arrays.copyOfRange(buffer, from, to));
                return;
            }
        } finally {
            if (pieces != null || skipping != null) {
                reset();
            }
        }
    }

    /** The buffer is full of one partial line (after moving it to the front, if it was not there). */
    private void makeRoom() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            return;
        }
        if (skipping == null && piecesLength + end > maxLength) {
            skip(0, end, LineHandler.Skip.TOO_LONG);
        }
        if (skipping != null) {
            feedScanner(0, end);
            skippedLength += end;
            end = 0;
        } else if (pieces == null && buffer.length < PIECE) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, PIECE));
        } else if (!budget.reserve(end)) {
            skip(0, end, LineHandler.Skip.NO_ROOM);
            makeRoom();
        } else {
            reserved += end;
            feedScanner(0, end);
            if (pieces == null) {
                pieces = new ArrayList<>();
            }
            pieces.add(buffer);
            piecesLength += end;
            buffer = new byte[PIECE];
            end = 0;
        }
    }

    /** Stops keeping the current line: its head stays for the log, its pieces go. */
    private void skip(int from, int to, LineHandler.Skip why) {
        byte[] first = pieces == null ? buffer : pieces.getFirst();
        int firstLength = pieces == null ? to - from : first.length;
        head = Arrays.copyOfRange(first, pieces == null ? from : 0, (pieces == null ? from : 0)
                + Math.min(headKept, firstLength));
        skippedLength = piecesLength;
        pieces = null;
        piecesLength = 0;
        budget.release(reserved);
        reserved = 0;
        skipping = why;
    }

    /** Protocol lines that are long or skipped are scanned from their first byte on; short ones never are. */
    private void feedScanner(int from, int to) {
        if (!scans) {
            return;
        }
        if (scanner == null) {
            scanner = new MessageScanner();
        }
        scanner.feed(buffer, from, to);
    }

    private void reset() {
        budget.release(reserved);
        reserved = 0;
        pieces = null;
        piecesLength = 0;
        skipping = null;
        skippedLength = 0;
        head = null;
        scanner = null;
    }
}
