package io.lcompress.cli;

import io.lcompress.codec.coding.Effort;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.image.PngIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code -e N} / {@code --effort N} through the real command. */
class EffortCliTest {
    @TempDir
    Path dir;

    @Test
    void effortPicksTheLevelsModelAndDecodeFollowsTheFile() throws Exception {
        Path png = CliTest.photo();
        for (int level : new int[]{1, 3}) {
            Path lc = dir.resolve("e" + level + ".lc");
            CliTest.Run r = CliTest.run("encode", "-e", Integer.toString(level), png.toString(), lc.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("model " + Effort.of(level).modelName() + ","), r.out());
            String name = LcFormat.read(Files.readAllBytes(lc)).header().mainPlane().modelName();
            assertEquals(Effort.of(level).modelName(), name);
            Path back = dir.resolve("e" + level + ".png");
            CliTest.Run d = CliTest.run("decode", lc.toString(), back.toString());
            assertEquals(0, d.code(), d.err());
            assertArrayEquals(PngIO.read(png).samples().samples(), PngIO.read(back).samples().samples());
        }
    }

    @Test
    void longOptionAndDefaultLevel() throws Exception {
        Path png = CliTest.photo();
        CliTest.Run r = CliTest.run("encode", "--effort=1", png.toString(), dir.resolve("a.lc").toString());
        assertEquals(0, r.code(), r.err());
        CliTest.Run help = CliTest.run("encode", "--help");
        String text = help.out().replaceAll("\\s+", " ");
        assertTrue(text.contains("default: " + Effort.DEFAULT.level() + ")"), help.out());
        for (Effort e : Effort.ALL) {
            assertTrue(text.contains(e.level() + ": " + e.summary()), "help lists level " + e.level() + ": " + help.out());
        }
        // the levels with chroma repeat v3, as runs: level 2 and levels 4 to 9 today
        assertEquals("2, 4-9", EffortOption.nearSpikeLevels());
        assertTrue(text.contains("(v3 at levels 2, 4-9: also one value either side)"), help.out());
    }

    @Test
    void badLevelsAreUsageErrors() {
        Path png = CliTest.photo();
        for (String bad : new String[]{"0", "10", "-1"}) {
            CliTest.Run r = CliTest.run("encode", "-e", bad, png.toString(), dir.resolve("x.lc").toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--effort must be between 1 and 9"), r.err());
        }
        CliTest.Run r = CliTest.run("encode", "-e", "x", png.toString(), dir.resolve("x.lc").toString());
        assertEquals(2, r.code(), r.err());
        CliTest.Run both = CliTest.run("encode", "-e", "1", "--model", "fast", png.toString(),
                dir.resolve("x.lc").toString());
        assertEquals(2, both.code(), both.err());
        assertTrue(both.err().contains("not both"), both.err());
        assertFalse(Files.exists(dir.resolve("x.lc")));
    }

    @Test
    void evalTakesTheEffortToo() {
        CliTest.Run r = CliTest.run("eval", "-e", "1", CliTest.photo().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("fast"), r.out());
    }
}
