package io.lcompress.codec;

/**
 * Resource limits checked before any allocation whose size a file's header decides (a PNG's IHDR, an
 * {@code .lc} header), like libpng's user limits or ImageMagick's resource policy: a crafted file that
 * claims a huge image is refused at once instead of exhausting memory.
 *
 * @param maxPixels most pixels (width x height) an image may have; the default, {@value #DEFAULT_MAX_PIXELS}
 *                  (2^27, about 134 megapixels), admits every camera photo up to 100-megapixel medium format
 */
public record Limits(long maxPixels) {
    public static final long DEFAULT_MAX_PIXELS = 1L << 27;
    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_PIXELS);

    public Limits {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("max pixels must be at least 1");
        }
    }

    /** Whether a {@code width x height} image is within the limit. */
    public boolean admits(long width, long height) {
        return width > 0 && height > 0 && width <= maxPixels && height <= maxPixels / width;
    }

    /** The one-line reason for refusing a {@code width x height} image. */
    public String refusal(long width, long height) {
        return "image of " + width + "x" + height + " pixels exceeds the limit of " + maxPixels
                + " pixels (raise it with --max-pixels)";
    }
}
