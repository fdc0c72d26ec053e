package dev.mcpproxy.core.calls;

/**
 * The bytes of the call log's messages, written one after the other round a fixed capacity, in chunks made as they
 * are first needed: a message's bytes are copied in once and live in arrays that live as long as the log. Kept as
 * objects instead (two arrays and a few small objects a call), every call's messages outlived several young
 * collections under load, were copied from one survivor space to the other, promoted, and died in the old
 * generation, which grew with them until a full collection: the GC's largest cost per call (docs/benchmarks.md).
 * Not thread-safe: the call log guards it.
 */
final class MessageRing {

    private static final int CHUNK = 64 * 1024;

    private final byte[][] chunks;
    private final long capacity;
    /** Where the next byte goes, counted from the first byte ever written. */
    private long written;

    MessageRing(long capacity) {
        int chunkCount = (int) Math.max(1, (capacity + CHUNK - 1) / CHUNK);
        this.chunks = new byte[chunkCount][];
        this.capacity = (long) chunkCount * CHUNK;
    }

    /** What it holds at most; writing more overwrites the oldest bytes. */
    long capacity() {
        return capacity;
    }

    /** Copies {@code bytes} in and answers where they start. */
    long write(byte[] bytes) {
        long start = written;
        int done = 0;
        while (done < bytes.length) {
            int offset = (int) (written % CHUNK);
            byte[] chunk = chunk((int) (written / CHUNK % chunks.length));
            int taken = Math.min(bytes.length - done, CHUNK - offset);
            System.arraycopy(bytes, done, chunk, offset, taken);
            done += taken;
            written += taken;
        }
        return start;
    }

    /** The {@code length} bytes written at {@code start}, which must not have been overwritten since. */
    byte[] read(long start, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long at = start + done;
            int offset = (int) (at % CHUNK);
            int taken = Math.min(length - done, CHUNK - offset);
            System.arraycopy(chunks[(int) (at / CHUNK % chunks.length)], offset, out, done, taken);
            done += taken;
        }
        return out;
    }

    private byte[] chunk(int index) {
        if (chunks[index] == null) {
            chunks[index] = new byte[CHUNK];
        }
        return chunks[index];
    }
}
