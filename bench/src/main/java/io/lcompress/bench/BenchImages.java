package io.lcompress.bench;

import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The test photo of the benchmarks: always 768 x 512 RGB. It is the Waterloo "sail" photo when the
 * shared data set is there (or the PNG named by {@code -Dlcompress.bench.image=FILE}, cut to 768 x 512),
 * otherwise a synthetic, deterministic photo-like image, so the benchmarks run anywhere.
 */
final class BenchImages {
    static final int WIDTH = 768;
    static final int HEIGHT = 512;
    static final int CHANNELS = 3;
    static final int PIXELS = WIDTH * HEIGHT;

    private static final List<String> CANDIDATES = List.of(
            "/work/shared/data/valid/waterloo-color/sail.png",
            "shared/data/valid/waterloo-color/sail.png",
            "../shared/data/valid/waterloo-color/sail.png");

    private BenchImages() {
    }

    /** The 768 x 512 x 3 photo and a word on where it came from. */
    record Photo(Raster raster, String source) {
    }

    static Photo photo() {
        String explicit = System.getProperty("lcompress.bench.image");
        List<String> paths = explicit != null ? List.of(explicit) : CANDIDATES;
        for (String p : paths) {
            Path path = Path.of(p);
            if (!Files.isRegularFile(path)) {
                continue;
            }
            try {
                Raster r = PngIO.read(path).samples();
                if (r.channels() == CHANNELS && r.width() >= WIDTH && r.height() >= HEIGHT) {
                    return new Photo(crop(r), path.toString());
                }
                System.err.println("lcompress bench: " + path + " is not an RGB image of at least 768x512, "
                        + "using a synthetic image");
            } catch (IOException e) {
                System.err.println("lcompress bench: cannot read " + path + " (" + e.getMessage()
                        + "), using a synthetic image");
            }
        }
        return new Photo(synthetic(), "synthetic 768x512 image");
    }

    private static Raster crop(Raster r) {
        if (r.width() == WIDTH && r.height() == HEIGHT) {
            return r;
        }
        Raster out = new Raster(WIDTH, HEIGHT, CHANNELS);
        for (int y = 0; y < HEIGHT; y++) {
            System.arraycopy(r.samples(), y * r.width() * CHANNELS, out.samples(), y * WIDTH * CHANNELS,
                    WIDTH * CHANNELS);
        }
        return out;
    }

    /** Smooth gradients, a few hard-edged shapes, fine texture and sensor-like noise; seeded. */
    static Raster synthetic() {
        Raster r = new Raster(WIDTH, HEIGHT, CHANNELS);
        SplittableRandom rnd = new SplittableRandom(20240607L);
        byte[] s = r.samples();
        int i = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double sky = 40 + 150.0 * y / HEIGHT;
                double wave = 25 * Math.sin(x * 0.021 + Math.sin(y * 0.013) * 3) * Math.cos(y * 0.017);
                boolean disc = (x - 520) * (x - 520) + (y - 200) * (y - 200) < 90 * 90;
                boolean box = x > 80 && x < 300 && y > 300 && y < 470;
                double texture = box ? 18 * (((x / 6) + (y / 6)) % 2) : 0;
                for (int c = 0; c < CHANNELS; c++) {
                    double v = sky + wave * (c + 1) / 3.0 + texture;
                    if (disc) {
                        v = 200 - 30 * c + 0.2 * (x - 520);
                    }
                    v += rnd.nextGaussian() * 3.0;
                    s[i++] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
                }
            }
        }
        return r;
    }

    static int colorType() {
        return PngImage.RGB;
    }
}
