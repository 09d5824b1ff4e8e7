package io.lcompress.codec.model.neural;

import io.lcompress.codec.coding.StripeCoder;
import io.lcompress.codec.image.Raster;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The neural model drives the stripe coder losslessly (random weights; the embedded model if present). */
class NeuralRoundTripTest {
    private static Raster image(long seed, int w, int h) {
        Random r = new Random(seed);
        Raster img = new Raster(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (int) (128 + 60 * Math.sin(x * 0.3) * Math.cos(y * 0.2)) + r.nextInt(9) - 4;
                img.set(x, y, 0, Math.max(0, Math.min(255, v)));
                img.set(x, y, 1, Math.max(0, Math.min(255, v + 20 + r.nextInt(5))));
                img.set(x, y, 2, Math.max(0, Math.min(255, 255 - v + r.nextInt(5))));
            }
        }
        return img;
    }

    private static void roundTrip(NeuralPixelModel m, Raster img) {
        StripeCoder.Encoded e = StripeCoder.encode(img, m);
        Raster back = StripeCoder.decode(e.payload(), 0, e.payload().length, img.width(), img.height(), 3, m, null);
        assertArrayEquals(img.samples(), back.samples());
        assertTrue(e.payload().length * 8.0 <= e.modelBits() + 64, "payload close to the model's code length");
    }

    @Test
    void randomWeights() {
        roundTrip(NeuralPixelModel.of("t", TestWeights.random(21, 3, 5, 32, 24)), image(1, 37, 23));
    }

    @Test
    void embeddedDefault() {
        NeuralPixelModel.loadDefault().ifPresent(m -> roundTrip(m, image(2, 64, 40)));
    }
}
