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
 * <p>Bytes past the end of the input read as zero (the encoder drops trailing zeros). A <em>strict</em>
 * decoder (format version 3 on) allows only as many as the encoder can have dropped - except once the
 * stream is exhausted (below), when every later symbol is determined and zeros cost nothing: reading
 * more, or finishing with stored bytes left unread ({@link #checkEnd()}), proves the stream corrupt. A
 * lenient decoder (versions 1 and 2, whose encoder dropped every trailing zero) reads zeros for ever.
 *
 * <p><b>Exhausted streams.</b> Once the input is used up and {@code code == 0}, every later symbol is
 * the first one of its distribution: {@code target} returns 0, which lies in the first symbol's interval
 * (every symbol has a nonzero size), and {@code consume(0, size)} leaves {@code code} at 0 while only
 * zeros are shifted in. {@link #exhausted()} says so, and a caller may then fill the rest of its
 * output without evaluating its model: the result is exactly what decoding symbol by symbol gives.
 */
public final class RangeDecoder {
    private final byte[] in;
    private final int end;
    private int pos;
    private long range = RangeEncoder.INITIAL_RANGE;
    private long code;
    private long r;          // quantum of the pending target() call
    private int pendingBits = -1;
    private final boolean strict;
    private int zerosPastEnd;

    /**
     * Most zero bytes a strict decoder reads past the stored end. The decoder reads exactly as many
     * bytes as the encoder produced before dropping trailing zeros (6 to prime, one per renormalization,
     * which the encoder matches with its final flush of 6), so past the end it reads exactly the dropped ones.
     */
    public static final int MAX_ZEROS_PAST_END = RangeEncoder.MAX_TRIMMED_ZEROS;

    /** A strict decoder over all of {@code in}. */
    public RangeDecoder(byte[] in) {
        this(in, 0, in.length, true);
    }

    /** A strict decoder over {@code in[offset, offset + length)}. */
    public RangeDecoder(byte[] in, int offset, int length) {
        this(in, offset, length, true);
    }

    /** A decoder over {@code in[offset, offset + length)}; {@code strict} as in the class comment. */
    public RangeDecoder(byte[] in, int offset, int length, boolean strict) {
        this.in = in;
        this.pos = offset;
        this.end = offset + length;
        this.strict = strict;
        for (int i = 0; i < RangeEncoder.STATE_BITS / 8; i++) {
            code = (code << 8) | nextByte();
        }
    }

    private int nextByte() {
        if (pos < end) {
            return in[pos++] & 0xFF;
        }
        // past the end with code 0 the stream is exhausted: its zeros are not counted (see the class comment)
        if (strict && code != 0 && ++zerosPastEnd > MAX_ZEROS_PAST_END) {
            throw new CorruptStreamException("arithmetic-coded stream ends before its last symbol (truncated or corrupt)");
        }
        return 0;
    }

    /**
     * Strict decoders: throws when stored bytes were left unread after the last symbol (a valid stream
     * is read to its end, and then some zeros further).
     */
    public void checkEnd() {
        if (strict && pos < end) {
            throw new CorruptStreamException((end - pos) + " unused bytes after the last symbol of a stream");
        }
    }

    /** Zero bytes read past the stored end so far while the stream was not exhausted. */
    public int zerosPastEnd() {
        return zerosPastEnd;
    }

    /** True when every later symbol decodes as the first of its distribution (see the class comment). */
    public boolean exhausted() {
        return pos >= end && code == 0 && pendingBits < 0;
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

}
