package io.lcompress.codec.image;

/**
 * An 8-bit image as the coder sees it: {@code height} rows of {@code width} pixels of {@code channels}
 * samples (0..255), interleaved, row-major: sample (x, y, c) is at {@code (y * width + x) * channels + c}.
 *
 * <p>During decoding the raster fills in raster order; a pixel model reads only the samples already
 * decoded (the causal part). Samples are stored as bytes; {@link #get} returns them unsigned.
 */
public final class Raster {
    private final int width;
    private final int height;
    private final int channels;
    private final byte[] samples;

    public Raster(int width, int height, int channels) {
        checkDimensions(width, height, channels);
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.samples = new byte[Math.multiplyExact(Math.multiplyExact(width, height), channels)];
    }

    private Raster(int width, int height, int channels, byte[] samples) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.samples = samples;
    }

    /** Wraps interleaved samples without copying. */
    public static Raster wrap(int width, int height, int channels, byte[] samples) {
        checkDimensions(width, height, channels);
        if ((long) width * height * channels != samples.length) {
            throw new IllegalArgumentException("sample count " + samples.length + " does not match "
                    + width + "x" + height + "x" + channels);
        }
        return new Raster(width, height, channels, samples);
    }

    private static void checkDimensions(int width, int height, int channels) {
        if (width <= 0 || height <= 0 || channels <= 0 || channels > 4) {
            throw new IllegalArgumentException("bad raster dimensions " + width + "x" + height + "x" + channels);
        }
        if ((long) width * height * channels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("raster too large: " + width + "x" + height + "x" + channels);
        }
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return channels;
    }

    /** The backing array (interleaved, row-major); shared, not copied. */
    public byte[] samples() {
        return samples;
    }

    public int get(int x, int y, int c) {
        return samples[(y * width + x) * channels + c] & 0xFF;
    }

    public void set(int x, int y, int c, int value) {
        samples[(y * width + x) * channels + c] = (byte) value;
    }

    /** Rows {@code y0 .. y0+rows-1} as a new raster (copied). */
    public Raster rows(int y0, int rows) {
        byte[] out = new byte[width * rows * channels];
        System.arraycopy(samples, y0 * width * channels, out, 0, out.length);
        return new Raster(width, rows, channels, out);
    }

    /** Copies {@code part} into this raster starting at row {@code y0}. */
    public void putRows(int y0, Raster part) {
        if (part.width != width || part.channels != channels || y0 + part.height > height) {
            throw new IllegalArgumentException("rows do not fit");
        }
        System.arraycopy(part.samples, 0, samples, y0 * width * channels, part.samples.length);
    }

    /**
     * Channels {@code first .. first+count-1} as a raster: a copy, or this raster itself when that is
     * all of its channels (callers must not modify the result).
     */
    public Raster channels(int first, int count) {
        if (first == 0 && count == channels) {
            return this;
        }
        Raster out = new Raster(width, height, count);
        byte[] o = out.samples;
        for (int p = 0, i = first, j = 0; p < width * height; p++, i += channels) {
            for (int c = 0; c < count; c++) {
                o[j++] = samples[i + c];
            }
        }
        return out;
    }

    /**
     * Writes {@code part} (whole rows, some channels) into rows {@code y0 ..} and channels
     * {@code first ..} of this raster. Callers writing disjoint blocks may do so from different threads.
     */
    public void putBlock(int first, int y0, Raster part) {
        if (part.width != width || y0 < 0 || y0 + part.height > height || first < 0
                || first + part.channels > channels) {
            throw new IllegalArgumentException("block does not fit");
        }
        if (first == 0 && part.channels == channels) {
            System.arraycopy(part.samples, 0, samples, y0 * width * channels, part.samples.length);
            return;
        }
        byte[] o = part.samples;
        int count = part.channels;
        for (int i = y0 * width * channels + first, j = 0; j < o.length; i += channels) {
            for (int c = 0; c < count; c++) {
                samples[i + c] = o[j++];
            }
        }
    }

    /** Writes {@code part}'s channels into channels {@code first ..} of this raster. */
    public void putChannels(int first, Raster part) {
        if (part.width != width || part.height != height || first + part.channels > channels) {
            throw new IllegalArgumentException("channels do not fit");
        }
        byte[] o = part.samples;
        int count = part.channels;
        for (int p = 0, i = first, j = 0; p < width * height; p++, i += channels) {
            for (int c = 0; c < count; c++) {
                samples[i + c] = o[j++];
            }
        }
    }
}
