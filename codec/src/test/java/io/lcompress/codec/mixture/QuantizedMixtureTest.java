package io.lcompress.codec.mixture;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantizedMixtureTest {

    static final double[] NASTY = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
            1e300, -1e300, 1e-300, 127.5, 0.5, 254.5, 255.5, -0.5, 1e6, -7.0, 7.0, -50, 50};

    /** Checks the invariants of one distribution: C(0)=0, C(256)=T, every frequency >= 1, search agrees. */
    static void checkInvariants(QuantizedMixture q) {
        assertEquals(0, q.cumulative(0));
        assertEquals(QuantizedMixture.TOTAL, q.cumulative(256));
        int prev = 0;
        for (int b = 1; b <= 256; b++) {
            int c = q.cumulative(b);
            assertTrue(c - prev >= 1, "frequency of " + (b - 1) + " is " + (c - prev));
            prev = c;
        }
        for (int s = 0; s < 256; s++) {
            int lo = q.cumulative(s);
            int hi = q.cumulative(s + 1);
            assertEquals(s, q.symbolFor(lo));
            assertEquals(lo, q.foundLow());
            assertEquals(hi, q.foundHigh());
            assertEquals(s, q.symbolFor(hi - 1));
        }
    }

    @Test
    void randomMixturesKeepEverySymbolCodable() {
        Random rnd = new Random(7);
        LogisticMixture m = new LogisticMixture();
        QuantizedMixture q = new QuantizedMixture();
        for (int trial = 0; trial < 2000; trial++) {
            int k = 1 + rnd.nextInt(io.lcompress.codec.mixture.ComponentBudget.TOTAL);
            m.setComponents(k);
            for (int i = 0; i < k; i++) {
                m.logit[i] = rnd.nextGaussian() * 5;
                m.mean[i] = -50 + rnd.nextDouble() * 355;
                m.logScale[i] = -9 + rnd.nextDouble() * 18;
            }
            checkInvariants(q.set(m));
        }
    }

    @Test
    void nastyParametersKeepEverySymbolCodable() {
        LogisticMixture m = new LogisticMixture();
        QuantizedMixture q = new QuantizedMixture();
        m.setComponents(3);
        for (double a : NASTY) {
            for (double b : NASTY) {
                for (double c : NASTY) {
                    m.logit[0] = a;
                    m.mean[0] = b;
                    m.logScale[0] = c;
                    m.logit[1] = c;
                    m.mean[1] = a;
                    m.logScale[1] = b;
                    m.logit[2] = b;
                    m.mean[2] = c;
                    m.logScale[2] = a;
                    checkInvariants(q.set(m));
                }
            }
        }
    }

    @Test
    void sharpDistributionPutsAlmostAllMassOnOneSymbol() {
        QuantizedMixture q = new QuantizedMixture().set(new LogisticMixture().single(100, -7));
        assertEquals(QuantizedMixture.TOTAL - 255, q.frequency(100));
        assertTrue(q.bits(100) < 0.0004);
    }

    @Test
    void tailsAreFoldedIntoTheEndBins() {
        // mean far below 0: nearly everything in bin 0; far above 255: in bin 255
        QuantizedMixture q = new QuantizedMixture().set(new LogisticMixture().single(-500, 0));
        assertEquals(QuantizedMixture.TOTAL - 255, q.frequency(0));
        q.set(new LogisticMixture().single(900, 0));
        assertEquals(QuantizedMixture.TOTAL - 255, q.frequency(255));
        // centred at 0 with scale 1: half the mass is left of -0.5 + ... bin 0 holds sigmoid(0.5) of it
        q.set(new LogisticMixture().single(0, 0));
        double mix = 1 / (1 + StrictMath.exp(-0.5));
        double expected = (1 + (QuantizedMixture.TOTAL - 256) * mix) / QuantizedMixture.TOTAL;
        double p = q.frequency(0) / (double) QuantizedMixture.TOTAL;
        assertEquals(expected, p, 1e-5);
    }

    @Test
    void probabilitiesMatchTheContinuousMixture() {
        LogisticMixture m = new LogisticMixture();
        m.setComponents(2);
        m.logit[0] = 0.3;
        m.mean[0] = 80.2;
        m.logScale[0] = 1.1;
        m.logit[1] = -0.4;
        m.mean[1] = 140.7;
        m.logScale[1] = 2.3;
        QuantizedMixture q = new QuantizedMixture().set(m);
        double w0 = 1 / (1 + StrictMath.exp(-0.7));
        for (int s = 0; s < 256; s++) {
            double hi = s == 255 ? 1 : w0 * sig((s + 0.5 - 80.2) / StrictMath.exp(1.1))
                    + (1 - w0) * sig((s + 0.5 - 140.7) / StrictMath.exp(2.3));
            double lo = s == 0 ? 0 : w0 * sig((s - 0.5 - 80.2) / StrictMath.exp(1.1))
                    + (1 - w0) * sig((s - 0.5 - 140.7) / StrictMath.exp(2.3));
            double expected = (1 + (QuantizedMixture.TOTAL - 256) * (hi - lo)) / QuantizedMixture.TOTAL;
            double actual = q.frequency(s) / (double) QuantizedMixture.TOTAL;
            assertEquals(expected, actual, 2e-5 + expected * 1e-3, "symbol " + s);
        }
    }

    private static double sig(double t) {
        return 1 / (1 + StrictMath.exp(-t));
    }

    @Test
    void fixedSigmoidIsMonotoneAndAccurate() {
        int prev = -1;
        double maxErr = 0;
        for (double t = -17; t <= 17; t += 1.0 / 8192) {
            int v = FixedSigmoid.apply(t);
            assertTrue(v >= prev, "not monotone at " + t);
            prev = v;
            maxErr = Math.max(maxErr, Math.abs(v / (double) FixedSigmoid.ONE - sig(t)));
        }
        assertTrue(maxErr < 1e-5, "max error " + maxErr);
        assertEquals(0, FixedSigmoid.apply(Double.NEGATIVE_INFINITY));
        assertEquals(FixedSigmoid.ONE, FixedSigmoid.apply(Double.POSITIVE_INFINITY));
        assertEquals(0, FixedSigmoid.apply(Double.NaN));
    }

    /**
     * Golden checksum of the integer frequencies for a fixed set of mixtures. The frequencies are
     * part of the file format: this value must be the same on every JVM and CPU, and may change only
     * together with the format version.
     */
    @Test
    void frequenciesAreAFixedFunctionOfTheParameters() {
        Random rnd = new Random(2024);
        LogisticMixture m = new LogisticMixture();
        QuantizedMixture q = new QuantizedMixture();
        CRC32 crc = new CRC32();
        for (int trial = 0; trial < 500; trial++) {
            int k = 1 + rnd.nextInt(6);
            m.setComponents(k);
            for (int i = 0; i < k; i++) {
                m.logit[i] = rnd.nextGaussian() * 3;
                m.mean[i] = rnd.nextDouble() * 255;
                m.logScale[i] = -3 + rnd.nextDouble() * 7;
            }
            q.set(m);
            for (int b = 0; b <= 256; b++) {
                int c = q.cumulative(b);
                crc.update(c >>> 16);
                crc.update(c >>> 8);
                crc.update(c);
            }
        }
        assertEquals(GOLDEN, crc.getValue(), "integer frequencies changed: this breaks existing .lc files");
    }

    static final long GOLDEN = 2383390271L;
}
