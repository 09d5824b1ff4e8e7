package io.lcompress.codec.model;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The online least-squares expert: it learns an image's own linear structure (which is what it is for),
 * stays finite and codable on degenerate images, and its parameters are part of its fingerprint.
 */
@Timeout(60)
class OlsPixelModelTest {
    private static final OlsPixelModel QUICK = new OlsPixelModel("ols-quick", 12, 0.99, 0.5, 1);

    /** Code length in bits of the raster's samples from row {@code fromRow} on, each bin as the coder quantizes it. */
    static double bits(PixelModel model, Raster r, int fromRow) {
        PixelPredictor p = model.newPredictor(r);
        LogisticMixture m = new LogisticMixture();
        QuantizedMixture q = new QuantizedMixture(model.elementary());
        double bits = 0;
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                p.beginPixel(x, y);
                for (int c = 0; c < r.channels(); c++) {
                    p.predict(c, m);
                    for (int k = 0; k < m.components(); k++) {
                        assertTrue(Double.isFinite(m.mean[k]) && Double.isFinite(m.logScale[k]), "finite at " + x + "," + y);
                    }
                    int v = r.get(x, y, c);
                    q.set(m);
                    int f = q.frequency(v);
                    assertTrue(f >= 1, "every value codable");
                    if (y >= fromRow) {
                        bits += QuantizedMixture.bitsOfFrequency(f);
                    }
                    p.observe(c, v);
                }
            }
        }
        return bits;
    }

    @Test
    void learnsATextureThatTheFixedPredictorsDoNot() {
        // a diagonal sine grating with a colour twist: each row is a linear recurrence of its neighbours,
        // which least squares finds and the blend of classical predictors does not
        Raster r = new Raster(96, 64, 3);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 96; x++) {
                double s = StrictMath.sin(0.9 * x + 0.4 * y);
                r.set(x, y, 0, (int) StrictMath.round(128 + 90 * s));
                r.set(x, y, 1, (int) StrictMath.round(120 + 60 * s + 0.3 * x));
                r.set(x, y, 2, (int) StrictMath.round(100 - 50 * s + 0.2 * y));
            }
        }
        double fast = bits(new FastPixelModel(), r, 32);
        // solved at every pixel, and every 4 columns as fast-ols ships it (the weights kept in between)
        for (OlsPixelModel m : new OlsPixelModel[]{QUICK, new OlsPixelModel("ols-quick", 12, 0.99, 0.5, 4)}) {
            double ols = bits(m, r, 32);
            assertTrue(ols < 0.75 * fast, "ols " + ols + " bits, fast " + fast + " bits on the second half");
            assertTrue(ols / (32 * 96 * 3) < 1.5, "about the rounding noise: " + ols / (32 * 96 * 3) + " bits/subpixel");
        }
    }

    @Test
    void degenerateImagesStayFiniteAndCodable() {
        for (PixelModel m : new PixelModel[]{QUICK, new OlsPixelModel("ols-slow", 22, 0.998, 0.5, 4),
                new OlsPixelModel("ols-tiny-ridge", 22, 1.0, Double.MIN_VALUE, 1)}) {
            bits(m, TestImages.constant(40, 30, 3, 0), 0);
            bits(m, TestImages.constant(40, 30, 4, 255), 0);
            bits(m, TestImages.noise(37, 23, 2, 7), 0);
            bits(m, TestImages.noise(1, 50, 3, 8), 0);
            bits(m, TestImages.noise(50, 1, 1, 9), 0);
            bits(m, TestImages.noise(1, 1, 3, 10), 0);
            // alternating extremes: the worst conditioning the inputs can have
            Raster r = new Raster(64, 48, 3);
            for (int i = 0; i < r.samples().length; i++) {
                r.samples()[i] = (byte) ((i / 3 + i / (3 * 64)) % 2 == 0 ? 0 : 255);
            }
            bits(m, r, 0);
        }
    }

    @Test
    void aSingularSystemStillPredictsAConstantImage() {
        // no ridge to speak of and no forgetting: on a constant image the normal equations have rank 1, the
        // Cholesky pivots vanish (the solve then takes the W input) or nearly so; either way the prediction
        // must stay on the constant
        OlsPixelModel m = new OlsPixelModel("ols", 12, 1.0, Double.MIN_VALUE, 1);
        double b = bits(m, TestImages.constant(40, 30, 3, 77), 10);
        assertTrue(b / (20 * 40 * 3) < 0.2, b / (20 * 40 * 3) + " bits/subpixel on a constant image");
    }

    @Test
    void parametersArePartOfTheFingerprintAndChecked() {
        long f = QUICK.fingerprint();
        assertEquals(f, new OlsPixelModel("another name", 12, 0.99, 0.5, 1).fingerprint(), "the name is not coded");
        assertNotEquals(f, new OlsPixelModel("ols", 13, 0.99, 0.5, 1).fingerprint());
        assertNotEquals(f, new OlsPixelModel("ols", 12, 0.995, 0.5, 1).fingerprint());
        assertNotEquals(f, new OlsPixelModel("ols", 12, 0.99, 0.25, 1).fingerprint());
        assertNotEquals(f, new OlsPixelModel("ols", 12, 0.99, 0.5, 2).fingerprint());
        assertThrows(IllegalArgumentException.class, () -> new OlsPixelModel("ols", 12, 0.99, 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new OlsPixelModel("ols", 12, 0.99, 0.5, 65));
        assertThrows(IllegalArgumentException.class, () -> new OlsPixelModel("ols", 12, 0, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new OlsPixelModel("ols", 12, Double.NaN, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new OlsPixelModel("ols", 0, 0.99, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new OlsPixelModel("ols", 23, 0.99, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new OlsPixelModel("ols", 12, 1.5, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new OlsPixelModel("ols", 12, 0.99, 0, 1));
    }
}
