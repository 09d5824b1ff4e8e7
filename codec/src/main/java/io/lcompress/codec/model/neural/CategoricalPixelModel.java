package io.lcompress.codec.model.neural;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.QuantizedCategorical;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.FrequencyPredictor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A learned pixel model with a 256-way categorical head (PixelRNN style): the same trunk as
 * {@link NeuralPixelModel} ({@link ContextFeatures}, {@link DenseNetwork}), but the network writes one
 * logit per sample value and channel, and the coder's frequencies are the quantized softmax of those
 * logits ({@link QuantizedCategorical}, over the alphabet's levels only, floor 1 per symbol, total 2^20).
 *
 * <h2>Output head 2</h2>
 * For channel c, {@code o[256c .. 256c + 255]} are the logits {@code a_c[k]} of the values k; for RGB,
 * {@code o[768]}, {@code o[769]}, {@code o[770]} are the coupling pre-activations
 * {@code beta_GR, beta_BR, beta_BG}. R is coded from {@code a_R} as is. G and B are conditioned on the
 * earlier channels of the same pixel by an <em>exponential tilt normalized by the variance</em>:
 * <pre>
 *   k'  = (k - 127.5) / 127.5,  r' = (R - 127.5) / 127.5,  g' = (G - 127.5) / 127.5
 *   t_G = tanh(beta_GR) * r'
 *   t_B = tanh(beta_BR) * r' + tanh(beta_BG) * g'
 *   p   = softmax(a_c)                          (over all 256 values)
 *   v   = Var_p[k'] + EPS                       (EPS = 1 / 127.5^2, one level squared)
 *   logit_c[k] = a_c[k] + (t_c / v) * k'
 * </pre>
 * Why this form: for a Gaussian-shaped {@code a} (log-density {@code -(k' - mu)^2 / (2 s^2)}), adding
 * {@code tau * k'} moves the mean by exactly {@code tau * s^2} and keeps the shape; dividing the tilt by
 * the variance makes that shift {@code t_c * Var / (Var + EPS)}: {@code t_c} itself for any prediction
 * wider than a few levels, independently of how sharp it is (EPS only keeps a one-level spike from an
 * unbounded tilt: {@code |t_c / v| <= 2 / EPS}). So
 * {@code tanh(beta)} has exactly the meaning of the mixture's coupling coefficients (G's mean moves by
 * {@code tanh(alpha) (R - 127.5)}, {@link NeuralPixelModel}), and the network does not have to output
 * tilts spanning three orders of magnitude (a sharp prediction, s = 2 levels, would need a plain tilt of
 * several thousand to follow R). For any other shape the tilt is still an exact exponential-family
 * conditioning (it reweights {@code p} by {@code exp(tau k')}), and the 256 free logits can represent
 * multi-modal or flat distributions that the mixture cannot.
 *
 * <p>Arithmetic (double, this order): {@code a} is sanitized as in {@link QuantizedCategorical#sanitize};
 * {@code mx = max a}; {@code e_k = exp(a_k - mx)}; {@code s0, s1, s2} are the left-to-right sums of
 * {@code e_k}, {@code e_k k'}, {@code (e_k k') k'}; {@code m = s1 / s0};
 * {@code var = s2 / s0 - m * m}, negative values set to 0; {@code v = var + EPS};
 * {@code u = t / v}; {@code logit[k] = a[k] + u * k'}. {@code exp} and {@code tanh} are
 * {@link Elementary#FIXED}: identical results everywhere. The training loss ({@code CategoricalLoss} in
 * module {@code model}) implements the same formulas.
 */
public final class CategoricalPixelModel implements FrequencyModel {
    /** Class-path resource of the shipped categorical network (84 -> 192 -> 192 -> 771). */
    public static final String RESOURCE = "/io/lcompress/codec/model/neural/categorical.lcw";
    /** Variance floor of the tilt's normalization: one level squared, in k' units. */
    public static final double EPS = 1.0 / (127.5 * 127.5);
    /** {@code k' = (k - 127.5) / 127.5} for k = 0..255. */
    private static final double[] KP = new double[256];

    static {
        for (int k = 0; k < 256; k++) {
            KP[k] = (k - 127.5) / 127.5;
        }
    }

    private final String name;
    private final WeightFile weights;
    private final long fingerprint;
    private final ContextFeatures features;
    private final DenseNetwork network;
    private final Elementary fn = Elementary.FIXED;

    private CategoricalPixelModel(String name, WeightFile weights, long weightFingerprint) {
        if (weights.head() != WeightFile.HEAD_CATEGORICAL) {
            throw new IllegalArgumentException("the network has a " + WeightFile.headName(weights.head())
                    + " head, not a categorical one");
        }
        this.name = name;
        this.weights = weights;
        long h = weightFingerprint * 0x9E3779B97F4A7C15L + fn.revision();
        this.fingerprint = h ^ (h >>> 29);
        this.features = new ContextFeatures(weights.featureSpec(), weights.channels());
        this.network = new DenseNetwork(weights);
    }

    /** Builds a model from the exact bytes of a weight file with head 2. */
    public static CategoricalPixelModel fromBytes(String name, byte[] bytes) throws IOException {
        WeightFile f = WeightFile.parse(bytes);
        if (f.head() != WeightFile.HEAD_CATEGORICAL) {
            throw new IOException("the network has a " + WeightFile.headName(f.head()) + " head, not a categorical one");
        }
        return new CategoricalPixelModel(name, f, NeuralPixelModel.fingerprintOf(bytes));
    }

    /** Builds a model from an in-memory weight set with head 2 (its serialized bytes define the fingerprint). */
    public static CategoricalPixelModel of(String name, WeightFile weights) {
        return new CategoricalPixelModel(name, weights, NeuralPixelModel.fingerprintOf(weights.toBytes()));
    }

    /**
     * A network embedded in the jar as a class-path resource; empty if the resource is absent.
     *
     * @throws UncheckedIOException if the resource exists but is not a valid categorical weight file
     */
    public static Optional<CategoricalPixelModel> loadResource(String name, String resource) {
        try (InputStream in = CategoricalPixelModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(fromBytes(name, WeightFile.readBounded(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("embedded model " + resource + " is corrupt: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** Hash of the weight-file bytes mixed with the revision of {@link Elementary#FIXED}. */
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

    /** Multiply-adds per pixel of the dense layers (upper bound; zero inputs are skipped). */
    public long multiplyAddsPerPixel() {
        return weights.multiplyAdds();
    }

    /** Public forward pass for tools and tests: features in, raw head outputs out. */
    public float[] forward(float[] in) {
        return network.forward(in);
    }

    /**
     * The 256 logits of channel {@code c} (indexed by value) from the raw head outputs {@code o}, given
     * the true earlier samples of the pixel ({@code r} for c >= 1, {@code g} for c = 2), exactly as the
     * predictor computes them (see the class comment).
     */
    public static void headToLogits(float[] o, int channels, int c, int r, int g, double[] logits, Elementary fn) {
        int base = c * 256;
        if (channels != 3 || c == 0) {
            for (int k = 0; k < 256; k++) {
                logits[k] = QuantizedCategorical.sanitize(o[base + k]);
            }
            return;
        }
        double rp = (r - 127.5) / 127.5;
        double t;
        if (c == 1) {
            t = fn.tanh(o[768]) * rp;
        } else {
            double gp = (g - 127.5) / 127.5;
            t = fn.tanh(o[769]) * rp + fn.tanh(o[770]) * gp;
        }
        double mx = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 256; k++) {
            double a = QuantizedCategorical.sanitize(o[base + k]);
            logits[k] = a;
            if (a > mx) {
                mx = a;
            }
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        for (int k = 0; k < 256; k++) {
            double e = fn.exp(logits[k] - mx);
            double ek = e * KP[k];
            s0 += e;
            s1 += ek;
            s2 += ek * KP[k];
        }
        double m = s1 / s0;
        double var = s2 / s0 - m * m;
        if (!(var > 0)) {
            var = 0;
        }
        double u = t / (var + EPS);
        if (Double.isNaN(u)) {
            u = 0;   // NaN coupling output: no tilt
        }
        for (int k = 0; k < 256; k++) {
            logits[k] = logits[k] + u * KP[k];
        }
    }

    @Override
    public Predictor newFrequencyPredictor(Raster raster) {
        if (!supportsChannels(raster.channels())) {
            throw new IllegalArgumentException("model " + name + " codes " + weights.channels()
                    + "-channel images, not " + raster.channels());
        }
        return new Predictor(raster);
    }

    /** Per-raster state: features and network outputs of the current pixel. */
    public final class Predictor implements FrequencyPredictor {
        private final Raster raster;
        private final float[] in = new float[network.inputs()];
        private final float[] out = new float[network.outputs()];
        private final DenseNetwork.Scratch scratch = network.newScratch();
        private final double[] logits = new double[256];
        private final QuantizedCategorical table = new QuantizedCategorical(fn);
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

        /** The quantized table of channel {@code c} over {@code alphabet} (valid until the next call). */
        public QuantizedCategorical table(int c, Alphabet alphabet) {
            int r = c >= 1 ? raster.get(x, y, 0) : 0;
            int g = c >= 2 ? raster.get(x, y, 1) : 0;
            headToLogits(out, channels, c, r, g, logits, fn);
            return table.set(logits, alphabet);
        }

        @Override
        public void frequencies(int c, Alphabet alphabet, int[] cumulative) {
            table(c, alphabet).cumulative(cumulative);
        }
    }
}
