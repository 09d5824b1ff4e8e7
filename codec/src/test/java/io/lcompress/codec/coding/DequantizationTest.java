package io.lcompress.codec.coding;

import io.lcompress.codec.mixture.LogisticMixture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The formulas of {@link Dequantization} against the logistic density integrated numerically. */
class DequantizationTest {
    /** Three components: a sharp one, a wide one, one centred beyond the range (tail mass in bin 255). */
    static LogisticMixture mixture() {
        LogisticMixture m = new LogisticMixture();
        m.setComponents(3);
        m.logit[0] = 1.0;
        m.mean[0] = 100.3;
        m.logScale[0] = -2.5;
        m.logit[1] = -0.5;
        m.mean[1] = 30.0;
        m.logScale[1] = 3.0;
        m.logit[2] = 0.2;
        m.mean[2] = 270.0;
        m.logScale[2] = 1.0;
        return m;
    }

    /** The density, directly from its definition (no log space). */
    static double density(LogisticMixture m, double y) {
        double lse = m.logSumExpOfLogits();
        double f = 0;
        for (int k = 0; k < m.components(); k++) {
            double s = Math.exp(m.logScale[k]);
            double z = (y - m.mean[k]) / s;
            double sig = 1 / (1 + Math.exp(-z));
            f += Math.exp(m.logit[k] - lse) * sig * (1 - sig) / s;
        }
        return f;
    }

    /** Composite Simpson's rule with n (even) intervals. */
    static double integrate(java.util.function.DoubleUnaryOperator f, double a, double b, int n) {
        double h = (b - a) / n;
        double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return sum * h / 3;
    }

    @Test
    void binMassesSumToOneAndEqualTheDensityIntegratedOverTheBin() {
        LogisticMixture m = mixture();
        Dequantization.Clean c = new Dequantization.Clean().set(m);
        double sum = 0;
        for (int b = 0; b < 256; b++) {
            double mass = Math.exp(c.logBinMass(b));
            sum += mass;
            // the density in log space is the direct formula
            assertEquals(Math.log(density(m, b + 0.25)), c.logDensity(b + 0.25), 1e-9);
            // the bin itself, plus for bins 0 and 255 the tail beyond it (4000 is 200 of the widest scale)
            double integral = integrate(y -> density(m, y), b - 0.5, b + 0.5, 2000);
            if (b == 0) {
                integral += integrate(y -> density(m, y), -4000.5, -0.5, 400_000);
            } else if (b == 255) {
                integral += integrate(y -> density(m, y), 255.5, 4255.5, 400_000);
            }
            assertEquals(integral, mass, 1e-9 + 1e-7 * mass, "bin " + b);
            // Jensen within the bin: the mean of -log f over it is at least -log of its mass
            if (b > 0 && b < 255) {
                double meanNegLog = integrate(y -> -c.logDensity(y), b - 0.5, b + 0.5, 2000);
                assertTrue(meanNegLog >= -c.logBinMass(b) - 1e-9, "bin " + b);
            }
        }
        assertEquals(1.0, sum, 1e-12);
    }

    @Test
    void extremeMixturesStayFinite() {
        LogisticMixture m = new LogisticMixture();
        m.setComponents(2);
        m.logit[0] = Double.NaN;
        m.mean[0] = 1e9;                      // clamped to 1279
        m.logScale[0] = -50;                  // clamped to -7
        m.logit[1] = -1e9;
        m.mean[1] = Double.NaN;
        m.logScale[1] = Double.POSITIVE_INFINITY;
        Dequantization.Clean c = new Dequantization.Clean().set(m);
        for (int b = 0; b < 256; b++) {
            double lp = c.logBinMass(b);
            assertTrue(Double.isFinite(lp) && lp <= 1e-12 && lp >= Dequantization.LOG_FLOOR, "bin " + b + ": " + lp);
            double ld = c.logDensity(b - 0.5 + 0.37);
            assertTrue(Double.isFinite(ld) && ld >= Dequantization.LOG_FLOOR, "density at " + b + ": " + ld);
        }
        // a single sharp component: all its mass in one bin, log P(b) = 0 there, never positive
        m.single(42, -7);
        c.set(m);
        assertEquals(0.0, c.logBinMass(42), 1e-12);
        assertTrue(c.logBinMass(41) < -100);
    }

    @Test
    void stableFormsMatchTheNaiveOnesWhereThoseAreAccurate() {
        for (double x : new double[]{-30, -3, -0.1, 0, 0.2, 4, 25}) {
            assertEquals(Math.log(1 / (1 + Math.exp(-x))), Dequantization.logSigmoid(x), 1e-12);
        }
        for (double d : new double[]{1e-3, 0.5, 0.69, 0.7, 3, 20}) {
            assertEquals(Math.log(1 - Math.exp(-d)), Dequantization.log1mExp(d), 1e-9);
        }
        assertEquals(-1e6, Dequantization.logSigmoid(-1e6), 1e-6);
    }
}
