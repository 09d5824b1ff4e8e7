package io.lcompress.codec.coding.stage;

import io.lcompress.codec.image.Raster;

/** The four already-coded neighbours W, N, NW, NE that the copy stages take their candidates from. */
final class CausalNeighbours {
    static final int COUNT = 4;

    private CausalNeighbours() {
    }

    /**
     * Sets {@code out[s]} to the offset of the first sample of neighbour {@code s} (0 W, 1 N, 2 NW, 3 NE) of
     * (x, y) in {@code raster}, or -1 outside it: all four at once, for a stage that reads them every sample.
     * Returns the offset of (x, y)'s own first sample.
     */
    static int offsets(Raster raster, int x, int y, int[] out) {
        int w = raster.width();
        int channels = raster.channels();
        int here = (y * w + x) * channels;
        int up = here - w * channels;
        out[0] = x > 0 ? here - channels : -1;
        out[1] = y > 0 ? up : -1;
        out[2] = x > 0 && y > 0 ? up - channels : -1;
        out[3] = x + 1 < w && y > 0 ? up + channels : -1;
        return here;
    }
}
