package io.lcompress.codec.imageio;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pixel comparisons of BufferedImages. */
public final class ImageAssertions {
    private ImageAssertions() {
    }

    /**
     * Same size, same raw samples (palette indices, grey levels, 16-bit values) and the same colours
     * (ARGB as the colour models give them).
     */
    public static void assertSamePixels(BufferedImage expected, BufferedImage actual, String name) {
        int w = expected.getWidth();
        int h = expected.getHeight();
        assertEquals(w, actual.getWidth(), name + ": width");
        assertEquals(h, actual.getHeight(), name + ": height");
        Raster e = expected.getRaster();
        Raster a = actual.getRaster();
        assertEquals(e.getNumBands(), a.getNumBands(), name + ": bands");
        for (int b = 0; b < e.getNumBands(); b++) {
            assertEquals(e.getSampleModel().getSampleSize(b), a.getSampleModel().getSampleSize(b),
                    name + ": bits per sample of band " + b);
        }
        assertArrayEquals(e.getPixels(e.getMinX(), e.getMinY(), w, h, (int[]) null),
                a.getPixels(a.getMinX(), a.getMinY(), w, h, (int[]) null), name + ": samples");
        assertArrayEquals(expected.getRGB(0, 0, w, h, null, 0, w), actual.getRGB(0, 0, w, h, null, 0, w),
                name + ": colours");
    }
}
