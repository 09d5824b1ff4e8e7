package io.lcompress.codec.image;

/**
 * An image as read from or written to a PNG: its samples and the PNG colour type to restore.
 *
 * @param raster    8-bit samples, channels in PNG order (grey / grey+alpha / R,G,B / R,G,B,A)
 * @param colorType PNG colour type: 0 grey, 2 RGB, 4 grey+alpha, 6 RGBA
 */
public record PngImage(Raster raster, int colorType) {
    public static final int GRAY = 0;
    public static final int RGB = 2;
    public static final int GRAY_ALPHA = 4;
    public static final int RGBA = 6;

    public static int colorTypeFor(int channels) {
        return switch (channels) {
            case 1 -> GRAY;
            case 2 -> GRAY_ALPHA;
            case 3 -> RGB;
            case 4 -> RGBA;
            default -> throw new IllegalArgumentException("no PNG colour type with " + channels + " channels");
        };
    }

    public static String describe(int colorType) {
        return switch (colorType) {
            case GRAY -> "grey";
            case RGB -> "RGB";
            case GRAY_ALPHA -> "grey+alpha";
            case RGBA -> "RGBA";
            default -> "colour type " + colorType;
        };
    }
}
