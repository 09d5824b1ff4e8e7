package io.lcompress.codec.model.bilevel;

import io.lcompress.codec.arith.CorruptStreamException;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.FixedSigmoid;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.FrequencyPredictor;
import io.lcompress.codec.model.neural.NeuralPixelModel;
import io.lcompress.codec.model.neural.WeightFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The {@code bilevel} model: P(ink) of every pixel of a single-channel plane with exactly two levels (1-bit
 * grey images, binarized photos, scanned text), coded as a Bernoulli variable. Symbol 0 of the plane's
 * alphabet (its darker level) is ink (bit 1), symbol 1 paper (bit 0).
 *
 * <h2>Prediction of pixel (x, y), algorithm revision 1</h2>
 * The 33 ink bits of the {@link BinaryTemplate} (outside the stripe's raster: 0) give
 * <ol>
 *   <li>the network's logit z ({@link BilevelNetwork}, head 3), as a double, replaced by 0 when not
 *       finite and clamped to [-12, 12];</li>
 *   <li>three {@link AdaptiveBitTable}s, all entries starting at 1/2 for every stripe: A, 1024 contexts of
 *       10 pixels (row y-2: dx -1..1; row y-1: dx -2..2; row y: dx -2, -1), count limit 60; B, 65536
 *       contexts of 16 pixels (row y-2: dx -2..2; row y-1: dx -3..3; row y: dx -4..-1), limit 127;
 *       C, 2^20 entries addressed by the whole 33-bit template {@code T} (input 0 the most significant bit, input
 *       32 the least) as
 *       {@code (T * 0x9E3779B97F4A7C15) >>> 44}, limit 255 - a context's bits in that order, first listed
 *       = most significant;</li>
 *   <li>a {@link LogisticMixer} of the inputs {@code x = (z, stretch(A), stretch(B), stretch(C), 0.25)},
 *       initial weights (0.8, 0.15, 0.15, 0.15, 0), rate 0.005, with 32 weight sets chosen by the bits W
 *       (x-1, y), N (x, y-1), NW (x-1, y-1), NE (x+1, y-1) ({@code W*8 + N*4 + NW*2 + NE}) and whether B's
 *       context has seen fewer than 2 bits (+16).</li>
 * </ol>
 * The mixer's P (units of 2^-23) becomes the frequency of ink {@code f = (P + 4) >> 3} clamped to
 * {@code [1, 2^20 - 1]}, so both symbols are always codable whatever the network computes. After the pixel
 * is coded, the tables and the mixer learn its bit.
 *
 * <p>Only planes of two levels are coded with this model ({@link #supportsAlphabets}); a decoder meeting it
 * on a plane of more levels reports a corrupt stream. The fingerprint covers the weight bytes and the
 * algorithm revision.
 */
public final class BilevelPixelModel implements FrequencyModel {
    /** The shipped network's class-path resource. */
    public static final String RESOURCE = "/io/lcompress/codec/model/bilevel/bilevel.lcw";
    static final int REVISION = 1;
    static final double LOGIT_CLAMP = 12;
    static final double[] INITIAL_WEIGHTS = {0.8, 0.15, 0.15, 0.15, 0};
    static final double MIXER_RATE = 0.005;
    static final double BIAS_INPUT = 0.25;
    static final int[] A_POSITIONS = positions(new int[][]{{-2, -1, 1}, {-1, -2, 2}, {0, -2, -1}});
    static final int[] B_POSITIONS = positions(new int[][]{{-2, -2, 2}, {-1, -3, 3}, {0, -4, -1}});

    private final String name;
    private final BilevelNetwork network;
    private final long fingerprint;

    /** A model with the network of these weight-file bytes (head 3, spec 2). */
    public static BilevelPixelModel fromBytes(String name, byte[] bytes) throws IOException {
        WeightFile f = WeightFile.parse(bytes);
        if (f.head() != WeightFile.HEAD_BERNOULLI) {
            throw new IOException("weight file has output head " + f.head() + ", not the Bernoulli head ("
                    + WeightFile.HEAD_BERNOULLI + ")");
        }
        long h = NeuralPixelModel.fingerprintOf(bytes) * 0x9E3779B97F4A7C15L + 0x62696c6576656c00L + REVISION;
        return new BilevelPixelModel(name, new BilevelNetwork(f), h ^ (h >>> 31));
    }

    /** The shipped network as the model {@code name}; empty when the resource is absent. */
    public static Optional<BilevelPixelModel> loadResource(String name) {
        try (InputStream in = BilevelPixelModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(fromBytes(name, WeightFile.readBounded(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("embedded model " + RESOURCE + " is corrupt: " + e.getMessage(), e);
        }
    }

    private BilevelPixelModel(String name, BilevelNetwork network, long fingerprint) {
        this.name = name;
        this.network = network;
        this.fingerprint = fingerprint;
    }

    /** Template indices of the (dy, dxFrom, dxTo) runs, in order. */
    private static int[] positions(int[][] runs) {
        int n = 0;
        for (int[] r : runs) {
            n += r[2] - r[1] + 1;
        }
        int[] out = new int[n];
        int k = 0;
        for (int[] r : runs) {
            for (int dx = r[1]; dx <= r[2]; dx++) {
                out[k++] = templateIndex(dx, r[0]);
            }
        }
        return out;
    }

    static int templateIndex(int dx, int dy) {
        for (int k = 0; k < BinaryTemplate.SIZE; k++) {
            if (BinaryTemplate.DX[k] == dx && BinaryTemplate.DY[k] == dy) {
                return k;
            }
        }
        throw new IllegalArgumentException("(" + dx + ", " + dy + ") is not in the template");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean supportsChannels(int channels) {
        return channels == 1;
    }

    /** Exactly one channel whose alphabet has exactly two levels. */
    @Override
    public boolean supportsAlphabets(Alphabet[] alphabets) {
        return alphabets.length == 1 && alphabets[0] != null && alphabets[0].size() == 2;
    }

    @Override
    public Elementary elementary() {
        return Elementary.FIXED;
    }

    public BilevelNetwork network() {
        return network;
    }

    @Override
    public FrequencyPredictor newFrequencyPredictor(Raster raster) {
        if (raster.channels() != 1) {
            throw new IllegalArgumentException("model '" + name + "' codes single-channel planes");
        }
        return new Predictor(raster.width(), raster.height());
    }

    private static final int W = templateIndex(-1, 0);
    private static final int N = templateIndex(0, -1);
    private static final int NW = templateIndex(-1, -1);
    private static final int NE = templateIndex(1, -1);

    /** Per-stripe state: the ink bits so far, the tables, the mixer. */
    private final class Predictor implements FrequencyPredictor {
        private final int width;
        private final int height;
        private final byte[] bits;
        private final int[] t = new int[BinaryTemplate.SIZE];
        private final int[] set = new int[BinaryTemplate.SIZE];
        private final float[][] scratch = network.newScratch();
        private final AdaptiveBitTable a;
        private final AdaptiveBitTable b;
        private final AdaptiveBitTable c;
        private final LogisticMixer mixer = new LogisticMixer(5, 32, INITIAL_WEIGHTS, MIXER_RATE);
        private final double[] x = new double[5];
        private int ctxA;
        private int ctxB;
        private int ctxC;
        private int pos;
        private int dark = -1;      // the ink level, known from the first alphabet
        private boolean predicted;

        Predictor(int width, int height) {
            this.width = width;
            this.height = height;
            this.bits = new byte[width * height];
            // a stripe of few pixels (e.g. a hostile file's 1-row stripes) gets tables sized by its pixels
            int pixels = width * height;
            a = new AdaptiveBitTable(1 << A_POSITIONS.length, 60, pixels);
            b = new AdaptiveBitTable(1 << B_POSITIONS.length, 127, pixels);
            c = new AdaptiveBitTable(1 << 20, 255, pixels);
        }

        @Override
        public void beginPixel(int px, int py) {
            pos = py * width + px;
            predicted = false;
            int count = 0;
            long all = 0;
            for (int k = 0; k < BinaryTemplate.SIZE; k++) {
                int v = BinaryTemplate.bit(bits, width, height, px + BinaryTemplate.DX[k], py + BinaryTemplate.DY[k]);
                t[k] = v;
                all = all << 1 | v;
                if (v != 0) {
                    set[count++] = k;
                }
            }
            ctxA = pack(A_POSITIONS);
            ctxB = pack(B_POSITIONS);
            ctxC = (int) ((all * 0x9E3779B97F4A7C15L) >>> 44);
            double z = network.logit(set, count, scratch);
            if (!(z == z) || Double.isInfinite(z)) {
                z = 0;
            }
            x[0] = z < -LOGIT_CLAMP ? -LOGIT_CLAMP : z > LOGIT_CLAMP ? LOGIT_CLAMP : z;
            x[1] = a.stretch(ctxA);
            x[2] = b.stretch(ctxB);
            x[3] = c.stretch(ctxC);
            x[4] = BIAS_INPUT;
        }

        private int pack(int[] positions) {
            int v = 0;
            for (int k : positions) {
                v = v << 1 | t[k];
            }
            return v;
        }

        @Override
        public void frequencies(int channel, Alphabet alphabet, int[] cumulative) {
            if (alphabet.size() != 2) {
                throw new CorruptStreamException("model '" + name + "' codes planes of two levels; this one has "
                        + alphabet.size());
            }
            dark = alphabet.level(0);
            int s = t[W] << 3 | t[N] << 2 | t[NW] << 1 | t[NE] | (b.count(ctxB) < 2 ? 16 : 0);
            int p = mixer.mix(x, s);
            predicted = true;
            cumulative[0] = 0;
            cumulative[1] = inkFrequency(p);
            cumulative[2] = TOTAL;
        }

        @Override
        public void observe(int channel, int value) {
            int y = value == dark ? 1 : 0;
            bits[pos] = (byte) y;
            if (predicted) {
                mixer.update(x, y);
                a.update(ctxA, y);
                b.update(ctxB, y);
                c.update(ctxC, y);
            }
        }
    }

    /**
     * The frequency of ink for the mixer's P(ink) in units of 2^-23: {@code (p + 4) >> 3} clamped to
     * {@code [1, 2^20 - 1]}, so that both symbols keep a frequency of at least 1.
     */
    static int inkFrequency(int p) {
        int f = (p + 4) >> 3;
        return f < 1 ? 1 : f > FrequencyPredictor.TOTAL - 1 ? FrequencyPredictor.TOTAL - 1 : f;
    }

    @Override
    public String toString() {
        return name + " (bilevel: " + network.weights() + ")";
    }
}
