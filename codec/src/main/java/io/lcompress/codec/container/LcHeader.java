package io.lcompress.codec.container;

/**
 * The header of an {@code .lc} file (see docs/FORMAT.md): everything a decoder needs before the
 * payload.
 *
 * @param modelFingerprint fingerprint of the model that coded the payload
 * @param modelName        name of that model, for messages only (at most 64 UTF-8 bytes)
 * @param width            pixels per row, 1..2^24
 * @param height           rows, 1..2^24
 * @param channels         coded channels, 1..4
 * @param bitDepth         bits per sample of the original image (8)
 * @param colorType        PNG colour type to restore on decode (0 grey, 2 RGB, 4 grey+alpha, 6 RGBA)
 * @param stripeRows       rows per independently coded stripe (the last may be shorter)
 * @param stripeMethods    per stripe: {@link #METHOD_MODEL} (arithmetic-coded with the model) or
 *                         {@link #METHOD_RAW} (the samples stored as they are, when that is smaller)
 * @param stripeLengths    payload bytes of each stripe, in order
 * @param pixelCrc         CRC-32C of all decoded samples in raster order
 */
public record LcHeader(long modelFingerprint, String modelName, int width, int height, int channels,
                       int bitDepth, int colorType, int stripeRows, byte[] stripeMethods, int[] stripeLengths, int pixelCrc) {
    public static final byte METHOD_MODEL = 0;
    public static final byte METHOD_RAW = 1;


    public int stripeCount() {
        return stripeLengths.length;
    }

    public long subpixels() {
        return (long) width * height * channels;
    }

    public long payloadBytes() {
        long sum = 0;
        for (int l : stripeLengths) {
            sum += l;
        }
        return sum;
    }

    /** Number of stripes {@code height} rows cut into stripes of {@code stripeRows} make. */
    public static int stripesFor(int height, int stripeRows) {
        return (int) (((long) height + stripeRows - 1) / stripeRows);
    }
}
