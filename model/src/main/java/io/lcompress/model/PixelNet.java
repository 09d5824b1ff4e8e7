package io.lcompress.model;

import io.lcompress.codec.model.neural.ContextFeatures;
import io.lcompress.codec.model.neural.WeightFile;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The DL4J network matching {@link io.lcompress.codec.model.neural.NeuralPixelModel} (likelihood dmol)
 * or {@link io.lcompress.codec.model.neural.CategoricalPixelModel} (likelihood categorical), and its
 * export: the same trunk, the family's head and loss.
 */
public final class PixelNet {
    private PixelNet() {
    }

    /** Layer widths of a mixture network: features, hidden..., head outputs. */
    public static int[] widths(int channels, int[] hidden, int components) {
        return widths(Likelihood.DMOL, channels, hidden, components);
    }

    /** Layer widths: features, hidden..., head outputs of the family. */
    public static int[] widths(Likelihood likelihood, int channels, int[] hidden, int components) {
        int[] w = new int[hidden.length + 2];
        w[0] = ContextFeatures.sizeFor(channels);
        System.arraycopy(hidden, 0, w, 1, hidden.length);
        w[w.length - 1] = likelihood.outputs(channels, components);
        return w;
    }

    /** A fresh mixture network (see {@link #build(Likelihood, int, int[], int, long, ISchedule)}). */
    public static MultiLayerNetwork build(int channels, int[] hidden, int components, long seed, ISchedule lr) {
        return build(Likelihood.DMOL, channels, hidden, components, seed, lr);
    }

    /**
     * A fresh, initialized network: ReLU dense layers, identity output, the family's loss
     * ({@link MixtureLoss} or {@link CategoricalLoss}), Adam.
     */
    public static MultiLayerNetwork build(Likelihood likelihood, int channels, int[] hidden, int components, long seed,
                                          ISchedule lr) {
        int[] w = widths(likelihood, channels, hidden, components);
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(lr))
                .list();
        for (int l = 0; l < hidden.length; l++) {
            b.layer(new DenseLayer.Builder().nIn(w[l]).nOut(w[l + 1])
                    .activation(Activation.RELU).weightInit(WeightInit.RELU).build());
        }
        b.layer(new OutputLayer.Builder(likelihood == Likelihood.CATEGORICAL
                ? new CategoricalLoss(channels) : new MixtureLoss(components, channels))
                .nIn(w[w.length - 2]).nOut(w[w.length - 1])
                .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * Sets the parameters of {@code net} (built by {@link #build}) from a weight file of the same family,
     * channels, K and layer widths: the inverse of {@link #export}.
     *
     * @throws IllegalArgumentException when the file does not fit the network
     */
    public static void load(MultiLayerNetwork net, WeightFile w, Likelihood likelihood, int channels, int components) {
        int layers = net.getnLayers();
        if (w.featureSpec() != ContextFeatures.SPEC_CTX24_BORDER_MED || w.channels() != channels
                || w.activation() != WeightFile.ACTIVATION_RELU
                || w.head() != likelihood.head || w.components() != likelihood.storedComponents(components)
                || w.layers() != layers) {
            throw new IllegalArgumentException("--init weights do not fit this network (" + w + ")");
        }
        for (int l = 0; l < layers; l++) {
            INDArray wm = net.getLayer(l).getParam("W");
            INDArray bm = net.getLayer(l).getParam("b");
            int nIn = (int) wm.size(0);
            int nOut = (int) wm.size(1);
            if (w.widths()[l] != nIn || w.widths()[l + 1] != nOut) {
                throw new IllegalArgumentException("--init weights: layer " + l + " is " + w.widths()[l] + "x"
                        + w.widths()[l + 1] + ", the network's " + nIn + "x" + nOut);
            }
            wm.assign(Nd4j.create(w.weights(l), new long[]{nIn, nOut}, 'c'));
            bm.assign(Nd4j.create(w.biases(l), bm.shape(), 'c'));
        }
    }

    /** Copies a mixture network's parameters into a weight file (row-major [in][out] weights). */
    public static WeightFile export(MultiLayerNetwork net, int channels, int components) {
        return export(net, Likelihood.DMOL, channels, components);
    }

    /**
     * Copies the network's parameters into a weight file (row-major [in][out] weights) whose head is the
     * family's ({@link Likelihood#head}; K = 0 for categorical).
     */
    public static WeightFile export(MultiLayerNetwork net, Likelihood likelihood, int channels, int components) {
        return export(net, ContextFeatures.SPEC_CTX24_BORDER_MED, channels, likelihood.storedComponents(components),
                likelihood.head);
    }

    /**
     * Copies the dense layers' parameters of {@code net} into a weight file of the given feature spec,
     * channels, stored K and head (row-major [in][out] weights): the export of every family.
     */
    public static WeightFile export(MultiLayerNetwork net, int featureSpec, int channels, int storedComponents,
                                    int head) {
        int layers = net.getnLayers();
        int[] widths = new int[layers + 1];
        float[][] ws = new float[layers][];
        float[][] bs = new float[layers][];
        for (int l = 0; l < layers; l++) {
            INDArray wm = net.getLayer(l).getParam("W");
            INDArray bm = net.getLayer(l).getParam("b");
            int nIn = (int) wm.size(0);
            int nOut = (int) wm.size(1);
            widths[l] = nIn;
            widths[l + 1] = nOut;
            float[] flat = new float[nIn * nOut];
            for (int i = 0; i < nIn; i++) {
                for (int j = 0; j < nOut; j++) {
                    flat[i * nOut + j] = wm.getFloat(i, j);
                }
            }
            ws[l] = flat;
            float[] bias = new float[nOut];
            for (int j = 0; j < nOut; j++) {
                bias[j] = bm.getFloat(j);
            }
            bs[l] = bias;
        }
        return new WeightFile(featureSpec, channels, storedComponents, WeightFile.ACTIVATION_RELU, head, widths, ws, bs);
    }
}
