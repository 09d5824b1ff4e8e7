package io.lcompress.cli;

import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BenchCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    /** Runs {@code lcompress bench ...} with the external tools looked up in {@code toolDirs} (null: $PATH). */
    static Run bench(List<Path> toolDirs, String... args) {
        synchronized (CliTest.class) {
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                CommandLine cl = Main.commandLine();
                ((BenchCommand) cl.getSubcommands().get("bench").getCommand()).toolDirs = toolDirs;
                String[] all = new String[args.length + 1];
                all[0] = "bench";
                System.arraycopy(args, 0, all, 1, args.length);
                int code = cl.execute(all);
                return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
    }

    /** Two small images in a folder: a 64x48 RGB crop of a test photo and a 40x24 grey one. */
    Path smallImages() throws Exception {
        Path images = Files.createDirectories(dir.resolve("imgs"));
        Raster photo = PngIO.read(CliTest.photo()).samples();
        Raster rgb = new Raster(64, 48, 3);
        Raster grey = new Raster(40, 24, 1);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb.set(x, y, c, photo.get(x + 40, y + 30, c));
                }
                if (x < 40 && y < 24) {
                    grey.set(x, y, 0, photo.get(x + 60, y + 60, 1));
                }
            }
        }
        Files.write(images.resolve("a-rgb.png"), PngIO.encode(PngImage.of(rgb)));
        Files.write(images.resolve("b-grey.png"), PngIO.encode(PngImage.of(grey)));
        return images;
    }

    static boolean onPath(String tool) {
        return ExternalCodecs.ToolFinder.fromPath().find(tool).isPresent();
    }

    /** CSV lines as maps from header name to value. */
    static List<Map<String, String>> parseCsv(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(header.length, f.length, "fields in: " + line);
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                m.put(header[i], f[i]);
            }
            rows.add(m);
        }
        return rows;
    }

    static double num(Map<String, String> row, String key) {
        assertTrue(row.containsKey(key), "no column " + key);
        return Double.parseDouble(row.get(key));
    }

    @Test
    void benchWithTheExternalCodecs() throws Exception {
        assumeTrue(onPath("cwebp") && onPath("cjxl") && onPath("optipng"), "cwebp, cjxl and optipng not installed");
        Path images = smallImages();
        Path csv = dir.resolve("out.csv");
        Path md = dir.resolve("out.md");
        Run r = bench(null, "--model", "fast", "--threads", "1", "--progress", "none", "--csv", csv.toString(),
                "--md", md.toString(), images.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("not found"), r.err());
        for (String col : List.of("png", "optipng", "webp", "jxl7", "jxl9")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("image") && l.contains(" " + col)), r.out());
        }
        assertTrue(r.out().contains("TOTAL (2 images)"), r.out());
        assertTrue(r.out().contains("MEAN of per-image bpsp"), r.out());

        List<Map<String, String>> rows = parseCsv(csv);
        assertEquals(3, rows.size());
        long totalSub = 0;
        Map<String, Double> totalBits = new HashMap<>();
        for (Map<String, String> row : rows.subList(0, 2)) {
            long sub = (long) num(row, "width") * (long) num(row, "height") * (long) num(row, "channels");
            assertEquals(sub, (long) num(row, "subpixels"));
            assertEquals("exact", row.get("round_trip"));
            for (String c : List.of("lc", "png", "optipng", "webp", "jxl7", "jxl9")) {
                double bits = num(row, c + "_bits");
                assertTrue(bits > 0, c);
                assertEquals(bits / sub, num(row, c + "_bpsp"), 1e-6, c);
                totalBits.merge(c, bits, Double::sum);
            }
            for (String c : List.of("optipng", "webp", "jxl7", "jxl9")) {
                assertTrue(num(row, c + "_enc_s") >= 0);
            }
            assertTrue(num(row, "lc_enc_s") > 0 && num(row, "lc_dec_s") > 0);
            totalSub += sub;
        }
        assertEquals("imgs/b-grey.png", rows.get(1).get("image"));
        assertEquals(1, (int) num(rows.get(1), "channels"), "a grey image counts 1 channel");
        Map<String, String> total = rows.get(2);
        assertEquals("TOTAL", total.get("image"));
        assertEquals(totalSub, (long) num(total, "subpixels"));
        for (String c : List.of("lc", "png", "optipng", "webp", "jxl7", "jxl9")) {
            assertEquals(totalBits.get(c), num(total, c + "_bits"), 1e-6);
            assertEquals(totalBits.get(c) / totalSub, num(total, c + "_bpsp"), 1e-6);
        }
        // the stored PNG's size is the file's size
        assertEquals(Files.size(images.resolve("a-rgb.png")) * 8, (long) num(rows.get(0), "png_bits"));

        String text = Files.readString(md);
        assertTrue(text.contains("| set | images | subpixels | lcompress (model) | lcompress | png | optipng | webp | jxl7 | jxl9 |"),
                text);
        assertTrue(text.contains("| **all** | 2 | " + totalSub + " |"), text);
        assertTrue(text.contains("| mean of per-image bpsp |"), text);
        assertTrue(text.contains("| imgs/a-rgb.png | 64x48x3 |"), text);
        assertTrue(text.contains("| imgs/b-grey.png | 40x24x1 |"), text);
        assertTrue(text.contains("`cwebp -lossless -z 9 -exact -metadata none`"), text);
        assertTrue(text.contains("`cjxl -d 0 -e 9`"), text);
    }

    @Test
    void missingToolsAreSkippedWithANote() throws Exception {
        Path images = smallImages();
        Path empty = Files.createDirectories(dir.resolve("no-tools"));
        Path csv = dir.resolve("out.csv");
        Path md = dir.resolve("out.md");
        Run r = bench(List.of(empty), "--model", "fast", "--progress", "lines", "--csv", csv.toString(), "--md",
                md.toString(), images.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("cwebp not found: webp column skipped"), r.err());
        assertTrue(r.err().contains("cjxl not found: jxl7, jxl9 columns skipped"), r.err());
        assertTrue(r.err().contains("optipng not found: optipng column skipped"), r.err());
        assertEquals(1, r.err().split("cwebp not found", -1).length - 1, "noted once: " + r.err());
        assertTrue(r.err().contains("bench: [2/2]"), "progress on stderr: " + r.err());
        assertFalse(r.out().contains("bench:"), "stdout is only the table: " + r.out());

        String header = Files.readAllLines(csv).get(0);
        assertTrue(header.contains("png_bpsp"), header);
        assertFalse(header.contains("webp") || header.contains("jxl") || header.contains("optipng"), header);
        List<Map<String, String>> rows = parseCsv(csv);
        assertEquals(3, rows.size());
        assertEquals("TOTAL", rows.get(2).get("image"));
        for (Map<String, String> row : rows) {
            assertTrue(num(row, "lc_bpsp") > 0 && num(row, "png_bpsp") > 0);
            assertTrue(num(row, "model_bpsp") <= num(row, "lc_bpsp"));
        }
        assertTrue(Files.readString(md).contains("| set | images | subpixels | lcompress (model) | lcompress | png |\n"));
    }

    @Test
    void codecsSelectsASubset() throws Exception {
        Path images = smallImages();
        Path csv = dir.resolve("out.csv");
        Run r = bench(List.of(dir.resolve("nowhere")), "--model", "fast", "--codecs", "jxl7,png", "--progress",
                "none", "--csv", csv.toString(), images.resolve("a-rgb.png").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("cjxl not found: jxl7 column skipped"), r.err());
        assertFalse(r.err().contains("cwebp"), r.err());
        String header = Files.readAllLines(csv).get(0);
        assertTrue(header.endsWith("round_trip,png_bits,png_bpsp"), header);

        Run none = bench(List.of(), "--model", "fast", "--codecs", "none", "--progress", "none",
                images.resolve("a-rgb.png").toString());
        assertEquals(0, none.code(), none.err());
        String noneHeader = none.out().lines().filter(l -> l.startsWith("image")).findFirst().orElseThrow();
        assertFalse(noneHeader.contains(" png"), noneHeader);

        Run bad = bench(List.of(), "--codecs", "gif", images.toString());
        CliUsageTest.assertUsageError(new CliTest.Run(bad.code(), bad.out(), bad.err()), "bench");
        assertTrue(bad.err().contains("unknown codec 'gif'"), bad.err());
    }

    /** Writes an executable shell script (POSIX systems only). */
    Path script(Path folder, String name, String body) throws Exception {
        Path p = folder.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void toolsThatFailOrHangAreWarningsAndTheirOutputSizeIsMeasured() throws Exception {
        assumeTrue(File.separatorChar == '/' && Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path images = smallImages();
        Path tools = Files.createDirectories(dir.resolve("fake-tools"));
        // cwebp ... IN -o OUT: writes 1000 bytes
        script(tools, "cwebp", "if [ \"$1\" = -version ]; then echo 1.0-fake; exit 0; fi;"
                + " for a; do out=$a; done; head -c 1000 /dev/zero > \"$out\"");
        // answers --version, then hangs on images: killed after --tool-timeout
        script(tools, "cjxl", "if [ \"$1\" = --version ]; then echo 'cjxl v9.9 (fake)'; exit 0; fi; exec sleep 20");
        script(tools, "optipng", "echo 'optipng: broken' >&2; exit 3");
        Path csv = dir.resolve("out.csv");
        Run r = bench(List.of(tools), "--model", "fast", "--progress", "none", "--tool-timeout", "1", "--csv",
                csv.toString(), images.resolve("a-rgb.png").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("cjxl timed out after 1 s"), r.err());
        assertTrue(r.err().contains("optipng failed (exit 3): optipng: broken"), r.err());
        List<Map<String, String>> rows = parseCsv(csv);
        assertEquals(8000, (long) num(rows.get(0), "webp_bits"));
        assertEquals(8000.0 / (64 * 48 * 3), num(rows.get(0), "webp_bpsp"), 1e-6);
        assertEquals("", rows.get(0).get("jxl7_bpsp"));
        assertEquals("", rows.get(1).get("jxl9_bpsp"), "no total for a codec that failed");
        assertEquals("", rows.get(1).get("optipng_bits"));
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("TOTAL") && l.contains(" -")), r.out());
        Path md = dir.resolve("out.md");
        Run m = bench(List.of(tools), "--model", "fast", "--progress", "none", "--codecs", "webp", "--md",
                md.toString(), images.resolve("a-rgb.png").toString());
        assertEquals(0, m.code(), m.err());
        assertTrue(Files.readString(md).contains("(cwebp 1.0-fake)"), "the tool's version is recorded");
    }

    @Test
    void chartsAreWrittenAsPngs() throws Exception {
        Path images = smallImages();
        Path chart = dir.resolve("chart.png");
        Run r = bench(List.of(), "--model", "fast", "--progress", "none", "--chart", chart.toString(),
                images.toString());
        assertEquals(0, r.code(), r.err());
        Path second = dir.resolve("chart-model-vs-actual.png");
        for (Path p : List.of(chart, second)) {
            byte[] bytes = Files.readAllBytes(p);
            assertTrue(Arrays.equals(Arrays.copyOf(bytes, 4), new byte[]{(byte) 0x89, 'P', 'N', 'G'}), p.toString());
            BufferedImage img = ImageIO.read(p.toFile());
            assertNotNull(img, p.toString());
            assertTrue(img.getWidth() >= 700 && img.getHeight() >= 500, img.getWidth() + "x" + img.getHeight());
        }
        // existing outputs are kept without --force
        Run again = bench(List.of(), "--model", "fast", "--progress", "none", "--chart", chart.toString(),
                images.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("output exists"), again.err());
        Run forced = bench(List.of(), "--model", "fast", "--progress", "none", "--force", "--chart",
                chart.toString(), images.toString());
        assertEquals(0, forced.code(), forced.err());
    }

    @Test
    void chartsOfManyImagesGroupByFolder() throws Exception {
        BenchReport report = new BenchReport("fast", "0", 1, List.of(ExternalCodecs.PNG), Map.of());
        for (int i = 0; i < BenchCharts.MAX_IMAGE_CATEGORIES + 5; i++) {
            BenchReport.Row row = fakeRow("set" + (i % 3) + "/img" + i + ".png", "set" + (i % 3), 32, 32, 3);
            row.codecs.put("png", new ExternalCodecs.Result(2000 + i, Double.NaN));
            report.rows.add(row);
        }
        assertEquals(3, report.groups().size());
        BufferedImage bars = ImageIO.read(new java.io.ByteArrayInputStream(BenchCharts.bitsPerSubpixelChart(report)));
        BufferedImage scatter = ImageIO.read(new java.io.ByteArrayInputStream(BenchCharts.modelVsActualChart(report)));
        assertNotNull(bars);
        assertNotNull(scatter);
        String md = report.markdown(true);
        assertTrue(md.contains("| set0 | 15 |"), md);
        assertFalse(md.contains("img3.png"), "summary only: " + md);
        assertTrue(report.markdown(false).contains("img3.png"));
    }

    static BenchReport.Row fakeRow(String image, String group, int w, int h, int c) {
        BenchReport.Row row = new BenchReport.Row();
        row.image = image;
        row.group = group;
        row.width = w;
        row.height = h;
        row.channels = c;
        row.modelBits = w * h * c * 3.5;
        row.payloadBits = (long) Math.ceil(row.modelBits) + 8;
        row.fileBits = row.payloadBits + 480;
        row.encSeconds = 0.01;
        row.decSeconds = 0.01;
        row.roundTripExact = true;
        return row;
    }

    @Test
    void aRoundTripFailureIsShownInTheTables() {
        BenchReport report = new BenchReport("fast", "0", 1, List.of(), Map.of());
        report.rows.add(fakeRow("x/a,b.png", "x", 8, 8, 3));
        BenchReport.Row bad = fakeRow("x/c.png", "x", 8, 8, 1);
        bad.roundTripExact = false;
        report.rows.add(bad);
        String csv = report.csv();
        assertTrue(csv.contains("\"x/a,b.png\""), csv);
        assertTrue(csv.contains(",FAILED"), csv);
        assertTrue(csv.lines().filter(l -> l.startsWith("TOTAL")).allMatch(l -> l.contains("FAILED")), csv);
        assertTrue(report.markdown(false).contains("ROUND TRIP FAILED"));
    }

    /** A palette, a 16-bit RGB, an RGBA and a 4-bit grey image, written with the project's PNG writer. */
    static Path pngKinds(Path folder) throws Exception {
        Files.createDirectories(folder);
        Raster photo = PngIO.read(CliTest.photo()).samples();
        int w = 48;
        int h = 32;
        Raster idx = new Raster(w, h, 1);
        Raster hi = new Raster(w, h, 3);
        Raster lo = new Raster(w, h, 3);
        Raster rgba = new Raster(w, h, 4);
        Raster grey4 = new Raster(w, h, 1);
        int[] palette = new int[16];
        for (int i = 0; i < 16; i++) {
            palette[i] = (i * 16) << 24 | (255 - i * 12) << 16 | (i * 5) << 8 | (i < 12 ? 0xFF : 0x80);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                idx.set(x, y, 0, photo.get(x, y, 0) >> 4);
                grey4.set(x, y, 0, photo.get(x + 5, y, 1) >> 4);
                for (int c = 0; c < 3; c++) {
                    hi.set(x, y, c, photo.get(x + 20, y + 10, c));
                    lo.set(x, y, c, (x * 31 + y * 17 + c) & 0xFF);
                    rgba.set(x, y, c, photo.get(x + 50, y + 40, c));
                }
                rgba.set(x, y, 3, (x * 255) / (w - 1));
            }
        }
        Files.write(folder.resolve("palette.png"), PngIO.encode(new PngImage(PngImage.PALETTE, 8, false, idx, null, palette)));
        Files.write(folder.resolve("rgb16.png"), PngIO.encode(new PngImage(PngImage.RGB, 16, false, hi, lo, null)));
        Files.write(folder.resolve("rgba.png"), PngIO.encode(PngImage.of(rgba)));
        Files.write(folder.resolve("grey4.png"), PngIO.encode(new PngImage(PngImage.GRAY, 4, false, grey4, null, null)));
        return folder;
    }

    @Test
    void everyPngKindRoundTrips() throws Exception {
        Path kinds = pngKinds(dir.resolve("kinds"));
        Path csv = dir.resolve("kinds.csv");
        Run r = bench(List.of(), "--model", "fast", "--progress", "none", "--csv", csv.toString(), kinds.toString());
        assertEquals(0, r.code(), r.err());
        List<Map<String, String>> rows = parseCsv(csv);
        assertEquals(5, rows.size());
        Map<String, Integer> channels = new HashMap<>();
        for (Map<String, String> row : rows.subList(0, 4)) {
            assertEquals("exact", row.get("round_trip"), row.get("image"));
            channels.put(row.get("image"), (int) num(row, "channels"));
            assertEquals(num(row, "png_bits") / num(row, "subpixels"), num(row, "png_bpsp"), 1e-6);
        }
        assertEquals(Map.of("kinds/grey4.png", 1, "kinds/palette.png", 4, "kinds/rgb16.png", 3, "kinds/rgba.png", 4),
                channels, "a palette with transparency counts 4 channels");
    }

    @Test
    void aBrokenImageFailsTheRunButTheOthersAreReported() throws Exception {
        Path images = smallImages();
        Files.write(images.resolve("c-broken.png"), new byte[]{1, 2, 3});
        Path csv = dir.resolve("out.csv");
        Run r = bench(List.of(), "--model", "fast", "--progress", "none", "--csv", csv.toString(), images.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("c-broken.png: not a PNG file"), r.err());
        assertEquals(3, parseCsv(csv).size());
    }
}
