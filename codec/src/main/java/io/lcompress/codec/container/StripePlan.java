package io.lcompress.codec.container;

/**
 * How an image is cut into stripes, the units coded independently (and in parallel). Version 4 stores
 * the stripe height only when it differs from {@link #defaultRows}, so that function is part of the format.
 */
public final class StripePlan {
    /** Most pixels a stripe may hold (version 3 on), so a decoder's memory is a few stripes. */
    public static final int MAX_STRIPE_PIXELS = 1 << 24;
    /** Pixels per stripe the default plan aims at in large images, so that more cores help them. */
    public static final int TARGET_STRIPE_PIXELS = 1 << 20;

    private StripePlan() {
    }

    /**
     * The default stripe height for a {@code width x height} image, a function of its size only (never of
     * the thread count, so a file does not depend on it): at least two stripes, and one per 2^20 pixels
     * beyond that, of 64 to 512 rows, at most the image's height and at most {@link #MAX_STRIPE_PIXELS}
     * pixels: {@code s = max(2, ceil(w*h / 2^20))}, {@code r = min(512, max(64, ceil(h / s)), h,
     * floor(2^24 / w))}, at least 1.
     */
    public static int defaultRows(int width, int height) {
        long pixels = (long) width * height;
        long stripes = Math.max(2, (pixels + TARGET_STRIPE_PIXELS - 1) / TARGET_STRIPE_PIXELS);
        long rows = Math.min(512, Math.max(64, (height + stripes - 1) / stripes));
        rows = Math.min(rows, height);
        return (int) Math.max(1, Math.min(rows, MAX_STRIPE_PIXELS / width));
    }

    /** Whether {@code rows} is a valid stripe height for the image (version 3 on). */
    public static boolean valid(int width, int height, int rows) {
        return rows >= 1 && rows <= height && (long) rows * width <= MAX_STRIPE_PIXELS;
    }
}
