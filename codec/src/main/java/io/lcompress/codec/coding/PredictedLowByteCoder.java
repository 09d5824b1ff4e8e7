package io.lcompress.codec.coding;

import io.lcompress.codec.arith.CorruptStreamException;
import io.lcompress.codec.arith.RangeDecoder;
import io.lcompress.codec.arith.RangeEncoder;
import io.lcompress.codec.image.Raster;

/**
 * Codes the low bytes of a stripe of 16-bit samples once all its high bytes are known: by spatial
 * prediction from the neighbours' full 16-bit values, or by a tree per (channel, high byte). It
 * replaces {@link LowByteCoder} (which stays unchanged for older files). Notation: the stripe has
 * {@code w} columns, {@code h} rows and {@code ch} channels; sample {@code i = (y*w + x)*ch + c}; its
 * high byte {@code H = hi[i]}, low byte {@code L = lo[i]}, value {@code V = H*256 + L}. Every
 * operation below is on Java {@code int}s ({@code /} truncates toward zero, {@code >>} is arithmetic).
 *
 * <p><b>Stream.</b> One range-coder stream ({@link RangeEncoder}). First the <em>mode</em>: a uniform
 * symbol of 2 bits ({@code encode(mode, 1, 2)}): 0 = SPATIAL, 1 = TREE, 2 = SLOW_TREE, 3 = corrupt.
 * Then every low byte in sample order (raster order, channels in order), as binary decisions. The
 * encoder codes all three modes and keeps the shortest payload (ties: the lower mode).
 *
 * <p><b>Binary decisions.</b> A decision uses an adaptive state {@code (p, n)}: {@code p} the frequency
 * of a 1 out of {@code 2^16}, {@code n} a count 0..30; initially {@code p = 32768}. It is coded with
 * total {@code 2^16}: a 0 as {@code [0, 65536-p)}, a 1 as {@code [65536-p, 65536)}. Then
 * {@code p += ((bit << 16) - p) * RATE[n] >> 16} with {@code RATE[n] = 65536 / (n + 2)}, {@code p} is
 * clamped to [32, 65504] and {@code n = min(n + 1, 30)}. Invariant: both outcomes have frequency
 * >= 32, so every decision is codable and a decoder's {@code target} lies in one of the two.
 *
 * <p><b>TREE and SLOW_TREE.</b> Each low byte as 8 decisions, most significant bit first, down a
 * binary tree (node 1, then {@code node = 2*node + bit}) with one state per (channel, high byte,
 * node). In SLOW_TREE every state starts with {@code n = 30} (a fixed rate of 1/32 from the start,
 * like {@link LowByteCoder}: best for noise); in TREE with {@code n = 0} (fast learning: best when only
 * a few low bytes occur per high byte, e.g. 12-bit data scaled to 16 bits, or resized 8-bit images).
 *
 * <p><b>SPATIAL.</b> Per sample, with {@code c} its channel:
 * <ol>
 *   <li><b>Neighbours</b> (same channel, full values V): if {@code y > 0}: {@code N} above,
 *       {@code NW} (= N when x = 0), {@code NE} (= N when x = w-1), {@code W} (= N when x = 0); else if
 *       {@code x > 0}: {@code W} left and {@code N = NW = NE = W}; else (first pixel)
 *       {@code W = N = NW = NE = H*256 + 128}. Likewise the neighbours' stored error magnitudes
 *       {@code eW, eN} (0 for the first pixel; when y = 0, eN = eW; when x = 0, eW = eN) and hit bits
 *       {@code hW, hN} (1 for the first pixel, same substitutions).</li>
 *   <li><b>Prediction</b> {@code P} = MED: {@code min(W,N)} if {@code NW >= max(W,N)},
 *       {@code max(W,N)} if {@code NW <= min(W,N)}, else {@code W + N - NW}.</li>
 *   <li><b>Context</b>: {@code act = |W-NW| + |N-NW| + |N-NE| + eW + eN}; {@code q} = bit length of
 *       {@code act} (0 for 0), at most 13; {@code ctx = c*14 + q}.</li>
 *   <li><b>Bias</b>: per {@code bctx = c*14 + q'} ({@code q'} as q but of {@code act - eW - eN}) a sum {@code S} and count {@code C} (initially 0):
 *       {@code P16 = 16*P + (C == 0 ? 0 : 16*S / C)}; {@code center = (P16 + 8) >> 4};
 *       {@code plusFirst = P16 >= 16*center}; {@code predLo = clamp(center - 256*H, 0, 255)}.</li>
 *   <li><b>Candidate</b> {@code T}: the low byte last coded with this (channel, high byte); if none yet,
 *       by the channel's widening state (initially REPLICATE): REPLICATE gives {@code T = H}, ZERO
 *       gives {@code T = 0}, OTHER gives none. With a T, the decision "L == T" is coded first
 *       (1 = yes) with state {@code c*8 + hW + 2*hN + 4*(T from the table ? 1 : 0)}; yes ends the sample.</li>
 *   <li><b>Rank</b>: otherwise L is coded by its rank in the order of the 256 low bytes around predLo:
 *       {@code m = min(predLo, 255-predLo)}; rank 0 is predLo; rank {@code j <= 2m}: odd j is
 *       {@code predLo + (j+1)/2} if plusFirst else {@code predLo - (j+1)/2}; even j is
 *       {@code predLo - j/2} if plusFirst else {@code predLo + j/2}; rank {@code j > 2m} is
 *       {@code predLo + (j-m)} if {@code 255 - predLo > predLo} else {@code predLo - (j-m)}.
 *       The low bytes already seen with this (channel, high byte) form the set S (|S| = s). If
 *       {@code 0 < s < 256} the decision "L in S" is coded with state
 *       {@code ctx*4 + 2*[rank 0 in S] + [rank 1 in S]}; if s = 0 L is not in S, if s = 256 it is.
 *       Then {@code k} = the index of L among the members of its part (S, or the complement of size
 *       {@code 256 - s}) taken in rank order, for a part of {@code size} members: with
 *       {@code maxB} = bit length of {@code size - 1} and {@code b} = bit length of {@code k}, b in
 *       unary (decisions "b > j" for j = 0.. while 1 and j < maxB; state {@code ctx*8 + j}), then the
 *       {@code b-1} bits of {@code k} below its leading 1, most significant first: the first two with
 *       states {@code (ctx*9 + b)*4 + node} (node = 1, then 2 or 3: the bits so far with the leading 1),
 *       the others with states {@code (c*9 + b)*8 + bitPosition}. S and its complement have separate
 *       state arrays. A decoded {@code k >= size} is corrupt.</li>
 *   <li><b>Updates</b> (after every sample, hit or not): {@code e = clamp(V - P, -4095, 4095)};
 *       {@code S += e; C += 1}; when C reaches 64: {@code S = S / 2, C = 32}. The sample's error
 *       magnitude {@code min(|V - center|, 4095)} and hit bit {@code [T exists and L == T]} are
 *       stored for the row below and the pixel to the right; the table entry of (c, H) becomes L; L
 *       joins S; if {@code H != 0 or L != 0} the widening state becomes REPLICATE if L == H, else ZERO
 *       if L == 0, else OTHER.</li>
 * </ol>
 *
 * <p><b>Properties.</b> Images widened from 8 bits (L == H, or L == 0) cost a few bytes per stripe in
 * SPATIAL mode (every sample is a hit of T). Smooth 16-bit data (gradients) is predicted to within a
 * few units. Corrupt payloads raise only {@link CorruptStreamException}; the work is bounded by the
 * stripe size (at most 256 candidate steps and 17 decisions per sample). An exhausted stream decodes
 * as mode SPATIAL with every decision 0; the decoder simply continues decoding (no shortcut).
 */
