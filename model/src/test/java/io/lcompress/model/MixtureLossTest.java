package io.lcompress.model;

import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import io.lcompress.codec.model.neural.NeuralPixelModel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixtureLossTest {
    private static final int K = 5;

    private static float[] randomOutputs(Random r, int n, double spread) {
        float[] o = new float[n];
        for (int i = 0; i < n; i++) {
            o[i] = (float) (r.nextGaussian() * spread);
        }
        return o;
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        MixtureLoss loss = new MixtureLoss(K, 3);
        int n = loss.outputs();
        Random r = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            float[] o = randomOutputs(r, n, 0.6);
            float[] x = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
            if (trial % 10 == 0) {
                x[0] = 0;
                x[1] = 255;
            }
            // put the means near the labels so that the probabilities are not all in the floor
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < K; k++) {
                    o[c * 3 * K + K + k] = (float) ((x[c] - 127.5) / 127.5 + r.nextGaussian() * 0.05);
                }
            }
            float[] g = new float[n];
            loss.example(o, 0, x, 0, g, 0);
            for (int i = 0; i < n; i++) {
                float save = o[i];
                double h = 1e-3;
                o[i] = (float) (save + h);
                double hp = o[i] - save;
                double lp = loss.example(o, 0, x, 0, null, 0);
                o[i] = (float) (save - h);
                double hm = save - o[i];
                double lm = loss.example(o, 0, x, 0, null, 0);
                o[i] = save;
                double fd = (lp - lm) / (hp + hm);
                assertEquals(fd, g[i], 2e-3 + 2e-2 * Math.abs(fd), "trial " + trial + " output " + i);
            }
        }
    }

    @Test
    void lossIsTheCodersCodeLength() {
        MixtureLoss loss = new MixtureLoss(K, 3);
        int n = loss.outputs();
        Random r = new Random(11);
        LogisticMixture mix = new LogisticMixture();
        QuantizedMixture q = new QuantizedMixture();
        double sumDiff = 0;
        int counted = 0;
        int trials = 2000;
        for (int t = 0; t < trials; t++) {
            float[] o = randomOutputs(r, n, 1.0);
            float[] x = {r.nextInt(256), r.nextInt(256), r.nextInt(256)};
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < K; k++) {
                    o[c * 3 * K + K + k] = (float) ((x[c] - 127.5) / 127.5 + r.nextGaussian() * 0.1);
                }
            }
            double l = loss.example(o, 0, x, 0, null, 0);
            double coder = 0;
            int minFreq = Integer.MAX_VALUE;
            for (int c = 0; c < 3; c++) {
                NeuralPixelModel.headToMixture(o, K, 3, c, (int) x[0], (int) x[1], mix);
                coder += q.set(mix).bits((int) x[c]);
                minFreq = Math.min(minFreq, q.frequency((int) x[c]));
            }
            coder /= 3;
            if (minFreq < 256) {
                // integer frequencies: floor(F * M) rounding dominates for tiny probabilities
                assertEquals(l, coder, 0.5, "trial " + t);
                continue;
            }
            double d = Math.abs(l - coder);
            assertTrue(d < 0.02, "trial " + t + ": loss " + l + " coder " + coder);
            sumDiff += d;
            counted++;
        }
        assertTrue(counted > trials / 2, "too few comparable trials: " + counted);
        assertTrue(sumDiff / counted < 2e-3, "mean |loss - coder bits| = " + sumDiff / counted);
    }

    @Test
    void floorBoundsTheCost() {
        MixtureLoss loss = new MixtureLoss(K, 3);
        float[] o = new float[loss.outputs()];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < K; k++) {
                o[c * 3 * K + K + k] = -1f;           // mean at 0
                o[c * 3 * K + 2 * K + k] = -20f;      // tiny scale (clamped to -7)
            }
        }
        float[] x = {255, 255, 255};
        double l = loss.example(o, 0, x, 0, new float[o.length], 0);
        assertEquals(20.0, l, 1e-3);   // the floor: 1/T per symbol
    }
}
