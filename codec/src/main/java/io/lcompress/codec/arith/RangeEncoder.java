package io.lcompress.codec.arith;

/**
 * Range encoder (a byte-oriented arithmetic coder) with 48-bit precision and carry propagation.
 *
 * <p><b>State.</b> The current interval is {@code [low, low + range)} scaled by 2^-48 and appended to
 * the bytes already emitted. Bytes that might still change because of a carry are held back as one
 * {@code cache} byte followed by {@code pending} bytes of value 0xFF (the classic LZMA scheme,
 * widened from 32 to 48 bits).
 *
 * <p><b>Invariants</b> (after every public call):
 * <ul>
 *   <li>{@code 2^40 <= range <= 2^48 - 1}: so for a total of {@code 2^b} with {@code b <= 24} the
 *       quantum {@code r = range >>> b} is at least 2^16 and the rounding loss per symbol is below
 *       {@code log2(1 + 2^b / range)} bits, i.e. below 2^-16 relative for b = 24 and about 2^-20 for
 *       the 2^20 totals the mixture quantizer uses;</li>
 *   <li>{@code 0 <= low < 2^48 + 2^48}: a carry out of bit 47 is at most 1 and is resolved at the next
 *       {@link #shiftLow()};</li>
 *   <li>the absolute code point always lies inside the initial interval [0, 2^48), so the very first
 *       held-back byte is 0 and is never written (the decoder does not expect it).</li>
 * </ul>
 *
 * <p>Frequencies are given as a cumulative start, a size and a power-of-two total {@code 2^totalBits}
 * ({@code 1 <= totalBits <= MAX_TOTAL_BITS}); every symbol must have size >= 1.
 */
public final class RangeEncoder {
    /** Largest supported log2 of the frequency total. */
    public static final int MAX_TOTAL_BITS = 24;

    static final int STATE_BITS = 48;
    static final long TOP = 1L << 40;              // renormalize when range drops below this
    static final long INITIAL_RANGE = (1L << STATE_BITS) - 1;
    private static final long LOW_MASK = (1L << 40) - 1;

    private final ByteSink out;
    private long low = 0;
    private long range = INITIAL_RANGE;
    private int cache = 0;
    private long pending = 1;       // number of held-back bytes: the cache byte plus (pending-1) 0xFF bytes
    private boolean firstByte = true;
    private boolean finished = false;

    public RangeEncoder() {
        this(new ByteSink());
    }

    public RangeEncoder(ByteSink out) {
        this.out = out;
    }

    /**
     * Encodes the symbol whose cumulative frequency interval is {@code [start, start + size)} out of
     * {@code 2^totalBits}.
     */
    public void encode(int start, int size, int totalBits) {
        if (totalBits < 1 || totalBits > MAX_TOTAL_BITS || size <= 0 || start < 0
                || (long) start + size > (1L << totalBits)) {
            throw new IllegalArgumentException("bad interval [" + start + ", " + start + "+" + size
                    + ") of 2^" + totalBits);
        }
        if (finished) {
            throw new IllegalStateException("encoder already finished");
        }
        long r = range >>> totalBits;
        low += r * start;
        range = r * size;
        while (range < TOP) {
            range <<= 8;
            shiftLow();
        }
    }

    /** Encodes {@code bits} raw bits (1..16) of {@code value} with probability 1/2 each. */
    public void encodeBits(int value, int bits) {
        encode(value & ((1 << bits) - 1), 1, bits);
    }

    private void shiftLow() {
        if (low < (0xFFL << 40) || low >= (1L << STATE_BITS)) {
            int carry = (int) (low >>> STATE_BITS);
            int b = cache;
            do {
                emit(b + carry);
                b = 0xFF;
            } while (--pending != 0);
            cache = (int) ((low >>> 40) & 0xFF);
        }
        pending++;
        low = (low & LOW_MASK) << 8;
    }

    private void emit(int b) {
        if (firstByte) {
            firstByte = false;   // always 0 by the interval invariant; not written
            return;
        }
        out.write(b & 0xFF);
    }

    /**
     * Most trailing zero bytes {@link #finish()} drops (format version 3 on). The decoder reads zeros past
     * the end of a stream, so they need not be stored; bounding how many are dropped lets a strict
     * {@link RangeDecoder} refuse a stream that reads further: a truncated payload is then corrupt at
     * once, unless its decoder is exhausted, when every later symbol is the first of its distribution
     * whatever the model says and decoders fill it without the model. (Versions 1 and 2 dropped every
     * trailing zero.)
     */
    public static final int MAX_TRIMMED_ZEROS = 6;

    /**
     * Ends the stream: picks the point of the final interval with the most trailing zero bits, writes
     * it, and drops at most {@link #MAX_TRIMMED_ZEROS} trailing zero bytes. Returns the bytes.
     */
    public byte[] finish() {
        if (!finished) {
            finished = true;
            long high = low + range;            // exclusive
            for (int k = STATE_BITS; k >= 0; k--) {
                long mask = (1L << k) - 1;
                long v = (low + mask) & ~mask;
                if (v < high) {
                    low = v;
                    break;
                }
            }
            for (int i = 0; i < STATE_BITS / 8 + 1; i++) {
                shiftLow();
            }
            out.trimTrailingZeros(MAX_TRIMMED_ZEROS);
        }
        return out.toByteArray();
    }

    /** Bytes written so far (excluding held-back bytes); exact after {@link #finish()}. */
    public long bytesWritten() {
        return out.size();
    }
}
