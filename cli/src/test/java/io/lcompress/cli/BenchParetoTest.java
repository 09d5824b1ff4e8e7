package io.lcompress.cli;

import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.lcompress.cli.BenchCommandTest.bench;
import static io.lcompress.cli.BenchCommandTest.num;
import static io.lcompress.cli.BenchCommandTest.onPath;
import static io.lcompress.cli.BenchCommandTest.parseCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code lcompress bench --pareto}: option parsing, real runs on a tiny image, the table, CSV, Markdown and chart. */
class BenchParetoTest {
    @TempDir
    Path dir;

    /** A 64x48 RGB crop of a test photo: JVM start-up, not coding, dominates its time. */
    Path tinyImage() throws Exception {
        Raster photo = PngIO.read(CliTest.photo()).samples();
        Raster rgb = new Raster(64, 48, 3);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb.set(x, y, c, photo.get(x + 40, y + 30, c));
                }
            }
        }
        Path p = Files.createDirectories(dir.resolve("imgs")).resolve("tiny.png");
        Files.write(p, PngIO.encode(PngImage.of(rgb)));
        return p;
    }

    static boolean isPng(Path p) throws Exception {
        byte[] bytes = Files.readAllBytes(p);
        return Arrays.equals(Arrays.copyOf(bytes, 4), new byte[]{(byte) 0x89, 'P', 'N', 'G'});
    }

    static Map<String, String> row(List<Map<String, String>> rows, String label) {
        return rows.stream().filter(r -> r.get("label").equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in " + rows));
    }

    // ------------------------------------------------------------------ options

    @Test
    void levelListsTakeNumbersAndRanges() {
        assertEquals(List.of(1, 2, 3, 7), EffortList.parse("1-3,7").levels());
        assertEquals(List.of(1, 3, 7), EffortList.parse("7,3,1,3").levels());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), EffortList.parse(" 1 - 9 ").levels());
        assertEquals(List.of(4), EffortList.parse("4-4").levels());
        assertTrue(EffortList.parse("none").isEmpty());
        assertEquals("1-3,7", EffortList.parse("7,1-3").toString());
        assertEquals("1,2,5-9", EffortList.parse("1,2,5-9").toString());
        for (String bad : List.of("", "0", "10", "1-10", "3-1", "a", "1,,2", "1-", "-1", "1.5", "1-3-5", "99999999")) {
            assertThrows(IllegalArgumentException.class, () -> EffortList.parse(bad), bad);
        }
    }

    @Test
    void badParetoOptionsAreUsageErrors() throws Exception {
        Path img = dir.resolve("x.png");
        String chart = dir.resolve("p.png").toString();
        List<List<String>> bad = List.of(
                List.of("--pareto", chart, "--levels", "0"),
                List.of("--pareto", chart, "--levels", "1-x"),
                List.of("--pareto", chart, "--levels", "3-1"),
                List.of("--pareto", chart, "--jxl-efforts", "10"),
                List.of("--pareto", chart, "--repeat", "0"),
                List.of("--pareto", chart, "--repeat", "two"),
                List.of("--pareto", chart, "--effort", "3"),
                List.of("--pareto", chart, "--model", "fast"),
                List.of("--pareto", chart, "--chart", dir.resolve("c.png").toString()),
                List.of("--pareto", chart, "--codecs", "optipng"),
                List.of("--levels", "1-3"),
                List.of("--jxl-efforts", "7"),
                List.of("--repeat", "3"));
        for (List<String> args : bad) {
            String[] all = new String[args.size() + 1];
            args.toArray(all);
            all[args.size()] = img.toString();
            BenchCommandTest.Run r = bench(List.of(), all);
            assertEquals(2, r.code(), args + ": " + r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
        BenchCommandTest.Run r = bench(List.of(), "--pareto", chart, "--levels", "1-12", img.toString());
        assertTrue(r.err().contains("--levels") && r.err().contains("12"), r.err());
        assertFalse(Files.exists(dir.resolve("p.png")), "nothing written on a usage error");
    }

    @Test
    void helpExplainsPareto() {
        BenchCommandTest.Run r = bench(List.of(), "--help");
        assertEquals(0, r.code());
        for (String s : List.of("--pareto=FILE.png", "--levels=LIST", "--jxl-efforts=LIST", "--repeat=N",
                "seconds per megapixel", "djxl", "dwebp")) {
            assertTrue(r.out().contains(s), s + " in " + r.out());
        }
    }

    // ------------------------------------------------------------------ real runs

    @Test
    void effortOneWithoutTheToolsRunsAndDrawsTheChart() throws Exception {
        Path img = tinyImage();
        Path chart = dir.resolve("pareto.png");
        Path csv = dir.resolve("pareto.csv");
        Path md = dir.resolve("pareto.md");
        Path noTools = Files.createDirectories(dir.resolve("no-tools"));
        BenchCommandTest.Run r = bench(List.of(noTools), "--pareto", chart.toString(), "--levels", "1",
                "--progress", "lines", "--csv", csv.toString(), "--md", md.toString(), img.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("cjxl not found: cjxl points skipped"), r.err());
        assertTrue(r.err().contains("cwebp not found: cwebp point skipped"), r.err());
        assertTrue(r.err().contains("bench: [1/1]"), r.err());
        assertTrue(r.out().startsWith("Pareto: 1 image, 0.003 megapixels, 9216 subpixels"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("lcompress") && l.contains("-e 1 (fast2)")
                && l.endsWith("exact")), r.out());
        assertFalse(r.out().contains("cjxl-e7"), "no ratio column without cjxl -e 7: " + r.out());

        assertTrue(isPng(chart));
        BufferedImage image = ImageIO.read(chart.toFile());
        assertNotNull(image);
        assertTrue(image.getWidth() >= 900 && image.getHeight() >= 600, image.getWidth() + "x" + image.getHeight());

        List<Map<String, String>> rows = parseCsv(csv);
        assertEquals(2, rows.size(), rows.toString());
        Map<String, String> e1 = row(rows, "e1");
        assertEquals("lcompress", e1.get("codec"));
        assertEquals("exact", e1.get("round_trip"));
        assertEquals(9216, (long) num(e1, "subpixels"));
        double bpsp = num(e1, "bpsp");
        assertTrue(bpsp > 0.5 && bpsp < 12, "bits per subpixel " + bpsp);
        assertEquals(num(e1, "bits") / 9216, bpsp, 1e-6);
        // a JVM start and a tiny image: more than a millisecond, less than a minute
        for (String t : List.of("enc_median_s", "dec_median_s")) {
            assertTrue(num(e1, t) > 0.001 && num(e1, t) < 60, t + " " + num(e1, t));
        }
        assertEquals(num(e1, "enc_s") / 0.003072, num(e1, "enc_s_per_mp"), 1e-2 * num(e1, "enc_s_per_mp"));
        assertEquals("yes", e1.get("pareto_front"), "the only timed point is the front");
        Map<String, String> png = row(rows, "PNG");
        assertEquals(Files.size(img) * 8, (long) num(png, "bits"));
        assertEquals("", png.get("enc_s"));

        String text = Files.readString(md);
        assertTrue(text.contains("| lcompress | `-e 1` (fast2) | "), text);
        assertTrue(text.contains("| png | as stored (size only) | "), text);
        assertTrue(text.contains("compared with its input: all exact"), text);
    }

    @Test
    void withTheReferenceTools() throws Exception {
        assumeTrue(onPath("cjxl") && onPath("djxl") && onPath("cwebp") && onPath("dwebp"),
                "cjxl, djxl, cwebp and dwebp not installed");
        Path img = tinyImage();
        Path chart = dir.resolve("pareto.png");
        Path csv = dir.resolve("pareto.csv");
        BenchCommandTest.Run r = bench(null, "--pareto", chart.toString(), "--levels", "1", "--jxl-efforts", "1,7",
                "--progress", "none", "--csv", csv.toString(), img.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("not found"), r.err());
        assertTrue(isPng(chart));
        List<Map<String, String>> rows = parseCsv(csv);
        assertEquals(List.of("e1", "cjxl e1", "cjxl e7", "cwebp", "PNG"),
                rows.stream().map(m -> m.get("label")).toList());
        assertEquals(1.0, num(row(rows, "cjxl e7"), "enc_vs_cjxl_e7"), 1e-9);
        for (String label : List.of("e1", "cjxl e1", "cjxl e7", "cwebp")) {
            Map<String, String> m = row(rows, label);
            assertTrue(num(m, "bpsp") > 0.5 && num(m, "bpsp") < 12, label);
            assertTrue(num(m, "enc_s") > 0 && num(m, "dec_s") > 0, label);
            double ratio = num(m, "enc_s") / num(row(rows, "cjxl e7"), "enc_s");     // of rounded times
            assertEquals(ratio, num(m, "enc_vs_cjxl_e7"), 0.01 * ratio, label);
        }
        assertTrue(rows.stream().anyMatch(m -> m.get("pareto_front").equals("yes")));
        assertTrue(r.out().contains("enc/cjxl-e7"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("cjxl/djxl") && l.contains("-d 0 -e 7")), r.out());
    }

    // ------------------------------------------------------------------ a stand-in lcompress

    /** Writes an executable shell script (POSIX systems only). */
    Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** Runs bench --pareto with {@code lcompress} standing in for the lcompress JVM. */
    BenchCommandTest.Run paretoWith(Path lcompress, String... args) {
        synchronized (CliTest.class) {
            var cl = Main.commandLine();
            BenchCommand b = (BenchCommand) cl.getSubcommands().get("bench").getCommand();
            b.lcompressCommand = List.of(lcompress.toString());
            java.io.PrintStream oldOut = System.out;
            java.io.PrintStream oldErr = System.err;
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            try {
                System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
                System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
                b.toolDirs = List.of(dir.resolve("nowhere"));
                String[] all = new String[args.length + 1];
                all[0] = "bench";
                System.arraycopy(args, 0, all, 1, args.length);
                int code = cl.execute(all);
                return new BenchCommandTest.Run(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                        err.toString(java.nio.charset.StandardCharsets.UTF_8));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
    }

    @Test
    void aDecodedImageThatDiffersFailsTheRun() throws Exception {
        assumeTrue(File.separatorChar == '/' && Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path img = tinyImage();
        // "encode": the .lc file is a copy of the PNG; "decode" writes another image
        Raster other = PngIO.read(img).samples();
        other.set(5, 7, 1, (other.get(5, 7, 1) + 1) & 0xFF);
        Path wrong = dir.resolve("wrong.png");
        Files.write(wrong, PngIO.encode(PngImage.of(other)));
        Path fake = script("fake-lcompress", "cmd=$1; for a; do prev=$out; out=$a; done; in=$prev;"
                + " if [ \"$cmd\" = decode ]; then cp '" + wrong + "' \"$out\"; else cp \"$in\" \"$out\"; fi");
        Path csv = dir.resolve("p.csv");
        Path md = dir.resolve("p.md");
        BenchCommandTest.Run r = paretoWith(fake, "--pareto", dir.resolve("p.png").toString(), "--levels", "1,3",
                "--repeat", "2", "--progress", "none", "--csv", csv.toString(), "--md", md.toString(), img.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("lcompress -e 1: ROUND TRIP FAILED: the decoded image differs from the input "
                + "(sample differs at pixel (5, 7), channel 1)"), r.err());
        assertTrue(r.err().contains("lcompress -e 3: ROUND TRIP FAILED"), r.err());
        assertTrue(r.err().contains("lcompress: ROUND TRIP FAILED: lcompress is not lossless here"), r.err());
        List<Map<String, String>> rows = parseCsv(csv);
        assertEquals("FAILED", row(rows, "e1").get("round_trip"));
        assertEquals("", row(rows, "e1").get("bpsp"), "no numbers for a failed point");
        assertTrue(Files.readString(md).contains("**ROUND TRIP FAILED**"));
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("lcompress") && l.endsWith("FAILED")), r.out());
    }

    @Test
    void aFaithfulStandInPassesAndALcompressThatFailsIsAnError() throws Exception {
        assumeTrue(File.separatorChar == '/' && Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path img = tinyImage();
        // the options it gets, recorded; the "file" is the PNG, so the round trip is exact
        Path argsLog = dir.resolve("args.txt");
        Path good = script("good-lcompress", "echo \"$@\" >> '" + argsLog + "'; for a; do prev=$out; out=$a; done;"
                + " cp \"$prev\" \"$out\"");
        Path csv = dir.resolve("p.csv");
        BenchCommandTest.Run ok = paretoWith(good, "--pareto", dir.resolve("p.png").toString(), "--levels", "2",
                "--repeat", "3", "--threads", "1", "--codecs", "none", "--progress", "none", "--csv", csv.toString(),
                img.toString());
        assertEquals(0, ok.code(), ok.err());
        List<String> calls = Files.readAllLines(argsLog);
        assertEquals(7, calls.size(), "a warm-up, three encodes and three decodes: " + calls);
        assertEquals("--version", calls.get(0), "the untimed warm-up");
        assertTrue(calls.get(1).startsWith("encode -q -f -e 2 --threads 1 "), calls.get(1));
        assertTrue(calls.get(2).startsWith("decode -q -f --threads 1 "), calls.get(2));
        List<Map<String, String>> rows = parseCsv(csv);
        assertEquals(1, rows.size(), "--codecs none: lcompress only");
        assertEquals(Files.size(img) * 8, (long) num(rows.get(0), "bits"));
        assertEquals("exact", rows.get(0).get("round_trip"));

        Path bad = script("bad-lcompress", "echo 'lcompress: out of luck' >&2; exit 3");
        BenchCommandTest.Run r = paretoWith(bad, "--pareto", dir.resolve("q.png").toString(), "--levels", "1",
                "--progress", "none", img.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("lcompress -e 1 encode failed (exit 3): lcompress: out of luck"), r.err());
        assertTrue(r.err().contains("cjxl not found"), r.err());
    }

    // ------------------------------------------------------------------ the report and the chart

    static ParetoReport.Point point(ParetoReport.Family f, int level, String label, double bpsp, double encS,
                                    double decS) {
        ParetoReport.Point p = new ParetoReport.Point(f, level, label, label, f != ParetoReport.Family.PNG,
                f != ParetoReport.Family.PNG);
        long sub = 3_000_000;
        p.add(Math.round(bpsp * sub), sub, 1_000_000, encS, decS);
        return p;
    }

    @Test
    void frontMediansRatiosAndLabels() throws Exception {
        assertEquals(2.0, ParetoReport.median(new double[]{3, 1, 2}));
        assertEquals(2.5, ParetoReport.median(new double[]{4, 1, 2, 3}));
        assertTrue(Double.isNaN(ParetoReport.median(new double[0])));

        ParetoReport r = new ParetoReport(3, 2, Map.of("cjxl", "cjxl v0.7.0"));
        r.images = 1;
        r.pixels = 1_000_000;
        r.subpixels = 3_000_000;
        var e1 = point(ParetoReport.Family.LCOMPRESS, 1, "e1", 3.0, 1.0, 1.1);
        var e2 = point(ParetoReport.Family.LCOMPRESS, 2, "e2", 3.0, 1.2, 1.1);
        var e7 = point(ParetoReport.Family.LCOMPRESS, 7, "e7", 2.5, 10, 10);
        var j1 = point(ParetoReport.Family.CJXL, 1, "cjxl e1", 3.4, 0.2, 0.2);
        var j7 = point(ParetoReport.Family.CJXL, 7, "cjxl e7", 2.8, 2.0, 0.3);
        var j9 = point(ParetoReport.Family.CJXL, 9, "cjxl e9", 2.7, 30, 0.3);
        var webp = point(ParetoReport.Family.CWEBP, 0, "cwebp", 2.9, 20, 0.1);
        var png = point(ParetoReport.Family.PNG, 0, "PNG", 4.0, Double.NaN, Double.NaN);
        r.points.addAll(List.of(e1, e2, e7, j1, j7, j9, webp, png));
        assertEquals(List.of(j1, e1, j7, e7), r.front());
        assertEquals(5.0, r.encRatioToCjxl7(e7), 1e-9);
        assertEquals(10.0, e7.encSecondsPerMp(), 1e-9);
        assertTrue(Double.isNaN(png.encSecondsPerMp()));
        assertEquals(List.of("e1=e2", "", "e7"), BenchCharts.mergedLabels(List.of(e1, e2, e7)));
        j9.complete = false;
        assertTrue(Double.isNaN(j9.bpsp()), "a point that failed on an image has no totals");

        String csv = r.csv();
        assertTrue(csv.startsWith(String.join(",", ParetoReport.CSV_HEADER) + "\n"), csv);
        assertTrue(csv.contains("\ncjxl/djxl,cjxl e9,cjxl e9,1,,,1.000000,,,,,,,,,,\n"), csv);
        String md = r.markdown();
        assertTrue(md.contains("| encode time / cjxl -e 7 |"), md);
        assertTrue(md.contains("Tools: cjxl: cjxl v0.7.0."), md);

        for (double pngBpsp : new double[]{4.0, 12.0}) {
            png.bits = Math.round(pngBpsp * png.subpixels);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(BenchCharts.paretoChart(r)));
            assertNotNull(img);
            assertEquals(1000, img.getWidth());
        }
        // no timed point at all: still a chart
        ParetoReport onlyPng = new ParetoReport(1, null, Map.of());
        onlyPng.images = 1;
        onlyPng.pixels = 1_000_000;
        onlyPng.points.add(point(ParetoReport.Family.PNG, 0, "PNG", 4.0, Double.NaN, Double.NaN));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(BenchCharts.paretoChart(onlyPng))));
    }
}
