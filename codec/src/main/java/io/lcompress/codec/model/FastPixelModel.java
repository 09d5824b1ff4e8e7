package io.lcompress.codec.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.LogisticMixture;

/**
 * The non-learned baseline ({@code --model fast}): a single logistic per subpixel whose location is
 * the median-edge (LOCO-I / JPEG-LS) prediction, corrected by the previous channel's residual of the
 * same pixel and by an adaptive per-context bias, and whose scale comes from the running mean absolute
 * error of a local-activity context.
 *
 * <p>Contexts: per channel, 16 activity classes from {@code |W-NW| + |N-NW| + |N-NE|} (plus twice
 * the previous channel's absolute residual for channels after the first). Each context keeps integer
 * sums of absolute error and of signed error over a window that halves every 64 samples, as JPEG-LS
 * does. All state is integer or computed with a fixed order of IEEE operations and {@code StrictMath},
 * so encoder and decoder agree on every machine.
 *
 * <p>Borders: outside the image, the north neighbours of the first row are the west neighbour (or 128
 * at the first pixel), the west neighbours of the first column are the north neighbour, and NE past
 * the last column is N.
 */
public final class FastPixelModel implements PixelModel {
    public static final String NAME = "fast";
    /** Bump when the algorithm changes: files made by another version are refused by fingerprint. */
    private static final long FINGERPRINT = 0x6661737400000001L;   // "fast" v1

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long fingerprint() {
        return FINGERPRINT;
    }

    @Override
    public boolean supportsChannels(int channels) {
        return channels >= 1 && channels <= 4;
    }

    @Override
    public PixelPredictor newPredictor(Raster raster) {
        return new Predictor(raster);
    }

    private static final int CLASSES = 16;
    private static final double MIN_SCALE = 0.08;
    private static final int RESET = 64;
    /** Mean absolute deviation of a logistic is 2 ln 2 times its scale. */
    private static final double MAD_PER_SCALE = 2 * 0.6931471805599453;

    private static final class Predictor implements PixelPredictor {
        private final Raster raster;
        private final int channels;
        private final int[] absSum;
        private final int[] errSum;
        private final int[] count;
        private final int[] prediction;   // integer MED prediction per channel of the current pixel
        private final int[] context;      // context index per channel of the current pixel
        private final double[] location;  // location used per channel
        private int x;
        private int y;

        Predictor(Raster raster) {
            this.raster = raster;
            this.channels = raster.channels();
            int n = channels * CLASSES;
            absSum = new int[n];
            errSum = new int[n];
            count = new int[n];
            for (int i = 0; i < n; i++) {
                int cls = i % CLASSES;
                absSum[i] = 2 + 2 * cls;   // prior: larger errors in busier contexts
                count[i] = 1;
            }
            prediction = new int[channels];
            context = new int[channels];
            location = new double[channels];
        }

        @Override
        public void beginPixel(int x, int y) {
            this.x = x;
            this.y = y;
        }

        private int sample(int xx, int yy, int c) {
            return raster.get(xx, yy, c);
        }

        @Override
        public void predict(int c, LogisticMixture out) {
            int w;
            int n;
            int nw;
            int ne;
            if (y == 0) {
                w = x > 0 ? sample(x - 1, 0, c) : 128;
                n = w;
                nw = w;
                ne = w;
            } else {
                n = sample(x, y - 1, c);
                w = x > 0 ? sample(x - 1, y, c) : n;
                nw = x > 0 ? sample(x - 1, y - 1, c) : n;
                ne = x + 1 < raster.width() ? sample(x + 1, y - 1, c) : n;
            }
            int med;
            int mx = Math.max(w, n);
            int mn = Math.min(w, n);
            if (nw >= mx) {
                med = mn;
            } else if (nw <= mn) {
                med = mx;
            } else {
                med = w + n - nw;
            }
            int activity = Math.abs(w - nw) + Math.abs(n - nw) + Math.abs(n - ne);
            double loc = med;
            if (c > 0) {
                int prev = raster.get(x, y, c - 1);
                int resid = prev - prediction[c - 1];
                loc += resid;
                activity += 2 * Math.abs(resid);
            }
            int cls = activityClass(activity);
            int ctx = c * CLASSES + cls;
            loc += (double) errSum[ctx] / count[ctx];
            prediction[c] = med + (c > 0 ? raster.get(x, y, c - 1) - prediction[c - 1] : 0);
            context[c] = ctx;
            location[c] = loc;
            double mad = (double) absSum[ctx] / count[ctx];
            double scale = mad / MAD_PER_SCALE;
            if (scale < MIN_SCALE) {
                scale = MIN_SCALE;
            }
            out.single(loc, StrictMath.log(scale));
        }

        @Override
        public void observe(int c, int value) {
            int ctx = context[c];
            double err = value - location[c];
            int errInt = value - prediction[c];
            absSum[ctx] += (int) (err < 0 ? -err + 0.5 : err + 0.5);
            errSum[ctx] += errInt;
            count[ctx]++;
            if (count[ctx] >= RESET) {
                absSum[ctx] >>= 1;
                errSum[ctx] /= 2;
                count[ctx] >>= 1;
            }
        }

        private static int activityClass(int a) {
            // roughly logarithmic buckets: 0,1,2,3-4,5-6,7-9,10-13,14-19,20-27,28-39,40-55,56-79,...
            int[] bounds = BOUNDS;
            int i = 0;
            while (i < bounds.length && a > bounds[i]) {
                i++;
            }
            return i;
        }

        private static final int[] BOUNDS = {0, 1, 2, 4, 6, 9, 13, 19, 27, 39, 55, 79, 112, 160, 230};
    }
}
