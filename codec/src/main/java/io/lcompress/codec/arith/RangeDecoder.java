package io.lcompress.codec.arith;

/**
 * Decoder for {@link RangeEncoder} streams.
 *
 * <p><b>State.</b> {@code code} is the offset of the encoder's code point from the current interval's
 * low end, at the same 48-bit scale; the decoder tracks {@code range} exactly as the encoder does.
 *
 * <p><b>Invariant:</b> {@code 0 <= code < range} for any stream the encoder produced. Proof sketch:
 * it holds initially (the code point lies in the initial interval); {@link #target} returns
 * {@code v = code / r} and the caller picks the symbol with {@code start <= v < start + size}, so
 * {@code r*start <= code < r*(start+size)} and after {@link #consume} {@code 0 <= code - r*start < r*size}
 * = the new range; renormalization scales both sides by 256. A {@code v} outside the total
 * therefore proves the stream is corrupt, and {@link CorruptStreamException} is thrown: corrupt
 * input never makes the decoder loop or index out of bounds.
 *
 * <p>Bytes past the end of the input read as zero (the encoder drops trailing zeros).
 */
public final class RangeDecoder {
    private final byte[] in;
    private final int end;
    private int pos;
    private long range = RangeEncoder.INITIAL_RANGE;
    private long code;
    private long r;          // quantum of the pending target() call
    private int pendingBits = -1;

    public RangeDecoder(byte[] in) {
        this(in, 0, in.length);
    }

    public RangeDecoder(byte[] in, int offset, int length) {
        this.in = in;
        this.pos = offset;
        this.end = offset + length;
        for (int i = 0; i < RangeEncoder.STATE_BITS / 8; i++) {
            code = (code << 8) | nextByte();
        }
    }

    private int nextByte() {
        return pos < end ? in[pos++] & 0xFF : 0;
    }

    /**
     * Returns the cumulative-frequency value the next symbol's interval must contain, for a total of
     * {@code 2^totalBits}. Must be followed by {@link #consume} with that symbol's interval.
     */
    public int target(int totalBits) {
        if (totalBits < 1 || totalBits > RangeEncoder.MAX_TOTAL_BITS) {
            throw new IllegalArgumentException("bad total 2^" + totalBits);
        }
        r = range >>> totalBits;
        long v = code / r;
        if (v >= (1L << totalBits)) {
            throw new CorruptStreamException("arithmetic-coded payload is corrupt");
        }
        pendingBits = totalBits;
        return (int) v;
    }

    /** Removes the symbol with interval {@code [start, start + size)} chosen for the last target. */
    public void consume(int start, int size) {
        if (pendingBits < 0) {
            throw new IllegalStateException("consume without target");
        }
        pendingBits = -1;
        code -= r * start;
        range = r * size;
        if (code < 0 || code >= range) {
            throw new CorruptStreamException("arithmetic-coded payload is corrupt");
        }
        while (range < RangeEncoder.TOP) {
            code = (code << 8) | nextByte();
            range <<= 8;
        }
    }

    /** Decodes {@code bits} raw bits written by {@link RangeEncoder#encodeBits}. */
    public int decodeBits(int bits) {
        int v = target(bits);
        consume(v, 1);
        return v;
    }

    /** Input bytes consumed so far, not counting zero padding past the end. */
    public int position() {
        return Math.min(pos, end);
    }

    /** True when the decoder has read past the end of its input (zero padding). */
    public boolean pastEnd() {
        return pos >= end;
    }
}
