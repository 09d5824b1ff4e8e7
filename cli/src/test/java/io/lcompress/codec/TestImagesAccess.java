package io.lcompress.codec;

import io.lcompress.codec.image.Raster;

import java.util.Random;

/** Synthetic test rasters for CLI tests (the codec module's test helpers are not on this classpath). */
public final class TestImagesAccess {
    private TestImagesAccess() {
    }

    public static Raster synthetic(int w, int h, int c, long seed) {
        Random rnd = new Random(seed);
        Raster r = new Raster(w, h, c);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    double v = 128 + 60 * Math.sin(x * 0.05 + k) * Math.cos(y * 0.04 - k) + rnd.nextGaussian() * 3;
                    r.set(x, y, k, (int) Math.max(0, Math.min(255, Math.round(v))));
                }
            }
        }
        return r;
    }
}
