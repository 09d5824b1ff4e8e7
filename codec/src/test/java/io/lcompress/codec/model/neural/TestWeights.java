package io.lcompress.codec.model.neural;

import java.util.Random;

/** Random weight sets for tests. */
final class TestWeights {
    private TestWeights() {
    }

    static WeightFile random(long seed, int channels, int components, int... hidden) {
        Random r = new Random(seed);
        int[] widths = new int[hidden.length + 2];
        widths[0] = ContextFeatures.sizeFor(channels);
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = WeightFile.headOutputs(channels, components);
        float[][] w = new float[widths.length - 1][];
        float[][] b = new float[widths.length - 1][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new float[widths[l] * widths[l + 1]];
            float scale = (float) Math.sqrt(2.0 / widths[l]);
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = (float) r.nextGaussian() * scale;
            }
            b[l] = new float[widths[l + 1]];
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = (float) r.nextGaussian() * 0.1f;
            }
        }
        return new WeightFile(ContextFeatures.SPEC_CTX24_BORDER_MED, channels, components,
                WeightFile.ACTIVATION_RELU, WeightFile.HEAD_LOGISTIC_MIXTURE_COUPLED, widths, w, b);
    }
}
