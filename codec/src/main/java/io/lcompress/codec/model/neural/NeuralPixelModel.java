package io.lcompress.codec.model.neural;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.ComponentBudget;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.PixelPredictor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * A learned pixel model: an MLP over {@link ContextFeatures}, evaluated once per pixel in plain Java
 * float arithmetic with a fixed operation order, whose outputs parameterize one discretized logistic
 * mixture per channel (PixelCNN++ style).
 *
 * <h2>Forward pass</h2>
 * Layer l, in float: {@code acc = b_l}; let {@code i_0 < i_1 < ...} be the indices of the non-zero
 * inputs; for each group of four {@code (i_t .. i_t+3)}:
 * {@code acc[j] = acc[j] + ((W[i_t][j]*v_t + W[i_t+1][j]*v_t+1) + (W[i_t+2][j]*v_t+2 + W[i_t+3][j]*v_t+3))},
 * then for the remaining (fewer than four) inputs {@code acc[j] = acc[j] + W[i][j]*v}; then ReLU
 * ({@code acc > 0 ? acc : 0}) on hidden layers. The operation order is fixed by the inputs alone, so
 * results are identical everywhere (Java float arithmetic is IEEE, without implicit FMA).
 *
 * <h2>Output head 1 (K components, o = network output as float, converted to double)</h2>
 * For channel c the block {@code o[c*3K ..]} holds K logits, K means and K log-scales; for RGB,
 * {@code o[9K ..]}, {@code o[10K ..]}, {@code o[11K ..]} hold the coupling pre-activations
 * alpha, beta, gamma. In pixel units, for component k (with {@code t} the model's {@link Elementary} tanh:
 * {@code StrictMath.tanh} for the shipped {@code neural}, the fixed-sequence one for the newer models):
 * <pre>
 *   logit    = o_logit[k]
 *   logScale = o_scale[k] + 2.0              (the coder clamps it to [-7, 7])
 *   mean_R   = 127.5 + 127.5 * o_mean[k]
 *   mean_G   = 127.5 + 127.5 * o_mean[k] + t(alpha_k) * (R - 127.5)
 *   mean_B   = 127.5 + 127.5 * o_mean[k] + t(beta_k) * (R - 127.5) + t(gamma_k) * (G - 127.5)
 * </pre>
 * evaluated left to right in double, R and G being the true samples of the current pixel.
 * The training loss (module {@code model}) implements the same formulas.
 */
public final class NeuralPixelModel implements PixelModel {
    /** Class-path resource of the embedded default model. */
    public static final String DEFAULT_RESOURCE = "/io/lcompress/codec/model/neural/default.lcw";
    /** Class-path resource of the narrow network of the middle effort levels (84 -> 64 -> 64 -> 60). */
    public static final String NARROW_RESOURCE = "/io/lcompress/codec/model/neural/narrow.lcw";
    /** Added to the network's log-scale output (natural log, pixel units). */
    public static final double LOG_SCALE_OFFSET = 2.0;

    private final String name;
    private final WeightFile weights;
    private final long fingerprint;
    private final ContextFeatures features;
    private final int layers;
    private final int[] widths;
    private final float[][] w;
    private final float[][] b;
    private final int k;
    private final int maxWidth;
    private final Elementary fn;

    private final long weightFingerprint;

    private NeuralPixelModel(String name, WeightFile weights, long weightFingerprint, Elementary fn) {
        this.name = name;
        this.weights = weights;
        this.fn = fn;
        this.weightFingerprint = weightFingerprint;
        long fp = weightFingerprint;
        if (fn.revision() != 1) {
            long h = fp * 0x9E3779B97F4A7C15L + fn.revision();
            fp = h ^ (h >>> 29);
        }
        this.fingerprint = fp;
        this.features = new ContextFeatures(weights.featureSpec(), weights.channels());
        this.layers = weights.layers();
        this.widths = weights.widths();
        this.w = new float[layers][];
        this.b = new float[layers][];
        int mw = 0;
        for (int l = 0; l < layers; l++) {
            w[l] = weights.weightsShared(l);
            b[l] = weights.biasesShared(l);
        }
        for (int width : widths) {
            mw = Math.max(mw, width);
        }
        this.maxWidth = mw;
        this.k = weights.components();
    }

    /** Builds a model from the exact bytes of a weight file. */
    public static NeuralPixelModel fromBytes(String name, byte[] bytes) throws IOException {
        return fromBytes(name, bytes, Elementary.STRICT);
    }

