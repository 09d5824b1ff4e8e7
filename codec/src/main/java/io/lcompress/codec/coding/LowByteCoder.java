package io.lcompress.codec.coding;

import io.lcompress.codec.arith.RangeDecoder;
import io.lcompress.codec.arith.RangeEncoder;
import io.lcompress.codec.image.Raster;

/**
 * Codes the low bytes of 16-bit samples after their high bytes are known: each low byte as 8 binary
 * decisions (most significant bit first) down a 255-node tree of adaptive probabilities, one tree per
 * channel and high-byte value. Probabilities are 12-bit integers updated by a shift of 5 (LZMA
 * style), which keeps them in [31, 4065]: both outcomes always codable, identical everywhere.
 *
 * <p>The low bytes of real 16-bit photos are close to noise and cost close to 8 bits; images widened
 * from 8 bits (low byte = high byte, or 0) cost almost nothing because the context is the high byte.
 */
final class LowByteCoder {
    private static final int PROB_BITS = 12;
    private static final int ONE = 1 << PROB_BITS;
    private static final int SHIFT = 5;

    private LowByteCoder() {
    }

    /**
     * The tree of (channel c, high byte h), made when it is first needed: a stripe's cost stays
     * proportional to its samples (a file of many tiny stripes cannot make each fill 2^16 states).
     */
    private static short[] tree(short[][] trees, int c, int h) {
        short[] t = trees[c * 256 + h];
        if (t == null) {
            t = new short[256];
            java.util.Arrays.fill(t, (short) (ONE / 2));
            trees[c * 256 + h] = t;
        }
        return t;
    }

    /** Encodes the low bytes of a stripe; returns the payload and the ideal code length in bits. */
    static StripeCoder.Encoded encode(Raster low, Raster high, float[] bitsPerPixel) {
        short[][] trees = new short[low.channels() * 256][];
        RangeEncoder enc = new RangeEncoder();
        byte[] lo = low.samples();
        byte[] hi = high.samples();
        int channels = low.channels();
        double total = 0;
        for (int i = 0; i < lo.length; i++) {
            short[] probs = tree(trees, i % channels, hi[i] & 0xFF);
            int v = lo[i] & 0xFF;
            int node = 1;
            double bits = 0;
            for (int b = 7; b >= 0; b--) {
                int bit = v >>> b & 1;
                int p = probs[node];
                if (bit == 0) {
                    enc.encode(0, p, PROB_BITS);
                    bits += PROB_BITS - StrictMath.log(p) * INV_LN2;
                    probs[node] = (short) (p + ((ONE - p) >> SHIFT));
                } else {
                    enc.encode(p, ONE - p, PROB_BITS);
                    bits += PROB_BITS - StrictMath.log(ONE - p) * INV_LN2;
                    probs[node] = (short) (p - (p >> SHIFT));
                }
                node = node << 1 | bit;
            }
            total += bits;
            if (bitsPerPixel != null) {
                bitsPerPixel[i / channels] += (float) bits;
            }
        }
        return new StripeCoder.Encoded(enc.finish(), total);
    }

    /**
     * Decodes the low bytes of a stripe whose high bytes are {@code high}; {@code strictEnd} as in
     * {@link StripeCoder}. An exhausted stream decodes every later bit as 0 (the probabilities stay in
     * [31, 4065], so 0 lies in bit 0's interval): the rest of the stripe is then 0 without decoding.
     */
    static Raster decode(byte[] payload, int offset, int length, Raster high, boolean strictEnd) {
        int channels = high.channels();
        Raster low = new Raster(high.width(), high.height(), channels);
        RangeDecoder dec = new RangeDecoder(payload, offset, length, strictEnd);
        if (dec.exhausted()) {
            return low;
        }
        short[][] trees = new short[channels * 256][];
        byte[] lo = low.samples();
        byte[] hi = high.samples();
        for (int i = 0; i < lo.length; i++) {
            if (dec.exhausted()) {
                return low;           // the rest reads as zeros, which the raster already holds
            }
            short[] probs = tree(trees, i % channels, hi[i] & 0xFF);
            int node = 1;
            for (int b = 7; b >= 0; b--) {
                int p = probs[node];
                int t = dec.target(PROB_BITS);
                if (t < p) {
                    dec.consume(0, p);
                    probs[node] = (short) (p + ((ONE - p) >> SHIFT));
                    node = node << 1;
                } else {
                    dec.consume(p, ONE - p);
                    probs[node] = (short) (p - (p >> SHIFT));
                    node = node << 1 | 1;
                }
            }
            lo[i] = (byte) node;
        }
        dec.checkEnd();
        return low;
    }

    private static final double INV_LN2 = 1.0 / StrictMath.log(2.0);
}
