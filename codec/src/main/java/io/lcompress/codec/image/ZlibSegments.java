package io.lcompress.codec.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Adler32;
import java.util.zip.Deflater;

/**
 * A zlib stream (RFC 1950) deflated in segments of a fixed number of input bytes, several at once on
 * threads of its own, as pigz does: each segment is raw deflate data primed with the 32 KiB of input before
 * it (a preset dictionary, so matches reach back across the cut) and ended by a sync flush, the last one by
 * the final block; between the zlib header and the Adler-32 of all the input, their concatenation is one
 * valid deflate stream. The bytes depend on the input, the level and the segment size only, never on the
 * thread count or on how the input was split into {@link #write} calls; with one segment they are exactly
 * what {@link Deflater} of that level writes for the whole input.
 *
 * <p>What it costs: about 5 bytes a cut (the empty stored block of the sync flush) and the matches a
 * block boundary loses. Memory: at most {@code threads} segments in flight, their input and output.
 *
 * <p>Not thread-safe: one writer feeds it; the compressed bytes reach {@code sink} in order, on that
 * writer's thread.
 */
final class ZlibSegments implements AutoCloseable {
    /** Where the compressed bytes go, in order. */
    interface Sink {
        void write(byte[] b, int off, int len) throws IOException;
    }

    /** Deflate's window: the dictionary a segment is primed with. */
    static final int WINDOW = 1 << 15;

    private final int level;
    private final int segmentBytes;
    private final int threads;
    private final Sink sink;
    private final Adler32 adler = new Adler32();
    private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
    private ExecutorService pool;          // made for the second segment when threads > 1
    private byte[] segment = new byte[0];
    private int filled;
    private byte[] dictionary;             // the last WINDOW bytes of input before the current segment
    private boolean started;
    private boolean finished;

    /**
     * @param level        the deflate level, 0 to 9
     * @param segmentBytes input bytes per segment, at least {@link #WINDOW}
     * @param threads      deflating threads, at least 1 (1: all on the writer's thread)
     */
    ZlibSegments(int level, int segmentBytes, int threads, Sink sink) {
        if (level < 0 || level > 9 || segmentBytes < WINDOW || threads < 1) {
            throw new IllegalArgumentException("level " + level + ", segments of " + segmentBytes + " bytes, "
                    + threads + " threads");
        }
        this.level = level;
        this.segmentBytes = segmentBytes;
        this.threads = threads;
        this.sink = sink;
    }

    /** The next {@code len} bytes of input. */
    void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IllegalStateException("finished");
        }
        while (len > 0) {
            if (filled == segment.length) {
                if (filled == segmentBytes) {
                    submit(false);
                } else {
                    // grown as it fills, so that a small image does not allocate a whole segment
                    segment = Arrays.copyOf(segment, Math.min(segmentBytes, Math.max(1 << 16, 2 * segment.length)));
                }
            }
            int n = Math.min(len, segment.length - filled);
            System.arraycopy(b, off, segment, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Deflates what is left and writes the end of the stream (the Adler-32); nothing may follow. */
    void finish() throws IOException {
        if (finished) {
            throw new IllegalStateException("finished");
        }
        submit(true);
        while (!pending.isEmpty()) {
            emitOldest();
        }
        int a = (int) adler.getValue();
        sink.write(new byte[]{(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a}, 0, 4);
        finished = true;
        close();
    }

    /** Stops the threads (after {@link #finish}, or instead of it when the input will not come). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            pool = null;
        }
    }

    private void submit(boolean last) throws IOException {
        if (!started) {
            sink.write(header(level), 0, 2);
            started = true;
        }
        byte[] input = segment;
        int length = filled;
        byte[] dict = dictionary;
        adler.update(input, 0, length);
        if (!last) {
            dictionary = Arrays.copyOfRange(input, length - WINDOW, length);   // length == segmentBytes >= WINDOW
            segment = new byte[segmentBytes];
            filled = 0;
        }
        if (threads == 1 || (last && pending.isEmpty())) {       // nothing to overlap with: on this thread
            byte[] out = deflate(level, input, length, dict, last);
            sink.write(out, 0, out.length);
            return;
        }
        if (pool == null) {
            pool = Executors.newFixedThreadPool(threads, task -> {
                Thread t = new Thread(task, "lcompress-deflate");
                t.setDaemon(true);
                return t;
            });
        }
        while (pending.size() >= threads) {
            emitOldest();
        }
        pending.add(pool.submit(() -> deflate(level, input, length, dict, last)));
    }

    private void emitOldest() throws IOException {
        byte[] out;
        try {
            out = pending.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while deflating");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException("deflating a segment", e.getCause());
        }
        sink.write(out, 0, out.length);
    }

    /** The zlib header of a deflate stream with a 32 KiB window at {@code level}, as zlib writes it. */
    static byte[] header(int level) {
        int cmf = 0x78;
        int flevel = level < 2 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3;
        int flg = flevel << 6;
        flg += 31 - (cmf * 256 + flg) % 31;
        return new byte[]{(byte) cmf, (byte) flg};
    }

    /**
     * One segment as raw deflate data: primed with {@code dict} (null for the first), ended by a sync flush,
     * or by the final block when {@code last}.
     */
    static byte[] deflate(int level, byte[] input, int length, byte[] dict, boolean last) {
        Deflater d = new Deflater(level, true);
        try {
            if (dict != null) {
                d.setDictionary(dict);
            }
            d.setInput(input, 0, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
            byte[] buf = new byte[1 << 16];
            if (last) {
                d.finish();
                while (!d.finished()) {
                    out.write(buf, 0, d.deflate(buf));
                }
            } else {
                int n;
                do {                              // a full buffer may hold more of the flush
                    n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    out.write(buf, 0, n);
                } while (n == buf.length);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
