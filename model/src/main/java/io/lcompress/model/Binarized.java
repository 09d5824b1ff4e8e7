package io.lcompress.model;

import io.lcompress.codec.image.Raster;

/**
 * The binarization of training images for the Bernoulli head: an 8-bit image's grey value
 * {@code g = (299 R + 587 G + 114 B + 500) / 1000} (integer division; grey images: the sample), and the
 * ink bit {@code g < 128 ? 1 : 0} - plain thresholding at 128, the rule docs/bilevel.sh uses to make
 * the 1-bit benchmark images (there a PNG sample is {@code 1 - ink}: 1 is white).
 */
public final class Binarized {
    public static final int THRESHOLD = 128;

    private Binarized() {
    }

    /** The grey value of pixel p of an 8-bit raster with 1 or 3 channels. */
    public static int grey(byte[] s, int channels, int p) {
        if (channels == 1) {
            return s[p] & 0xFF;
        }
        int i = p * channels;
        return (299 * (s[i] & 0xFF) + 587 * (s[i + 1] & 0xFF) + 114 * (s[i + 2] & 0xFF) + 500) / 1000;
    }

    /** The ink bits of a raster, row-major, one byte (0 or 1) per pixel. */
    public static byte[] inkBits(Raster r) {
        int n = r.width() * r.height();
        byte[] bits = new byte[n];
        byte[] s = r.samples();
        for (int p = 0; p < n; p++) {
            bits[p] = (byte) (grey(s, r.channels(), p) < THRESHOLD ? 1 : 0);
        }
        return bits;
    }
}
