package io.lcompress.model;

import io.lcompress.codec.model.neural.WeightFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parameter-wise mean of weight files of one shape (stochastic weight averaging, "model soups"):
 * the epochs of a training run at a low learning rate, averaged, often predict better than any one of
 * them. Every parameter is the float of {@code (sum in file order, in double) / n}.
 * <pre>
 * java -cp ... io.lcompress.model.AverageWeights OUT.lcw IN.lcw IN.lcw...
 * </pre>
 */
public final class AverageWeights {
    private AverageWeights() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: AverageWeights OUT.lcw IN.lcw IN.lcw...");
            System.exit(2);
        }
        List<WeightFile> in = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            in.add(WeightFile.parse(Files.readAllBytes(Path.of(args[i]))));
        }
        Files.write(Path.of(args[0]), average(in).toBytes());
        System.out.println("averaged " + in.size() + " weight files into " + args[0]);
    }

    /**
     * The mean of {@code files}, which must agree on feature spec, channels, K, activation, head and
     * widths.
     *
     * @throws IllegalArgumentException when they do not, or when there are none
     */
    public static WeightFile average(List<WeightFile> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing to average");
        }
        WeightFile f0 = files.get(0);
        for (WeightFile f : files) {
            if (f.featureSpec() != f0.featureSpec() || f.channels() != f0.channels()
                    || f.components() != f0.components() || f.activation() != f0.activation()
                    || f.head() != f0.head() || !Arrays.equals(f.widths(), f0.widths())) {
                throw new IllegalArgumentException("weight files of different shapes: " + f0 + " and " + f);
            }
        }
        int layers = f0.layers();
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = mean(files, l, true);
            b[l] = mean(files, l, false);
        }
        return new WeightFile(f0.featureSpec(), f0.channels(), f0.components(), f0.activation(), f0.head(),
                f0.widths(), w, b);
    }

    private static float[] mean(List<WeightFile> files, int layer, boolean weights) {
        double[] sum = null;
        for (WeightFile f : files) {
            float[] v = weights ? f.weights(layer) : f.biases(layer);
            if (sum == null) {
                sum = new double[v.length];
            }
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sum[i] / files.size());
        }
        return out;
    }
}
