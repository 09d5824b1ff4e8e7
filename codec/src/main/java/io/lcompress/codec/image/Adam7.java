package io.lcompress.codec.image;

import java.util.ArrayList;
import java.util.List;

/** The seven passes of PNG's Adam7 interlacing. */
final class Adam7 {
    private static final int[] X0 = {0, 4, 0, 2, 0, 1, 0};
    private static final int[] Y0 = {0, 0, 4, 0, 2, 0, 1};
    private static final int[] DX = {8, 8, 4, 4, 2, 2, 1};
    private static final int[] DY = {8, 8, 8, 4, 4, 2, 2};

    private Adam7() {
    }

    /**
     * A pass: the pixels {@code (x0 + i * dx, y0 + j * dy)} for {@code i < width}, {@code j < height}.
     * Invariant: width and height are at least 1.
     */
    record Pass(int x0, int y0, int dx, int dy, int width, int height) {
    }

    /** The non-empty passes of a {@code width x height} image, in file order. */
    static List<Pass> passes(int width, int height) {
        List<Pass> out = new ArrayList<>(7);
        for (int p = 0; p < 7; p++) {
            int w = extent(width, X0[p], DX[p]);
            int h = extent(height, Y0[p], DY[p]);
            if (w > 0 && h > 0) {
                out.add(new Pass(X0[p], Y0[p], DX[p], DY[p], w, h));
            }
        }
        return out;
    }

    private static int extent(int size, int start, int step) {
        return size <= start ? 0 : (int) (((long) size - start + step - 1) / step);
    }
}
