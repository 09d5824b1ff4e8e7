package io.lcompress.codec.coding;

import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;

/**
 * The encoder's choice of coding an image transposed (format flag bit 3: the coded image's pixel (x, y) is
 * the PNG's (y, x)). Every model sees only what lies above and to the left of a pixel, plus the row above
 * to the right; transposed, "above" and "left" trade places and the open side becomes the lower left.
 * Which orientation predicts better is a property of the image: horizontally subsampled chroma (a 4:2:2
 * video frame such as barbara), a horizontal texture, or the direction of the light. On the 39 validation
 * photos, the transposed file was smaller for 17 at level 1 (chelsea -1.5 %, flower_foveon -2.1 %,
 * barbara -1.0 %) and larger for the others (coastguard +1.2 %); choosing by this estimate gives -0.6 % in
 * total at levels 1, 2 and 9, where the best orientation of each image would give -0.67 %.
 *
 * <p>The choice is made before coding, by an estimate of both orientations' cost ({@link #cost}, each in its
 * own raster order: the order matters as much as the neighbourhood, since the statistics adapt as they
 * go): a median edge predictor (LOCO-I) and the previous channel's residual, with a running mean
 * absolute error in 16 classes of local activity per channel, costed as a Laplacian of that mean. Only the
 * choice is stored, never the estimate, so a decoder never repeats it; it is computed in a fixed order with
 * tables made by {@code StrictMath} all the same, so the encoder writes the same bytes on every machine
 * and thread count. It cost 4 to 8 % of a level-1 encode (whole command) until it read only half the rows ({@link #BAND_ROWS}).
 *
 * <p>Images of at most {@link Effort#SMALL_IMAGE_PIXELS} pixels (128 x 128: the small-image network of the
 * strongest levels codes them, trained on upright images, and the estimate is noise there) or of more than
 * {@link #MAX_PIXELS} (the encoder holds the image whole to choose) are coded as they are.
 */
public final class Transposition {
    /**
     * Images of more pixels are coded as they are (2^22, 4 megapixels, within the format's
     * {@link LcHeader#MAX_TRANSPOSED_PIXELS}): to choose, the encoder holds the image whole, and beyond this
     * size it streams it a stripe at a time instead (a 4536 x 3024 photo encodes within {@code -Xmx100m}).
     */
    public static final long MAX_PIXELS = 1L << 22;
    /** The transposed estimate must be this much smaller (relative) to be chosen. */
    static final double MARGIN = 0.001;
    private static final int CLASSES = 16;
    /**
     * The estimate costs the rows of every other band of this many rows (rows 1-7, 16-23, 32-39, ...): half
     * the work, in each orientation. Measured at level 1 on the 39 validation photos (file sizes, fast2): every
     * row 2.71790 bits a subpixel, bands of 8 2.71937 (+0.05 %; 9 of the 39 choices differ: coffee +1.4 %,
     * zebra +0.4 %, flowers -0.25 %), of 4 2.72101, of 16 2.71956; -3 % of a level-1 encode's CPU time.
     */
    static final int BAND_ROWS = 8;

    private Transposition() {
    }

    /** Whether the encoder may code an image transposed. */
    enum Choice {
        /** Never (an explicit stripe plan, per-pixel bits in the image's own order). */
        NEVER,
        /** When {@link #considered} and the estimate {@link #pays}: the default. */
        ESTIMATE,
        /** Whenever the format allows it (tests and fixtures of the format feature). */
        ALWAYS
    }

    /** Whether the encoder considers coding an image of this size transposed. */
    public static boolean considered(int width, int height) {
        long pixels = (long) width * height;
        return width >= 2 && height >= 2 && pixels > Effort.SMALL_IMAGE_PIXELS && pixels <= MAX_PIXELS;
    }

    /**
     * Whether the estimate says the transposed image ({@code coded}: the channels the planes code) costs less;
     * with {@code threads} above 1 the two estimates run at once.
     */
    static boolean pays(Raster coded, int threads) throws java.io.IOException {
        double asIs;
        double transposed;
        if (threads > 1) {
            SideTask<Double> other = SideTask.start("lcompress-transposition", () -> cost(coded, true));
            asIs = cost(coded, false);
            transposed = other.join();
        } else {
            asIs = cost(coded, false);
            transposed = cost(coded, true);
        }
        return transposed < asIs * (1 - MARGIN);
    }

    /** ln(2e m) and 1/m for a mean absolute error m = max(i, 4.8) / 16, i < {@link #TABLE}. */
    private static final int TABLE = 4096;
    private static final double[] LOG_2E_MAD = new double[TABLE];
    private static final double[] INVERSE_MAD = new double[TABLE];
    /** 2^20 / n, so that {@code sum * RECIPROCAL[n] >> 20} is about {@code sum / n} without a division. */
    private static final int[] RECIPROCAL = new int[257];
    /** The activity class min(15, bit length of a), for the activities a = 0 .. 3 x 255 of {@link #cost}. */
    private static final byte[] ACTIVITY_CLASS = new byte[3 * 255 + 1];

