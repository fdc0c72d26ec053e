package dev.mcpproxy.core.process;

import dev.mcpproxy.core.json.MessageScanner;
import java.lang.System.Logger.Level;
import java.util.List;

/** Logs what handling one line throws, with the reader's name, and goes on with the next line. */
record GuardedLines(String threadName, LineHandler handler) implements LineHandler {

    private static final System.Logger LOG = System.getLogger("mcp-proxy.process");

    /**
     * Anything a line's handling throws is logged and the line dropped; an OutOfMemoryError too, since the line
     * and what was built of it are unreachable once it unwinds. Other VirtualMachineErrors (a stack overflow, an
     * internal error) leave the reader unable to go on and end it.
     */
    @Override
    public int maxLength() {
        return handler.maxLength();
    }

    @Override
    public void line(byte[] line) {
        try {
            handler.line(line);
        } catch (Throwable e) {
            failed(line.length, e);
        }
    }

    @Override
    public void longLine(List<byte[]> pieces, long length, MessageScanner seen) {
        try {
            handler.longLine(pieces, length, seen);
        } catch (Throwable e) {
            failed(length, e);
        }
    }

    @Override
    public void skipped(byte[] head, long length, MessageScanner seen, Skip why) {
        try {
            handler.skipped(head, length, seen, why);
        } catch (Throwable e) {
            failed(length, e);
        }
    }

    private void failed(long length, Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
            throw (VirtualMachineError) e;
        }
        LOG.log(Level.ERROR, threadName + ": a line of " + length + " bytes could not be handled and was dropped: "
                + e, e);
    }
}
