package io.lcompress.model;

import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.QuantizedCategorical;
import io.lcompress.codec.model.neural.CategoricalPixelModel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CategoricalLossTest {
    private static final int L = 256;

    /** Gaussian-shaped logits around each label (width s levels) plus noise, random couplings. */
    private static float[] outputs(Random r, float[] x, double s, double noise, double coupling) {
        float[] o = new float[3 * L + 3];
        for (int c = 0; c < 3; c++) {
            double mu = x[c] + r.nextGaussian() * s;
            for (int k = 0; k < L; k++) {
                double d = (k - mu) / s;
                o[c * L + k] = (float) (-0.5 * d * d + r.nextGaussian() * noise);
            }
        }
        for (int i = 0; i < 3; i++) {
            o[3 * L + i] = (float) (r.nextGaussian() * coupling);
        }
        return o;
    }

    @Test
    void outputsAreTheHeadsWidth() {
        assertEquals(771, new CategoricalLoss(3).outputs());
        assertEquals(256, new CategoricalLoss(1).outputs());
        assertEquals(771, Likelihood.CATEGORICAL.outputs(3, 5));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        CategoricalLoss loss = new CategoricalLoss(3);
        int n = loss.outputs();
        Random r = new Random(5);
        for (int trial = 0; trial < 12; trial++) {
            float[] x = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
            if (trial % 4 == 0) {
                x[0] = 0;
                x[1] = 255;
            }
            double s = trial % 3 == 0 ? 1.5 : (trial % 3 == 1 ? 6 : 30);
            float[] o = outputs(r, x, s, 0.3, 1.0);
            float[] g = new float[n];
            loss.example(o, 0, x, 0, g, 0);
            for (int i = 0; i < n; i++) {
                float save = o[i];
                double h = i >= 3 * L ? 1e-3 : 1e-2;   // the tilt is strongly curved in beta
                o[i] = (float) (save + h);
                double hp = o[i] - save;
                double lp = loss.example(o, 0, x, 0, null, 0);
                o[i] = (float) (save - h);
                double hm = save - o[i];
                double lm = loss.example(o, 0, x, 0, null, 0);
                o[i] = save;
                double fd = (lp - lm) / (hp + hm);
                assertEquals(fd, g[i], 2e-5 + 1e-2 * Math.abs(fd), "trial " + trial + " output " + i);
            }
        }
    }

    @Test
    void tiltGradientIsNotTrivial() {
        // a strongly coupled pixel: the coupling outputs get a gradient of a size worth checking
        CategoricalLoss loss = new CategoricalLoss(3);
        float[] x = {200, 134, 128};
        float[] o = new float[loss.outputs()];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < L; k++) {
                double d = (k - 128) / 4.0;
                o[c * L + k] = (float) (-0.5 * d * d);
            }
        }
        float[] g = new float[loss.outputs()];
        loss.example(o, 0, x, 0, g, 0);
        assertTrue(Math.abs(g[3 * L]) > 1e-2, "d/d beta_GR = " + g[3 * L]);
        assertTrue(g[3 * L] < 0, "G above its mean with R above 127.5: raising beta_GR must help");
    }

    @Test
    void lossIsTheCodersCodeLength() {
        CategoricalLoss loss = new CategoricalLoss(3);
        Random r = new Random(11);
        QuantizedCategorical q = new QuantizedCategorical(Elementary.FIXED);
        double[] logits = new double[L];
        double sumDiff = 0;
        int counted = 0;
        int trials = 600;
        for (int t = 0; t < trials; t++) {
            float[] x = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
            float[] o = outputs(r, x, 1 + r.nextDouble() * 20, 0.2, 0.05);
            double l = loss.example(o, 0, x, 0, null, 0);
            double coder = 0;
            int minFreq = Integer.MAX_VALUE;
            for (int c = 0; c < 3; c++) {
                CategoricalPixelModel.headToLogits(o, 3, c, (int) x[0], (int) x[1], logits, Elementary.FIXED);
                q.set(logits, Alphabet.FULL);
                coder += q.bits((int) x[c]);
                minFreq = Math.min(minFreq, q.frequency((int) x[c]));
            }
            coder /= 3;
            if (minFreq < 256) {
                assertEquals(l, coder, 0.5, "trial " + t);   // integer rounding dominates tiny probabilities
                continue;
            }
            double d = Math.abs(l - coder);
            assertTrue(d < 0.01, "trial " + t + ": loss " + l + " coder " + coder);
            sumDiff += d;
            counted++;
        }
        assertTrue(counted > trials / 2, "too few comparable trials: " + counted);
        assertTrue(sumDiff / counted < 1e-3, "mean |loss - coder bits| = " + sumDiff / counted);
    }

    @Test
    void floorBoundsTheCost() {
        CategoricalLoss loss = new CategoricalLoss(3);
        float[] o = new float[loss.outputs()];
        for (int c = 0; c < 3; c++) {
            o[c * L] = 1000f;    // all the mass on 0
        }
        float[] x = {255, 255, 255};
        double l = loss.example(o, 0, x, 0, new float[o.length], 0);
        assertEquals(20.0, l, 1e-3);
    }
}