    static {
        for (int a = 0; a < ACTIVITY_CLASS.length; a++) {
            ACTIVITY_CLASS[a] = (byte) Math.min(CLASSES - 1, 32 - Integer.numberOfLeadingZeros(a));
        }
        for (int n = 1; n < RECIPROCAL.length; n++) {
            RECIPROCAL[n] = (1 << 20) / n;
        }
        for (int i = 0; i < TABLE; i++) {
            double m = Math.max(i, 4.8) / 16;
            LOG_2E_MAD[i] = StrictMath.log(2 * Math.E * m);
            INVERSE_MAD[i] = 1 / m;
        }
    }

    /**
     * The estimated cost of coding {@code r} (with {@code transposed}: its {@link #transpose(Raster) transpose})
     * in raster order, in nats, over the rows of every other band of {@link #BAND_ROWS}: per sample the median edge predictor of W, N and NW (for channels after the
     * first, plus the previous channel's residual at this pixel), and a Laplacian whose mean absolute error is
     * the running mean of its context (channel x 16 classes of |W - NW| + |N - NW| + |NE - N|; halved at 256
     * samples). The transpose is read in place, through its steps to the next pixel and the next row: the same
     * samples in the same order as in a copy, so the same value to the last bit, without the copy (the encoder
     * makes one only when the transpose is chosen).
     */
    static double cost(Raster r, boolean transposed) {
        int ch = r.channels();
        int rowBytes = r.width() * ch;
        // the coded image's width and height, and the steps to its next pixel in a row and to its next row
        int w = transposed ? r.height() : r.width();
        int h = transposed ? r.width() : r.height();
        int next = transposed ? rowBytes : ch;
        int stride = transposed ? ch : rowBytes;
        byte[] s = r.samples();
        int[] sum = new int[ch * CLASSES];          // 16 x the absolute errors
        int[] count = new int[ch * CLASSES];
        java.util.Arrays.fill(sum, 64);
        java.util.Arrays.fill(count, 1);
        double nats = 0;
        for (int y = 1; y < h; y++) {
            if ((y & BAND_ROWS) != 0) {
                continue;                           // a band left out (BAND_ROWS)
            }
            int end = y * stride + (w - 1) * next;
            for (int p = y * stride + next; p < end; p += next) {
                int residual = 0;                   // 0 for the first channel: its prediction is the median's
                for (int c = 0, i = p, k0 = 0; c < ch; c++, i++, k0 += CLASSES) {
                    int v = s[i] & 0xFF;
                    int a = s[i - next] & 0xFF;
                    int b = s[i - stride] & 0xFF;
                    int nw = s[i - stride - next] & 0xFF;
                    int ne = s[i - stride + next] & 0xFF;
                    int max = a > b ? a : b;        // the median edge predictor, in place (the quick JIT
                    int min = a < b ? a : b;        // does not inline a method of its size)
                    int med = nw >= max ? min : (nw <= min ? max : a + b - nw);
                    int pred = med + residual;
                    pred = pred < 0 ? 0 : (pred > 255 ? 255 : pred);
                    residual = v - med;
                    int da = a - nw;
                    int db = b - nw;
                    int dn = ne - b;
                    int k = k0 + ACTIVITY_CLASS[(da < 0 ? -da : da) + (db < 0 ? -db : db) + (dn < 0 ? -dn : dn)];
                    int m = (int) ((long) sum[k] * RECIPROCAL[count[k]] >>> 20);
                    if (m >= TABLE) {
                        m = TABLE - 1;
                    }
                    int err = v - pred;
                    if (err < 0) {
                        err = -err;
                    }
                    nats += LOG_2E_MAD[m] + err * INVERSE_MAD[m] - 1;
                    sum[k] += err << 4;
                    if (++count[k] >= 256) {
                        sum[k] >>= 1;
                        count[k] >>= 1;
                    }
                }
            }
        }
        return nats;
    }

    /** The transpose of {@code r}: {@code t(x, y) = r(y, x)}. */
    public static Raster transpose(Raster r) {
        int w = r.width();
        int h = r.height();
        int ch = r.channels();
        Raster t = new Raster(h, w, ch);
        byte[] src = r.samples();
        byte[] dst = t.samples();
        int column = h * ch;                 // one row of the transpose
        for (int y = 0; y < h; y++) {
            int from = y * w * ch;
            int to = y * ch;
            for (int x = 0; x < w; x++, to += column) {
                for (int c = 0; c < ch; c++) {
                    dst[to + c] = src[from++];
                }
            }
        }
        return t;
    }

    /** The transpose of a PNG image (its samples and low bytes); everything else is kept. */
    static PngImage transpose(PngImage image) {
        return new PngImage(image.colorType(), image.bitDepth(), image.interlaced(), transpose(image.samples()),
                image.low() == null ? null : transpose(image.low()), image.palette(), image.chunks());
    }
}
