package io.lcompress.cli;

import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Determinism across JVMs: files encoded by the default JDK and by a second JDK (Temurin 25 where the
 * machine has it; override with -Dlcompress.secondJdk=/path/to/jdk), each with 1 and 2 threads and
 * one or two processors visible, are byte-identical, and each JVM decodes the other's files to the
 * same pixels. Skipped, with a message, when no second JDK is present.
 */
class CrossJvmTest {
    @TempDir
    Path dir;

    static Path secondJdk() {
        String configured = System.getProperty("lcompress.secondJdk", System.getenv("LCOMPRESS_SECOND_JDK"));
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"));
        for (Path p : candidates) {
            if (Files.isExecutable(p.resolve("bin/java"))) {
                return p;
            }
        }
        return null;
    }

    static void run(Path javaHome, List<String> jvmArgs, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin/java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
    }

    @Test
    void filesAreIdenticalAcrossJvmsAndThreadCounts() throws Exception {
        Path second = secondJdk();
        Assumptions.assumeTrue(second != null,
                "no second JDK found (looked for /usr/lib/jvm/temurin-25-jdk-amd64; set -Dlcompress.secondJdk): skipped");
        Path first = Path.of(System.getProperty("java.home"));
        Path photo = CliTest.photo();
        // a 16-bit RGBA image too, so the low-byte and alpha planes are covered
        Raster hi = io.lcompress.codec.TestImagesAccess.synthetic(61, 45, 4, 7);
        Raster lo = io.lcompress.codec.TestImagesAccess.synthetic(61, 45, 4, 8);
        Path rgba16 = dir.resolve("rgba16.png");
        Files.write(rgba16, PngIO.encode(new PngImage(PngImage.RGBA, 16, false, hi, lo, null)));
        // and, once, a 1-bit page (every model codes it with bilevel)
        Path page = photo.resolveSibling("bilevel").resolve("text-640x480.png");
        // and, for the levels, the photo posterized to at most 64 colours: coded with a colour set, so
        // with the colour histogram stage
        Raster few = PngIO.read(photo).samples();
        byte[] fs = few.samples();
        for (int i = 0; i < fs.length; i++) {
            fs[i] = (byte) (fs[i] & 0xC0 | 0x20);
        }
        Path posterized = dir.resolve("few-colours.png");
        Files.write(posterized, PngIO.encode(PngImage.of(few)));
        // every built-in model by name, then every effort level's recipe (the levels add the CDF
        // calibration stage and the colour histogram stage, which --model does not)
        List<List<String>> settings = new ArrayList<>();
        for (PixelModel m : ModelRegistry.builtIns()) {
            settings.add(List.of("--model", m.name()));
        }
        java.util.Set<String> recipes = new java.util.HashSet<>();
        for (io.lcompress.codec.coding.Effort e : io.lcompress.codec.coding.Effort.ALL) {
            if (recipes.add(e.recipe())) {
                settings.add(List.of("-e", Integer.toString(e.level())));
            }
        }
        for (List<String> setting : settings) {
            boolean bilevel = setting.get(1).equals("bilevel");
            boolean level = setting.get(0).equals("-e");
            for (Path input : bilevel ? List.of(photo, rgba16, page)
                    : level ? List.of(photo, rgba16, posterized) : List.of(photo, rgba16)) {
                String tag = (setting.get(0).equals("-e") ? "e" : "") + setting.get(1) + "-" + input.getFileName();
                Path a = dir.resolve(tag + "-a.lc");
                Path b = dir.resolve(tag + "-b.lc");
                Path c = dir.resolve(tag + "-c.lc");
                run(first, List.of(), "encode", "-q", "--threads", "1", setting.get(0), setting.get(1), input.toString(), a.toString());
                if (input == posterized) {
                    assertTrue(io.lcompress.codec.container.LcFormat.read(Files.readAllBytes(a)).header().mainPlane()
                            .hasStage(io.lcompress.codec.container.ModelPlane.STAGE_COLOUR_HISTOGRAM), tag);
                }
                // JDK 17 runs the scalar dense-layer kernel, the second JDK the Vector API one
                run(second, List.of("-XX:ActiveProcessorCount=1", "--add-modules", "jdk.incubator.vector"), "encode", "-q", "--threads", "2", setting.get(0), setting.get(1),
                        input.toString(), b.toString());
                run(second, List.of("--add-modules", "jdk.incubator.vector"), "encode", "-q", setting.get(0), setting.get(1), input.toString(), c.toString());
                assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), tag + ": JDK 17 vs second JDK");
                assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(c), tag + ": threads");
                Path da = dir.resolve(tag + "-a.png");
                Path db = dir.resolve(tag + "-b.png");
                run(second, List.of("--add-modules", "jdk.incubator.vector"), "decode", "-q", a.toString(), da.toString());
                run(first, List.of(), "decode", "-q", "--threads", "1", b.toString(), db.toString());
                PngImage orig = PngIO.read(input);
                for (Path d : List.of(da, db)) {
                    PngImage back = PngIO.read(d);
                    assertArrayEquals(orig.samples().samples(), back.samples().samples(), tag + " " + d);
                    if (orig.low() != null) {
                        assertArrayEquals(orig.low().samples(), back.low().samples(), tag + " " + d);
                    }
                }
            }
        }
        System.out.println("cross-JVM: " + first + " and " + second + " agree");
    }
}
