package io.lcompress.codec.coding.stage;

import io.lcompress.codec.image.Raster;

/** The four already-coded neighbours W, N, NW, NE that the copy stages take their candidates from. */
final class CausalNeighbours {
    static final int COUNT = 4;

    private CausalNeighbours() {
    }

    /** Offset of the first sample of neighbour {@code s} (0 W, 1 N, 2 NW, 3 NE) of (x, y), or -1 outside. */
    static int offset(Raster raster, int x, int y, int s) {
        int w = raster.width();
        int channels = raster.channels();
        return switch (s) {
            case 0 -> x > 0 ? ((y * w) + x - 1) * channels : -1;
            case 1 -> y > 0 ? (((y - 1) * w) + x) * channels : -1;
            case 2 -> x > 0 && y > 0 ? (((y - 1) * w) + x - 1) * channels : -1;
            default -> x + 1 < w && y > 0 ? (((y - 1) * w) + x + 1) * channels : -1;
        };
    }
}