final class PredictedLowByteCoder {
    /** log2 of the total of every binary decision's frequencies. */
    static final int PROB_BITS = 16;
    private static final int ONE = 1 << PROB_BITS;
    /** Smallest frequency of either outcome of a binary decision (out of {@link #ONE}). */
    static final int MIN_P = 32;
    /** Largest adaptation count: a probability moves by 1/(n+2) of the way to the outcome, n <= LIMIT. */
    static final int LIMIT = 30;
    static final int START = 2;
    private static final int[] RATE = new int[LIMIT + 1];
    private static final int INITIAL_STATE = (ONE / 2) << 8;

    static {
        for (int n = 0; n <= LIMIT; n++) {
            RATE[n] = ONE / (n + START);
        }
    }

    /** Number of activity classes. */
    static final int NQ = 14;

    static final int SPATIAL = 0;
    static final int TREE = 1;
    static final int SLOW_TREE = 2;
    /** The mode is the first symbol, uniform over 2^MODE_BITS values (3 is unused: corrupt). */
    static final int MODE_BITS = 2;

    private static final int REPLICATE = 0;
    private static final int ZERO = 1;
    private static final int OTHER = 2;

    private PredictedLowByteCoder() {
    }

    /** Encodes the low bytes of a stripe; returns the payload and the ideal code length in bits. */
    static StripeCoder.Encoded encode(Raster low, Raster high, float[] bitsPerPixel) {
        int pixels = high.width() * high.height();
        StripeCoder.Encoded best = null;
        float[] bestBits = null;
        for (int mode = SPATIAL; mode <= SLOW_TREE; mode++) {
            float[] bits = bitsPerPixel == null ? null : new float[pixels];
            StripeCoder.Encoded e = encode(low, high, bits, mode);
            if (best == null || e.payload().length < best.payload().length) {
                best = e;
                bestBits = bits;
            }
        }
        if (bitsPerPixel != null) {
            for (int p = 0; p < pixels; p++) {
                bitsPerPixel[p] += bestBits[p];
            }
        }
        return best;
    }

