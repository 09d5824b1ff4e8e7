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
 * {@link DenseNetwork}: float, a fixed operation order set by the inputs alone, identical everywhere.
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
    /** The 256-wide network of the strongest levels (84-256-256-60, trained by model/train-wide.sh). */
    public static final String WIDE_RESOURCE = "/io/lcompress/codec/model/neural/wide.lcw";
    /** The small-image network of the strongest levels (the wide shape, trained on 32x32 images by model/train-small.sh). */
    public static final String SMALL_RESOURCE = "/io/lcompress/codec/model/neural/small.lcw";
    /**
     * The small-image network, second version: {@code small} fine-tuned with a warm restart, its best epoch
     * (model/finetune-small.sh).
     */
    public static final String SMALL2_RESOURCE = "/io/lcompress/codec/model/neural/small2.lcw";
    /** Added to the network's log-scale output (natural log, pixel units). */
    public static final double LOG_SCALE_OFFSET = 2.0;

    private final String name;
    private final WeightFile weights;
    private final long fingerprint;
    private final ContextFeatures features;
    private final DenseNetwork network;
    private final int k;
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
        this.network = new DenseNetwork(weights);
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
        requireMixtureHead(f);
        return new NeuralPixelModel(name, f, fingerprintOf(bytes), fn);
    }

    /** The same network computed with other elementary functions (a different model: new fingerprint). */
    public NeuralPixelModel with(Elementary other) {
        return new NeuralPixelModel(name, weights, weightFingerprint, other);
    }

    /** Builds a model from an in-memory weight set (its serialized bytes define the fingerprint). */
    public static NeuralPixelModel of(String name, WeightFile weights) {
        if (weights.head() != WeightFile.HEAD_LOGISTIC_MIXTURE_COUPLED) {
            throw new IllegalArgumentException(notMixture(weights));
        }
        return new NeuralPixelModel(name, weights, fingerprintOf(weights.toBytes()), Elementary.STRICT);
    }

    /** Refuses weights whose head is not the logistic mixture (head 1). */
    static void requireMixtureHead(WeightFile f) throws IOException {
        if (f.head() != WeightFile.HEAD_LOGISTIC_MIXTURE_COUPLED) {
            throw new IOException(notMixture(f));
        }
    }

    static String notMixture(WeightFile f) {
        return "the network has a " + WeightFile.headName(f.head()) + " head, not a logistic mixture";
    }

    /** Loads a weight file from disk (head 1 only; {@link NeuralNetworks#load} takes every head). */
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

    /** The dense-layer kernel in use ("scalar" or "vector N-bit"); results are identical either way. */
    public static String kernelName() {
        return DenseNetwork.kernelName();
    }

    /** Public forward pass for tools and tests: features in, raw head outputs out. */
    public float[] forward(float[] in) {
        return network.forward(in);
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
        private final float[] in = new float[network.inputs()];
        private final float[] out = new float[network.outputs()];
        private final DenseNetwork.Scratch scratch = network.newScratch();
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
            network.forward(in, out, scratch);
        }

        @Override
        public void predict(int c, LogisticMixture mix) {
            int r = c >= 1 ? raster.get(x, y, 0) : 0;
            int g = c >= 2 ? raster.get(x, y, 1) : 0;
            headToMixture(out, k, channels, c, r, g, mix, fn);
        }
    }
}
