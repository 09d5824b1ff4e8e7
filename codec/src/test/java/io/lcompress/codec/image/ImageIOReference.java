package io.lcompress.codec.image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The samples the JDK's ImageIO decodes from a PNG (raw raster values: palette indices, grey below 8 bits
 * as 0 .. 2^depth-1, 16-bit values whole): the reference that {@link PngIO}'s own decoder must match.
 */
final class ImageIOReference {
    private ImageIOReference() {
    }

    /** Every sample, row-major, channels interleaved. */
    static int[] samples(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, "ImageIO cannot read it");
        WritableRaster r = img.getRaster();
        return r.getPixels(0, 0, r.getWidth(), r.getHeight(), (int[]) null);
    }

    /** Asserts that the image holds exactly the samples ImageIO decodes from {@code png}. */
    static void assertSameSamples(byte[] png, PngImage image, String name) throws IOException {
        int[] expected = samples(png);
        int c0 = image.samples().channels();
        if (expected.length == image.width() * image.height() * (c0 + 1)
                && image.chunks().stream().anyMatch(c -> c.type().equals("tRNS"))) {
            // ImageIO turns a grey or RGB colour key into an alpha band; the file's samples are the others
            // (grey below 8 bits then comes scaled to 8 bits)
            int step = image.bitDepth() < 8 ? 255 / ((1 << image.bitDepth()) - 1) : 1;
            int[] colour = new int[image.width() * image.height() * c0];
            for (int p = 0, j = 0; j < colour.length; p++) {
                for (int c = 0; c < c0; c++) {
                    colour[j++] = expected[p * (c0 + 1) + c] / step;
                }
            }
            expected = colour;
        }
        byte[] hi = image.samples().samples();
        byte[] lo = image.low() == null ? null : image.low().samples();
        assertEquals(expected.length, hi.length, name + ": sample count");
        for (int i = 0; i < expected.length; i++) {
            int v = lo == null ? hi[i] & 0xFF : (hi[i] & 0xFF) << 8 | (lo[i] & 0xFF);
            if (v != expected[i]) {
                int c = image.samples().channels();
                int px = i / c;
                throw new AssertionError(name + ": sample " + (i % c) + " of pixel (" + px % image.width() + ", "
                        + px / image.width() + ") is " + v + ", ImageIO gives " + expected[i]);
            }
        }
    }
}