    /** Encodes in the given mode ({@link #SPATIAL}, {@link #TREE} or {@link #SLOW_TREE}), mode included. */
    static StripeCoder.Encoded encode(Raster low, Raster high, float[] bitsPerPixel, int mode) {
        Coder k = new Coder(new RangeEncoder(), null);
        k.enc.encode(mode, 1, MODE_BITS);
        double total = MODE_BITS + (mode == SPATIAL
                ? k.run(low.samples(), high.samples(), high.width(), high.height(), high.channels(), bitsPerPixel)
                : k.runTree(low.samples(), high.samples(), high.channels(), mode == SLOW_TREE, bitsPerPixel));
        if (bitsPerPixel != null) {
            bitsPerPixel[0] += MODE_BITS;
        }
        return new StripeCoder.Encoded(k.enc.finish(), total);
    }

    /**
     * Decodes the low bytes of a stripe whose high bytes are {@code high}; {@code strictEnd} as in
     * {@link StripeCoder}.
     */
    static Raster decode(byte[] payload, int offset, int length, Raster high, boolean strictEnd) {
        Raster low = new Raster(high.width(), high.height(), high.channels());
        RangeDecoder dec = new RangeDecoder(payload, offset, length, strictEnd);
        Coder k = new Coder(null, dec);
        int mode = dec.target(MODE_BITS);
        dec.consume(mode, 1);
        if (mode == SPATIAL) {
            k.run(low.samples(), high.samples(), high.width(), high.height(), high.channels(), null);
        } else if (mode == TREE || mode == SLOW_TREE) {
            k.runTree(low.samples(), high.samples(), high.channels(), mode == SLOW_TREE, null);
        } else {
            throw new CorruptStreamException("unknown low-byte mode " + mode);
        }
        dec.checkEnd();
        return low;
    }

    /** The model and the binary coder, shared by encoding and decoding so that both do the same. */
    private static final class Coder {
        final RangeEncoder enc;
        final RangeDecoder dec;
        final boolean decoding;
        /** Encoder only: product of the probabilities of the decisions since the last flush. */
        double prod = 1;

        Coder(RangeEncoder enc, RangeDecoder dec) {
            this.enc = enc;
            this.dec = dec;
            this.decoding = dec != null;
        }

        /** Codes (or decodes) one binary decision with the adaptive state {@code s[idx]}; returns the bit. */
        int bit(int[] s, int idx, int bit) {
            return code(s[idx] >>> 8, bit, s, idx, null, 0);
        }

