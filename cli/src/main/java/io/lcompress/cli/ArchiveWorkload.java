package io.lcompress.cli;

import io.lcompress.codec.image.PngChunk;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngWriter;
import io.lcompress.codec.image.Raster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a class-data sharing archive is recorded from ({@code lib/launch.sh}, {@code bench --pareto}): small
 * images encoded and decoded through the real command line at the levels without a network, so that the
 * archive holds the classes of picocli, {@code encode}, {@code decode}, the coder and those models.
 *
 * <p>Run it under the interpreter alone ({@code -Xint}). A JDK 17 dynamic archive keeps the "queued for
 * compilation" mark of every method that waits in a compile queue when the archive is written (JDK-8306460,
 * fixed in JDK 21), and such a method is then never compiled in a run that maps the archive: the coder's
 * loop stayed interpreted and level 1 ran three times slower (docs/BENCHMARKS.md, session 16). Recording
 * the archive at the end of a user's command left that to chance; without a JIT nothing is ever queued.
 * It takes about 2.3 s on two cores, once per jar and JVM.
 */
final class ArchiveWorkload {
    private ArchiveWorkload() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run() == 0 ? 0 : Main.EXIT_FAILURE);
    }

    /** Runs the commands in a temporary folder (deleted after); returns how many failed. */
    static int run() throws IOException {
        Path dir = Files.createTempDirectory("lcompress-archive-");
        int failures = 0;
        try {
            // above 128 x 128 pixels: the orientation estimate runs too
            Path photo = write(dir.resolve("photo.png"), 132, 130);
            Path small = write(dir.resolve("small.png"), 24, 20);
            failures += command("encode", "-q", "-f", "-e", "1", photo.toString(), dir.resolve("photo.lc").toString());
            // as a user runs it: not quiet (the progress mode asks whether stderr is a terminal), over an
            // existing file (its permissions are kept), with a text chunk kept in the header
            failures += command("encode", "-f", "-e", "2", photo.toString(), dir.resolve("photo.lc").toString());
            failures += command("decode", "-q", "-f", dir.resolve("photo.lc").toString(), dir.resolve("photo-back.png").toString());
            for (String level : new String[]{"2", "3"}) {
                Path lc = dir.resolve("small-" + level + ".lc");
                failures += command("encode", "-q", "-f", "-e", level, small.toString(), lc.toString());
                failures += command("decode", "-q", "-f", lc.toString(), dir.resolve("small-" + level + ".png").toString());
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return failures;
    }

    private static int command(String... args) {
        return Main.execute(args) == 0 ? 0 : 1;
    }

    /** A smooth RGB image with a little deterministic noise, as a PNG file. */
    private static Path write(Path file, int width, int height) throws IOException {
        Raster r = new Raster(width, height, 3);
        byte[] s = r.samples();
        long state = 0x9E3779B97F4A7C15L;
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++, i++) {
                    state = state * 6364136223846793005L + 1442695040888963407L;
                    s[i] = (byte) (x + 2 * y + 40 * c + (int) (state >>> 61));
                }
            }
        }
        PngChunk text = new PngChunk(PngChunk.BEFORE_PLTE, "tEXt",
                "Comment\0lcompress class-data sharing workload".getBytes(StandardCharsets.ISO_8859_1));
        Files.write(file, PngWriter.write(new PngImage(PngImage.RGB, 8, false, r, null, null, List.of(text))));
        return file;
    }
}
