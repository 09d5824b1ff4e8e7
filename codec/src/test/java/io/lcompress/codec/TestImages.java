package io.lcompress.codec;

import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Test images: the repository's testdata photos and generated edge cases. */
public final class TestImages {
    private TestImages() {
    }

    public static Path testdata() {
        for (Path p : List.of(Path.of("testdata"), Path.of("../testdata"), Path.of("../../testdata"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("testdata/ not found from " + Path.of("").toAbsolutePath());
    }

    public static List<Path> photos() {
        try (Stream<Path> s = Files.list(testdata())) {
            return s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PngImage read(Path p) {
        try {
            return PngIO.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Raster noise(int w, int h, int c, long seed) {
        Raster r = new Raster(w, h, c);
        new Random(seed).nextBytes(r.samples());
        return r;
    }

    public static Raster constant(int w, int h, int c, int value) {
        Raster r = new Raster(w, h, c);
        java.util.Arrays.fill(r.samples(), (byte) value);
        return r;
    }

    /** A smooth synthetic picture with edges and mild noise (a stand-in for a photo at any size). */
    public static Raster synthetic(int w, int h, int c, long seed) {
        Random rnd = new Random(seed);
        Raster r = new Raster(w, h, c);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    double v = 128 + 60 * Math.sin(x * 0.02 + k) * Math.cos(y * 0.015 - k)
                            + ((x / 97 + y / 61) % 2 == 0 ? 30 : -30) + rnd.nextGaussian() * 3;
                    r.set(x, y, k, (int) Math.max(0, Math.min(255, Math.round(v))));
                }
            }
        }
        return r;
    }
}