        /**
         * Codes one binary decision with frequency {@code p1} of a 1 (out of {@link #ONE}, within
         * [MIN_P, ONE - MIN_P]); then updates {@code s[idx]} and, when {@code s2} is not null, {@code s2[idx2]}.
         */
        int code(int p1, int bit, int[] s, int idx, int[] s2, int idx2) {
            int p0 = ONE - p1;
            if (decoding) {
                if (dec.target(PROB_BITS) < p0) {
                    dec.consume(0, p0);
                    bit = 0;
                } else {
                    dec.consume(p0, p1);
                    bit = 1;
                }
            } else if (bit == 0) {
                enc.encode(0, p0, PROB_BITS);
                prod *= p0 * (1.0 / ONE);
            } else {
                enc.encode(p0, p1, PROB_BITS);
                prod *= p1 * (1.0 / ONE);
            }
            update(s, idx, bit);
            if (s2 != null) {
                update(s2, idx2, bit);
            }
            return bit;
        }

        private static void update(int[] s, int idx, int bit) {
            int st = s[idx];
            int p1 = st >>> 8;
            int n = st & 0xFF;
            p1 += (((bit << PROB_BITS) - p1) * RATE[n]) >> PROB_BITS;
            if (p1 < MIN_P) {
                p1 = MIN_P;
            } else if (p1 > ONE - MIN_P) {
                p1 = ONE - MIN_P;
            }
            if (n < LIMIT) {
                n++;
            }
            s[idx] = p1 << 8 | n;
        }

        private static int val(byte[] hi, byte[] lo, int j) {
            return (hi[j] & 0xFF) << 8 | (lo[j] & 0xFF);
        }

        private static int quantize(int a) {
            int q = 32 - Integer.numberOfLeadingZeros(a);
            return q < NQ ? q : NQ - 1;
        }

        int[] unaryS;
        int[] unaryU;
        int[] mantS;
        int[] mantU;
        int[] restS;
        int[] restU;
        int[] setFlags;

        private static int[] states(int n) {
            int[] s = new int[n];
            java.util.Arrays.fill(s, INITIAL_STATE);
            return s;
        }

        /** Mode TREE: each low byte MSB first down a binary tree of states per (channel, high byte). */
        double runTree(byte[] lo, byte[] hi, int ch, boolean slow, float[] bitsPerPixel) {
            // one tree per (channel, high byte), made when that high byte first occurs: a stripe's cost stays
            // proportional to its samples (a file of many tiny stripes cannot make each fill 2^16 states)
            int[][] trees = new int[ch * 256][];
            int initial = slow ? INITIAL_STATE | LIMIT : INITIAL_STATE;
            double total = 0;
            for (int i = 0; i < lo.length; i++) {
                int key = (i % ch) * 256 + (hi[i] & 0xFF);
                int[] tree = trees[key];
                if (tree == null) {
                    tree = new int[256];
                    java.util.Arrays.fill(tree, initial);
                    trees[key] = tree;
                }
                int v = decoding ? 0 : lo[i] & 0xFF;
                int node = 1;
                for (int b = 7; b >= 0; b--) {
                    node = node << 1 | bit(tree, node, v >>> b & 1);
                }
                if (decoding) {
                    lo[i] = (byte) node;
                } else {
                    double bits = -StrictMath.log(prod) * INV_LN2;
                    prod = 1;
                    total += bits;
                    if (bitsPerPixel != null) {
                        bitsPerPixel[i / ch] += (float) bits;
                    }
                }
            }
            return total;
        }

