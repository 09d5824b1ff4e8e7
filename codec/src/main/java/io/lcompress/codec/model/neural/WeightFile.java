package io.lcompress.codec.model.neural;

import io.lcompress.codec.mixture.ComponentBudget;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The weights of a learned pixel network and their binary file format ({@code .lcw}): a
 * {@link NeuralPixelModel} (head 1, logistic mixture), a {@link CategoricalPixelModel} (head 2, 256-way
 * categorical) or the network of the two-level {@code BilevelPixelModel} (head 3, Bernoulli, feature
 * spec 2). {@link NeuralNetworks#load} picks the family from the head byte.
 *
 * <h2>Layout (version 1), all integers and floats big-endian</h2>
 * <pre>
 *  offset  size  field
 *  0       4     magic "LCNW" (0x4C 0x43 0x4E 0x57)
 *  4       2     format version = 1
 *  6       2     feature spec id ({@link ContextFeatures#SPEC_CTX24_BORDER_MED} = 1; 2 = the binary template
 *                of the Bernoulli head, {@link io.lcompress.codec.model.bilevel.BinaryTemplate})
 *  8       1     channels (1 or 3)
 *  9       1     mixture components K (head 1: 1..16; how many fit the coder's budget depends on the mixer
 *                that uses the network, {@link ComponentBudget.Mixing}, checked by {@link #requireFits});
 *                head 2: 0, it has no mixture)
 *  10      1     hidden activation (1 = ReLU)
 *  11      1     output head: 1 = PixelCNN++ logistic mixture with linear channel coupling, see
 *                {@link NeuralPixelModel} ({@link #headOutputs}: 12K outputs for RGB, 3K per channel
 *                otherwise); 2 = 256-way categorical per channel with an exponential tilt coupling the
 *                channels, see {@link CategoricalPixelModel} (256 per channel, plus 3 for RGB); 3 =
 *                Bernoulli: one output, the logit of P(ink), with feature spec 2, 1 channel and K = 1,
 *                see {@link io.lcompress.codec.model.bilevel.BilevelNetwork}. Files written before heads
 *                2 and 3 existed all have head 1 and read as before.
 *  12      1     number of dense layers L (1..8)
 *  13      3     reserved, must be 0
 *  16      4(L+1) layer widths n_0 .. n_L as u32 (n_0 = feature count, n_L = head output count;
 *                each 1..4096)
 *  ...           for each layer l = 1..L: weights W_l as n_{l-1} x n_l float32, row-major
 *                (W[i][j] at i * n_l + j, input i to output j), then bias b_l as n_l float32
 *  end-4   4     CRC-32 (java.util.zip.CRC32) of every preceding byte
 * </pre>
 * Layer l computes {@code a_l[j] = b_l[j] + sum_i a_{l-1}[i] * W_l[i][j]}, followed by the hidden
 * activation for l &lt; L. Reading validates every field before allocating and rejects trailing bytes.
 */
public final class WeightFile {
    public static final int MAGIC = 0x4C434E57;   // "LCNW"
    public static final int VERSION = 1;
    public static final int ACTIVATION_RELU = 1;
    public static final int HEAD_LOGISTIC_MIXTURE_COUPLED = 1;
    /** Bernoulli head: one output, the logit of P(ink bit = 1); feature spec 2, one channel, K = 1. */
    public static final int HEAD_BERNOULLI = 3;
    /** 256 logits per channel and, for RGB, 3 tilt coefficients ({@link CategoricalPixelModel}). */
    public static final int HEAD_CATEGORICAL = 2;
    /** Levels of the categorical head per channel. */
    public static final int CATEGORICAL_LEVELS = 256;
    public static final int MAX_LAYERS = 8;
    public static final int MAX_WIDTH = 4096;
    /** Upper bound on the number of parameters (16 MB of floats). */
    public static final int MAX_PARAMETERS = 4 << 20;
    /** Upper bound on the file size accepted by the readers. */
    public static final int MAX_FILE_BYTES = 4 * MAX_PARAMETERS + 16 + 4 * (MAX_LAYERS + 1) + 4;
    private static final int HEADER_BYTES = 16;

    private final int featureSpec;
    private final int channels;
    private final int components;
    private final int activation;
    private final int head;
    private final int[] widths;
    private final float[][] weights;
    private final float[][] biases;

    /**
     * Creates a weight set; arrays are copied. {@code weights[l]} has {@code widths[l] * widths[l+1]}
     * entries (row-major, input-major), {@code biases[l]} has {@code widths[l+1]}.
     */
    public WeightFile(int featureSpec, int channels, int components, int activation, int head,
                      int[] widths, float[][] weights, float[][] biases) {
        this(featureSpec, channels, components, activation, head, widths.clone(), deepCopy(weights), deepCopy(biases), true);
    }

    private WeightFile(int featureSpec, int channels, int components, int activation, int head,
                       int[] widths, float[][] weights, float[][] biases, boolean validate) {
        this.featureSpec = featureSpec;
        this.channels = channels;
        this.components = components;
        this.activation = activation;
        this.head = head;
        this.widths = widths;
        this.weights = weights;
        this.biases = biases;
        validateArchitecture(featureSpec, channels, components, activation, head, widths);
        int layers = widths.length - 1;
        if (weights.length != layers || biases.length != layers) {
            throw new IllegalArgumentException("expected " + layers + " weight and bias arrays");
        }
        for (int l = 0; l < layers; l++) {
            if (weights[l].length != widths[l] * widths[l + 1]) {
                throw new IllegalArgumentException("layer " + (l + 1) + ": weights have " + weights[l].length
                        + " entries, expected " + widths[l] * widths[l + 1]);
            }
            if (biases[l].length != widths[l + 1]) {
                throw new IllegalArgumentException("layer " + (l + 1) + ": biases have " + biases[l].length
                        + " entries, expected " + widths[l + 1]);
            }
        }
    }

    private static float[][] deepCopy(float[][] a) {
        float[][] r = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
        }
        return r;
    }

    /** Output count of head 1 for the given channels and components. */
    public static int headOutputs(int channels, int components) {
        return channels == 3 ? 12 * components : 3 * components * channels;
    }

    /** Output count of {@code head} (1, 2 or 3) for the given channels and components (0 for head 2). */
    public static int headOutputs(int head, int channels, int components) {
        if (head == HEAD_BERNOULLI) {
            return 1;
        }
        if (head == HEAD_CATEGORICAL) {
            return CATEGORICAL_LEVELS * channels + (channels == 3 ? 3 : 0);
        }
        return headOutputs(channels, components);
    }

    /** The family a head id names, for messages: "logistic mixture", "categorical", "Bernoulli" or "head N". */
    public static String headName(int head) {
        return switch (head) {
            case HEAD_LOGISTIC_MIXTURE_COUPLED -> "logistic mixture";
            case HEAD_CATEGORICAL -> "categorical";
            case HEAD_BERNOULLI -> "Bernoulli";
            default -> "head " + head;
        };
    }

    private static void validateArchitecture(int featureSpec, int channels, int components, int activation,
                                             int head, int[] widths) {
        if (head == HEAD_BERNOULLI || featureSpec == io.lcompress.codec.model.bilevel.BinaryTemplate.SPEC_BINARY_TEMPLATE) {
            validateBernoulli(featureSpec, channels, components, activation, head, widths);
            return;
        }
        if (featureSpec != ContextFeatures.SPEC_CTX24_BORDER_MED) {
            throw new IllegalArgumentException("unsupported feature spec " + featureSpec);
        }
        if (!ContextFeatures.supportsChannels(channels)) {
            throw new IllegalArgumentException("unsupported channel count " + channels);
        }
        if (head != HEAD_LOGISTIC_MIXTURE_COUPLED && head != HEAD_CATEGORICAL) {
            throw new IllegalArgumentException("unsupported output head " + head);
        }
        if (head == HEAD_CATEGORICAL) {
            if (components != 0) {
                throw new IllegalArgumentException("a categorical head has no mixture components (K must be 0): " + components);
            }
        } else if (components < 1 || components > ComponentBudget.NETWORK_FORMAT) {
            throw new IllegalArgumentException("mixture components must be 1.." + ComponentBudget.NETWORK_FORMAT + ": " + components);
        }
        validateLayers(activation, widths);
        int in = ContextFeatures.sizeFor(channels);
        if (widths[0] != in) {
            throw new IllegalArgumentException("input width " + widths[0] + " does not match feature spec "
                    + featureSpec + " with " + channels + " channels (" + in + ")");
        }
        int out = headOutputs(head, channels, components);
        if (widths[widths.length - 1] != out) {
            throw new IllegalArgumentException("output width " + widths[widths.length - 1] + " does not match head "
                    + head + " (" + headName(head) + ") with " + channels + " channels and K=" + components + " (" + out + ")");
        }
    }

    /** What every head shares: ReLU, 1..MAX_LAYERS layers of widths 1..MAX_WIDTH, at most MAX_PARAMETERS. */
    private static void validateLayers(int activation, int[] widths) {
        if (activation != ACTIVATION_RELU) {
            throw new IllegalArgumentException("unsupported activation " + activation);
        }
        if (widths.length < 2 || widths.length > MAX_LAYERS + 1) {
            throw new IllegalArgumentException("layer count must be 1.." + MAX_LAYERS + ": " + (widths.length - 1));
        }
        long params = 0;
        for (int l = 0; l < widths.length; l++) {
            if (widths[l] < 1 || widths[l] > MAX_WIDTH) {
                throw new IllegalArgumentException("layer width " + l + " out of range 1.." + MAX_WIDTH + ": " + widths[l]);
            }
            if (l > 0) {
                params += (long) widths[l - 1] * widths[l] + widths[l];
            }
        }
        if (params > MAX_PARAMETERS) {
            throw new IllegalArgumentException("too many parameters: " + params);
        }
    }

    /** The architecture of head 3: spec 2, 1 channel, K = 1, ReLU, {@code SIZE -> ... -> 1}. */
    private static void validateBernoulli(int featureSpec, int channels, int components, int activation, int head,
                                          int[] widths) {
        if (head != HEAD_BERNOULLI || featureSpec != io.lcompress.codec.model.bilevel.BinaryTemplate.SPEC_BINARY_TEMPLATE) {
            throw new IllegalArgumentException("feature spec 2 goes with head 3 only (spec " + featureSpec
                    + ", head " + head + ")");
        }
        if (channels != 1 || components != 1) {
            throw new IllegalArgumentException("head 3 has 1 channel and K = 1: " + channels + ", " + components);
        }
        validateLayers(activation, widths);
        if (widths[0] != io.lcompress.codec.model.bilevel.BinaryTemplate.SIZE || widths[widths.length - 1] != 1) {
            throw new IllegalArgumentException("head 3 needs " + io.lcompress.codec.model.bilevel.BinaryTemplate.SIZE
                    + " inputs and 1 output: " + widths[0] + ", " + widths[widths.length - 1]);
        }
    }

    public int featureSpec() {
        return featureSpec;
    }

    public int channels() {
        return channels;
    }

    public int components() {
        return components;
    }

    /**
     * Refuses these weights for coding under {@code mixing} when their K would give mixtures over the
     * {@link ComponentBudget}: an IOException whose message states K, the mixer's components, the budget
     * and the largest K that fits.
     */
    public WeightFile requireFits(ComponentBudget.Mixing mixing) throws IOException {
        String over = mixing.overBudget(components);
        if (over != null) {
            throw new IOException("weight file " + over);
        }
        return this;
    }

    public int activation() {
        return activation;
    }

    public int head() {
        return head;
    }

    /** Layer widths n_0 .. n_L (copy). */
    public int[] widths() {
        return widths.clone();
    }

    public int layers() {
        return widths.length - 1;
    }

    /** Weights of layer l (0-based), row-major [in][out]; a copy. */
    public float[] weights(int l) {
        return weights[l].clone();
    }

    /** Biases of layer l (0-based); a copy. */
    public float[] biases(int l) {
        return biases[l].clone();
    }

    float[] weightsShared(int l) {
        return weights[l];
    }

    float[] biasesShared(int l) {
        return biases[l];
    }

    /** Multiply-adds of one forward pass (dense layers only). */
    public long multiplyAdds() {
        long m = 0;
        for (int l = 1; l < widths.length; l++) {
            m += (long) widths[l - 1] * widths[l];
        }
        return m;
    }

    public int parameterCount() {
        int p = 0;
        for (int l = 1; l < widths.length; l++) {
            p += widths[l - 1] * widths[l] + widths[l];
        }
        return p;
    }

    /** The exact file bytes. */
    public byte[] toBytes() {
        int size = HEADER_BYTES + 4 * widths.length + 4 * parameterCount() + 4;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
        b.putInt(MAGIC);
        b.putShort((short) VERSION);
        b.putShort((short) featureSpec);
        b.put((byte) channels);
        b.put((byte) components);
        b.put((byte) activation);
        b.put((byte) head);
        b.put((byte) (widths.length - 1));
        b.put((byte) 0).put((byte) 0).put((byte) 0);
        for (int w : widths) {
            b.putInt(w);
        }
        for (int l = 0; l < weights.length; l++) {
            for (float v : weights[l]) {
                b.putFloat(v);
            }
            for (float v : biases[l]) {
                b.putFloat(v);
            }
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, size - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    public void write(OutputStream out) throws IOException {
        out.write(toBytes());
    }

    /** Reads a whole weight file from a stream (at most {@link #MAX_FILE_BYTES}). */
    public static WeightFile read(InputStream in) throws IOException {
        return parse(readBounded(in));
    }

    /** Reads at most {@link #MAX_FILE_BYTES} bytes; longer input is an IOException. */
    public static byte[] readBounded(InputStream in) throws IOException {
        byte[] all = in.readNBytes(MAX_FILE_BYTES + 1);
        if (all.length > MAX_FILE_BYTES) {
            throw new IOException("weight file larger than " + MAX_FILE_BYTES + " bytes");
        }
        return all;
    }

    /**
     * Parses and validates the exact bytes of a weight file.
     *
     * @throws IOException if the bytes are not a valid version-1 weight file (bad magic, version,
     *                     architecture, length or checksum)
     */
    public static WeightFile parse(byte[] bytes) throws IOException {
        if (bytes.length < HEADER_BYTES + 8 + 4) {
            throw new IOException("weight file too short (" + bytes.length + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw new IOException(String.format("not a weight file (magic 0x%08X)", magic));
        }
        int version = b.getShort() & 0xFFFF;
        if (version != VERSION) {
            throw new IOException("unsupported weight file version " + version + " (supported: " + VERSION + ")");
        }
        int featureSpec = b.getShort() & 0xFFFF;
        int channels = b.get() & 0xFF;
        int components = b.get() & 0xFF;
        int activation = b.get() & 0xFF;
        int head = b.get() & 0xFF;
        int layers = b.get() & 0xFF;
        int r0 = b.get(), r1 = b.get(), r2 = b.get();
        if (r0 != 0 || r1 != 0 || r2 != 0) {
            throw new IOException("reserved header bytes are not zero");
        }
        if (layers < 1 || layers > MAX_LAYERS) {
            throw new IOException("layer count must be 1.." + MAX_LAYERS + ": " + layers);
        }
        if (bytes.length < HEADER_BYTES + 4 * (layers + 1) + 4) {
            throw new IOException("weight file truncated in the layer table");
        }
        int[] widths = new int[layers + 1];
        for (int l = 0; l <= layers; l++) {
            widths[l] = b.getInt();
        }
        try {
            validateArchitecture(featureSpec, channels, components, activation, head, widths);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid weight file: " + e.getMessage(), e);
        }
        long params = 0;
        for (int l = 1; l <= layers; l++) {
            params += (long) widths[l - 1] * widths[l] + widths[l];
        }
        long expected = HEADER_BYTES + 4L * (layers + 1) + 4 * params + 4;
        if (bytes.length != expected) {
            throw new IOException("weight file has " + bytes.length + " bytes, its header implies " + expected);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        if (stored != (int) crc.getValue()) {
            throw new IOException("weight file checksum mismatch (corrupt file)");
        }
        float[][] w = new float[layers][];
        float[][] bias = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = new float[widths[l] * widths[l + 1]];
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = b.getFloat();
            }
            bias[l] = new float[widths[l + 1]];
            for (int i = 0; i < bias[l].length; i++) {
                bias[l][i] = b.getFloat();
            }
        }
        for (int l = 0; l < layers; l++) {
            checkFinite(w[l], l);
            checkFinite(bias[l], l);
        }
        return new WeightFile(featureSpec, channels, components, activation, head, widths, w, bias, true);
    }

    private static void checkFinite(float[] a, int layer) throws IOException {
        for (float v : a) {
            if (!Float.isFinite(v)) {
                throw new IOException("non-finite parameter in layer " + (layer + 1));
            }
        }
    }

    @Override
    public String toString() {
        return "WeightFile{spec=" + featureSpec + ", head=" + head + ", channels=" + channels + ", K=" + components
                + ", widths=" + Arrays.toString(widths) + ", params=" + parameterCount() + "}";
    }
}