    /**
     * Builds a model from the exact bytes of a weight file, computing its head with the given
     * elementary functions (the fingerprint covers their revision when it is not 1).
     */
    public static NeuralPixelModel fromBytes(String name, byte[] bytes, Elementary fn) throws IOException {
        WeightFile f = WeightFile.parse(bytes);
        if (f.head() != WeightFile.HEAD_LOGISTIC_MIXTURE_COUPLED) {
            throw new IOException("weight file has output head " + f.head() + ", not the logistic mixture (head "
                    + WeightFile.HEAD_LOGISTIC_MIXTURE_COUPLED + ")");
        }
        return new NeuralPixelModel(name, f, fingerprintOf(bytes), fn);
    }

    /** The same network computed with other elementary functions (a different model: new fingerprint). */
    public NeuralPixelModel with(Elementary other) {
        return new NeuralPixelModel(name, weights, weightFingerprint, other);
    }

    /** Builds a model from an in-memory weight set (its serialized bytes define the fingerprint). */
    public static NeuralPixelModel of(String name, WeightFile weights) {
        return new NeuralPixelModel(name, weights, fingerprintOf(weights.toBytes()), Elementary.STRICT);
    }

    /** Loads a weight file from disk. */
    public static NeuralPixelModel load(String name, Path file) throws IOException {
        long size = Files.size(file);
        if (size > WeightFile.MAX_FILE_BYTES) {
            throw new IOException(file + ": weight file larger than " + WeightFile.MAX_FILE_BYTES + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return fromBytes(name, WeightFile.readBounded(in));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a weight file to code under {@code mixing}: refuses, with the budget in the message, a file
     * whose K would give mixtures over the {@link ComponentBudget} (the coder would silently drop
     * components). Use this for anything that encodes; {@link #load(String, Path)} accepts every valid
     * file, so that files coded with an over-budget network before the budget was enforced still decode.
     */
    public static NeuralPixelModel load(String name, Path file, ComponentBudget.Mixing mixing) throws IOException {
        NeuralPixelModel m = load(name, file);
        try {
            m.weights.requireFits(mixing);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return m;
    }

    /** Loads a weight file from a stream (read fully, bounded). */
    public static NeuralPixelModel load(String name, InputStream in) throws IOException {
        return fromBytes(name, WeightFile.readBounded(in));
    }

    /**
     * The embedded default network (resource {@value #DEFAULT_RESOURCE}), named {@code neural} (the
     * registry wraps it in the {@code default} mixed model); empty if the resource is absent.
     *
     * @throws UncheckedIOException if the resource exists but is not a valid weight file
     */
    public static Optional<NeuralPixelModel> loadDefault() {
        return loadResource("neural", DEFAULT_RESOURCE);
    }

    /**
     * A network embedded in the jar as a class-path resource; empty if the resource is absent.
     *
     * @throws UncheckedIOException if the resource exists but is not a valid weight file
     */
    public static Optional<NeuralPixelModel> loadResource(String name, String resource) {
        return loadResource(name, resource, Elementary.STRICT);
    }

    /** As {@link #loadResource(String, String)}, computed with the given elementary functions. */
    public static Optional<NeuralPixelModel> loadResource(String name, String resource, Elementary fn) {
        return loadResource(name, resource, fn, ComponentBudget.Mixing.ALONE);
    }

    /**
     * As {@link #loadResource(String, String, Elementary)}, for a network that {@code mixing} (the most
     * demanding of the ways it is used) mixes: a K over that budget is a corrupt resource.
     */
    public static Optional<NeuralPixelModel> loadResource(String name, String resource, Elementary fn,
                                                          ComponentBudget.Mixing mixing) {
        try (InputStream in = NeuralPixelModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            NeuralPixelModel m = fromBytes(name, WeightFile.readBounded(in), fn);
            m.weights.requireFits(mixing);
            return Optional.of(m);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded model " + resource + " is corrupt: " + e.getMessage(), e);
        }
    }

    /** First 8 bytes (big-endian) of SHA-256 over the exact weight-file bytes. */
    public static long fingerprintOf(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            long f = 0;
            for (int i = 0; i < 8; i++) {
                f = (f << 8) | (d[i] & 0xFF);
            }
            return f;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
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
    public Elementary elementary() {
        return fn;
    }

    @Override
    public boolean supportsChannels(int channels) {
        return channels == weights.channels();
    }

    public WeightFile weights() {
        return weights;
    }

    public int components() {
        return k;
    }

    /** K, the components of every mixture the network writes. */
    @Override
    public int maxComponents() {
        return k;
    }

    /** Multiply-adds per pixel of the dense layers (upper bound; zero inputs are skipped). */
    public long multiplyAddsPerPixel() {
        return weights.multiplyAdds();
    }

    @Override
    public Predictor newPredictor(Raster raster) {
        if (!supportsChannels(raster.channels())) {
            throw new IllegalArgumentException("model " + name + " codes " + weights.channels()
                    + "-channel images, not " + raster.channels());
        }
        return new Predictor(raster);
    }

    /**
     * Evaluates the network on a feature vector (length {@code widths[0]}) into {@code out}
     * (length {@code widths[L]}); {@code scratch} needs two arrays of the largest width.
     */
    private static final DenseKernel KERNEL = DenseKernel.INSTANCE;

    /** The dense-layer kernel in use ("scalar" or "vector N-bit"); results are identical either way. */
    public static String kernelName() {
        return KERNEL.name();
    }

    void forward(float[] in, float[] out, float[] s0, float[] s1, int[] idx) {
        float[] src = in;
        for (int l = 0; l < layers; l++) {
            int nIn = widths[l];
            int nOut = widths[l + 1];
            float[] dst = l == layers - 1 ? out : ((l & 1) == 0 ? s0 : s1);
            float[] wl = w[l];
            System.arraycopy(b[l], 0, dst, 0, nOut);
            int nnz = 0;
            for (int i = 0; i < nIn; i++) {
                if (src[i] != 0f) {
                    idx[nnz++] = i;
                }
            }
            int t = 0;
            for (; t + 4 <= nnz; t += 4) {
                int i0 = idx[t];
                int i1 = idx[t + 1];
                int i2 = idx[t + 2];
                int i3 = idx[t + 3];
                float v0 = src[i0];
                float v1 = src[i1];
                float v2 = src[i2];
                float v3 = src[i3];
                int b0 = i0 * nOut;
                int b1 = i1 * nOut;
                int b2 = i2 * nOut;
                int b3 = i3 * nOut;
                KERNEL.accumulate4(dst, wl, b0, b1, b2, b3, v0, v1, v2, v3, nOut);
            }
            for (; t < nnz; t++) {
                int i0 = idx[t];
                float v0 = src[i0];
                int b0 = i0 * nOut;
                for (int j = 0; j < nOut; j++) {
                    dst[j] = dst[j] + wl[b0 + j] * v0;
                }
            }
            if (l < layers - 1) {
                for (int j = 0; j < nOut; j++) {
                    dst[j] = dst[j] > 0f ? dst[j] : 0f;
                }
            }
            src = dst;
        }
    }

    /** Public forward pass for tools and tests: features in, raw head outputs out. */
    public float[] forward(float[] in) {
        if (in.length != widths[0]) {
            throw new IllegalArgumentException("expected " + widths[0] + " inputs, got " + in.length);
        }
        float[] out = new float[widths[layers]];
        forward(in, out, new float[maxWidth], new float[maxWidth], new int[maxWidth]);
        return out;
    }

    /**
     * Converts raw head outputs into the mixture of channel c given the true earlier samples of the
     * pixel ({@code r} for c >= 1, {@code g} for c = 2), exactly as the predictor does.
     */
    public static void headToMixture(float[] o, int k, int channels, int c, int r, int g, LogisticMixture out) {
        headToMixture(o, k, channels, c, r, g, out, Elementary.STRICT);
    }

    /** As above, with {@code tanh} from the given elementary functions. */
    public static void headToMixture(float[] o, int k, int channels, int c, int r, int g, LogisticMixture out,
                                     Elementary fn) {
        out.setComponents(k);
        int base = c * 3 * k;
        double dr = r - 127.5;
        double dg = g - 127.5;
        for (int i = 0; i < k; i++) {
            out.logit[i] = o[base + i];
            out.logScale[i] = (double) o[base + 2 * k + i] + LOG_SCALE_OFFSET;
            double m = 127.5 + 127.5 * (double) o[base + k + i];
            if (channels == 3) {
                if (c == 1) {
                    m = m + fn.tanh(o[9 * k + i]) * dr;
                } else if (c == 2) {
                    m = m + fn.tanh(o[10 * k + i]) * dr + fn.tanh(o[11 * k + i]) * dg;
                }
            }
            out.mean[i] = m;
        }
    }

    /** Per-raster state: features and network outputs of the current pixel. */
    public final class Predictor implements PixelPredictor {
        private final Raster raster;
        private final float[] in = new float[widths[0]];
        private final float[] s0 = new float[maxWidth];
        private final float[] s1 = new float[maxWidth];
        private final float[] out = new float[widths[layers]];
        private final int[] idx = new int[maxWidth];
        private final int channels;
        private int x;
        private int y;

        Predictor(Raster raster) {
            this.raster = raster;
            this.channels = raster.channels();
        }

        @Override
        public void beginPixel(int x, int y) {
            this.x = x;
            this.y = y;
            features.compute(raster, x, y, in, 0);
            forward(in, out, s0, s1, idx);
        }

        @Override
        public void predict(int c, LogisticMixture mix) {
            int r = c >= 1 ? raster.get(x, y, 0) : 0;
            int g = c >= 2 ? raster.get(x, y, 1) : 0;
            headToMixture(out, k, channels, c, r, g, mix, fn);
        }
    }
}