        double run(byte[] lo, byte[] hi, int w, int h, int ch, float[] bitsPerPixel) {
            int rowS = w * ch;
            int[] errPrev = new int[rowS];
            int[] errCur = new int[rowS];
            byte[] hitPrev = new byte[rowS];
            byte[] hitCur = new byte[rowS];
            int[] table = new int[ch * 256];
            java.util.Arrays.fill(table, -1);
            int[] widen = new int[ch];
            int nb = ch * NQ;
            int[] biasSum = new int[nb];
            int[] biasCnt = new int[nb];
            int[] flags = new int[ch * 8];
            long[] seen = new long[ch * 256 * 4];
            int[] seenCount = new int[ch * 256];
            unaryS = states(nb * 8);
            unaryU = states(nb * 8);
            mantS = states(nb * 9 * 4);
            mantU = states(nb * 9 * 4);
            restS = states(ch * 9 * 8);
            restU = states(ch * 9 * 8);
            setFlags = states(nb * 4);
            java.util.Arrays.fill(flags, INITIAL_STATE);
            double total = 0;
            for (int y = 0; y < h; y++) {
                int[] te = errPrev;
                errPrev = errCur;
                errCur = te;
                byte[] th = hitPrev;
                hitPrev = hitCur;
                hitCur = th;
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < ch; c++) {
                        int i = (y * w + x) * ch + c;
                        int r = x * ch + c;
                        int hb = hi[i] & 0xFF;
                        int base = hb << 8;
                        int W;
                        int N;
                        int NW;
                        int NE;
                        int eW;
                        int eN;
                        int hW;
                        int hN;
                        if (y > 0) {
                            N = val(hi, lo, i - rowS);
                            NW = x > 0 ? val(hi, lo, i - rowS - ch) : N;
                            NE = x < w - 1 ? val(hi, lo, i - rowS + ch) : N;
                            W = x > 0 ? val(hi, lo, i - ch) : N;
                            eN = errPrev[r];
                            hN = hitPrev[r];
                            eW = x > 0 ? errCur[r - ch] : eN;
                            hW = x > 0 ? hitCur[r - ch] : hN;
                        } else if (x > 0) {
                            W = val(hi, lo, i - ch);
                            N = W;
                            NW = W;
                            NE = W;
                            eW = errCur[r - ch];
                            eN = eW;
                            hW = hitCur[r - ch];
                            hN = hW;
                        } else {
                            W = base | 128;
                            N = W;
                            NW = W;
                            NE = W;
                            eW = 0;
                            eN = 0;
                            hW = 1;
                            hN = 1;
                        }
                        // MED
                        int pred;
                        int mx = Math.max(W, N);
                        int mn = Math.min(W, N);
                        if (NW >= mx) {
                            pred = mn;
                        } else if (NW <= mn) {
                            pred = mx;
                        } else {
                            pred = W + N - NW;
                        }
                        int act = Math.abs(W - NW) + Math.abs(N - NW) + Math.abs(N - NE) + eW + eN;
                        int q = quantize(act);
                        int ctx = c * NQ + q;
                        int bctx = c * NQ + quantize(act - eW - eN);
                        int cnt = biasCnt[bctx];
                        int p16 = pred * 16 + (cnt == 0 ? 0 : biasSum[bctx] * 16 / cnt);
                        int center = (p16 + 8) >> 4;
                        boolean plusFirst = p16 >= center * 16;
                        int predLo = center - base;
                        if (predLo < 0) {
                            predLo = 0;
                        } else if (predLo > 255) {
                            predLo = 255;
                        }
                        // the candidate from the high byte
                        int t = table[c * 256 + hb];
                        int fromTable = 1;
                        if (t < 0) {
                            fromTable = 0;
                            t = widen[c] == REPLICATE ? hb : widen[c] == ZERO ? 0 : -1;
                        }
                        int v = decoding ? 0 : lo[i] & 0xFF;
                        boolean hit = false;
                        if (t >= 0) {
                            int f = c * 8 + hW + 2 * hN + 4 * fromTable;
                            hit = bit(flags, f, !decoding && v == t ? 1 : 0) == 1;
                        }
                        if (hit) {
                            v = t;
                        } else {
                            v = codeRank(v, predLo, plusFirst, ctx, c, seen, (c * 256 + hb) * 4,
                                    seenCount[c * 256 + hb]);
                        }
                        if (decoding) {
                            lo[i] = (byte) v;
                        }
                        int full = base | v;
                        int err = full - pred;
                        if (err > 4095) {
                            err = 4095;
                        } else if (err < -4095) {
                            err = -4095;
                        }
                        biasSum[bctx] += err;
                        if (++biasCnt[bctx] == 64) {
                            biasSum[bctx] /= 2;
                            biasCnt[bctx] = 32;
                        }
                        int ae = Math.abs(full - center);
                        errCur[r] = ae < 4095 ? ae : 4095;
                        hitCur[r] = (byte) (v == t ? 1 : 0);
                        table[c * 256 + hb] = v;
                        int sb = (c * 256 + hb) * 4 + (v >> 6);
                        if ((seen[sb] >>> v & 1) == 0) {
                            seen[sb] |= 1L << v;
                            seenCount[c * 256 + hb]++;
                        }
                        if (hb != 0 || v != 0) {
                            widen[c] = v == hb ? REPLICATE : v == 0 ? ZERO : OTHER;
                        }
                        if (!decoding) {
                            double bits = -StrictMath.log(prod) * INV_LN2;
                            prod = 1;
                            total += bits;
                            if (bitsPerPixel != null) {
                                bitsPerPixel[i / ch] += (float) bits;
                            }
                        }
                    }
                }
            }
            return total;
        }

        /** The low byte of rank {@code j} in the order around {@code predLo} (nearest first). */
        private static int candidate(int j, int predLo, int m, boolean plusFirst, boolean upward) {
            int d;
            if (j == 0) {
                d = 0;
            } else if (j > 2 * m) {
                d = upward ? j - m : -(j - m);
            } else if ((j & 1) == 1) {
                d = plusFirst ? (j + 1) / 2 : -(j + 1) / 2;
            } else {
                d = plusFirst ? -j / 2 : j / 2;
            }
            return predLo + d;
        }

        /** Codes low byte {@code v} (encoder) by its rank around {@code predLo}; returns it. */
        private int codeRank(int v, int predLo, boolean plusFirst, int ctx, int c, long[] seen, int sb,
                             int seenCount) {
            int m = Math.min(predLo, 255 - predLo);
            boolean upward = 255 - predLo > predLo;
            int inS;
            if (seenCount == 0) {
                inS = 0;
            } else if (seenCount == 256) {
                inS = 1;
            } else {
                int c0 = predLo;
                int c1 = candidate(1, predLo, m, plusFirst, upward);
                int s0 = (int) (seen[sb + (c0 >> 6)] >>> c0) & 1;
                int s1 = (int) (seen[sb + (c1 >> 6)] >>> c1) & 1;
                int x = decoding ? 0 : (int) (seen[sb + (v >> 6)] >>> v) & 1;
                inS = bit(setFlags, ctx * 4 + s0 * 2 + s1, x);
            }
            int size = inS == 1 ? seenCount : 256 - seenCount;
            int k = 0;
            if (!decoding) {
                for (int j = 0; ; j++) {
                    int cj = candidate(j, predLo, m, plusFirst, upward);
                    if (cj == v) {
                        break;
                    }
                    if (((int) (seen[sb + (cj >> 6)] >>> cj) & 1) == inS) {
                        k++;
                    }
                }
            }
            k = codeIndex(k, size, inS == 1 ? unaryS : unaryU, inS == 1 ? mantS : mantU,
                    inS == 1 ? restS : restU, ctx, c);
            if (!decoding) {
                return v;
            }
            for (int j = 0; j < 256; j++) {
                int cj = candidate(j, predLo, m, plusFirst, upward);
                if (((int) (seen[sb + (cj >> 6)] >>> cj) & 1) == inS && k-- == 0) {
                    return cj;
                }
            }
            throw new AssertionError();
        }

        /** Codes index {@code k} (encoder) of a set of {@code size} >= 1 candidates; returns it. */
        private int codeIndex(int k, int size, int[] unary, int[] mant, int[] rest, int ctx, int c) {
            int maxB = 32 - Integer.numberOfLeadingZeros(size - 1);
            int b = 32 - Integer.numberOfLeadingZeros(k);
            int ub = ctx * 8;
            int nb = 0;
            while (nb < maxB && bit(unary, ub + nb, nb < b ? 1 : 0) == 1) {
                nb++;
            }
            b = nb;
            if (b == 0) {
                return 0;
            }
            int val = 1;
            int mb = (ctx * 9 + b) * 4;
            for (int pos = b - 2; pos >= 0; pos--) {
                int bitIn = k >>> pos & 1;
                int got;
                if (b - 2 - pos < 2) {
                    got = bit(mant, mb + (val & 3), bitIn);
                } else {
                    got = bit(rest, (c * 9 + b) * 8 + pos, bitIn);
                }
                val = val << 1 | got;
            }
            if (val >= size) {
                throw new CorruptStreamException("low-byte index out of range");
            }
            return val;
        }
    }

    private static final double INV_LN2 = 1.0 / StrictMath.log(2.0);
}
