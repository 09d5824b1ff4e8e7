package io.lcompress.cli;

import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeatmapCommandTest {
    @TempDir
    Path dir;

    @Test
    void heatmapIsAPngOfTheExpectedSizeBesideTheOriginal() throws Exception {
        Path out = dir.resolve("heat.png");
        CliTest.Run r = CliTest.run("heatmap", "--model", "fast", CliTest.photo().toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("bits/subpixel"), r.out());
        Raster photo = PngIO.read(CliTest.photo()).samples();
        BufferedImage img = ImageIO.read(out.toFile());
        assertNotNull(img);
        Heatmap.Layout lay = Heatmap.layout(photo.width(), photo.height());
        assertEquals(lay.width(), img.getWidth());
        assertEquals(lay.height(), img.getHeight());
        // the left panel shows the original (enlarged by lay.up()), the right one viridis colours only
        int up = lay.up();
        assertTrue(up >= 1 && lay.down() == 1);
        int x0 = Heatmap.MARGIN;
        int y0 = Heatmap.TITLE_HEIGHT;
        for (int[] p : new int[][]{{0, 0}, {10, 7}, {photo.width() - 1, photo.height() - 1}}) {
            int rgb = img.getRGB(x0 + p[0] * up, y0 + p[1] * up) & 0xFFFFFF;
            int expected = photo.get(p[0], p[1], 0) << 16 | photo.get(p[0], p[1], 1) << 8 | photo.get(p[0], p[1], 2);
            assertEquals(expected, rgb, "original pixel " + p[0] + "," + p[1]);
        }
        Set<Integer> viridis = new HashSet<>();
        Viridis v = new Viridis(0, 255);
        for (int i = 0; i <= 255; i++) {
            viridis.add(v.rgb(i));
        }
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < lay.panelHeight(); y += 3) {
            for (int x = 0; x < lay.panelWidth(); x += 3) {
                int rgb = img.getRGB(lay.heatX() + x, y0 + y) & 0xFFFFFF;
                assertTrue(viridis.contains(rgb), Integer.toHexString(rgb));
                seen.add(rgb);
            }
        }
        assertTrue(seen.size() > 20, "a range of colours: " + seen.size());
    }

    @Test
    void greyImagesLargeScalesAndForce() throws Exception {
        Raster grey = new Raster(30, 20, 1);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                grey.set(x, y, 0, (x * 7 + y * 3) & 0xFF);
            }
        }
        Path in = dir.resolve("grey.png");
        Files.write(in, PngIO.encode(PngImage.of(grey)));
        Path out = dir.resolve("g.png");
        CliTest.Run r = CliTest.run("heatmap", "--model", "fast", "--max", "12", in.toString(), out.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage img = ImageIO.read(out.toFile());
        Heatmap.Layout lay = Heatmap.layout(30, 20);
        assertEquals(14, lay.up(), "small images are enlarged");
        assertEquals(lay.width(), img.getWidth());
        assertEquals(lay.height(), img.getHeight());

        CliTest.Run again = CliTest.run("heatmap", "--model", "fast", in.toString(), out.toString());
        CliTest.assertOneLineError(again);
        assertTrue(again.err().contains("output exists"), again.err());
        CliTest.Run forced = CliTest.run("heatmap", "--model", "fast", "-f", "-q", in.toString(), out.toString());
        assertEquals(0, forced.code(), forced.err());
        assertEquals("", forced.out());

        Heatmap.Layout big = Heatmap.layout(2268, 1512);
        assertEquals(2, big.down());
        assertEquals(1134, big.panelWidth());
        assertEquals(756, big.panelHeight());
    }

    @Test
    void everyPngKindGetsAHeatmap() throws Exception {
        Path kinds = BenchCommandTest.pngKinds(dir.resolve("kinds"));
        for (String name : new String[]{"palette", "rgb16", "rgba", "grey4"}) {
            Path out = dir.resolve("heat-" + name + ".png");
            CliTest.Run r = CliTest.run("heatmap", "--model", "fast", kinds.resolve(name + ".png").toString(),
                    out.toString());
            assertEquals(0, r.code(), name + ": " + r.err());
            BufferedImage img = ImageIO.read(out.toFile());
            Heatmap.Layout lay = Heatmap.layout(48, 32);
            assertEquals(lay.width(), img.getWidth(), name);
            assertEquals(lay.height(), img.getHeight(), name);
        }
        // a 4-bit grey sample 15 is shown white, a palette index by its colour
        PngImage grey = PngIO.read(kinds.resolve("grey4.png"));
        int v = grey.samples().get(0, 0, 0) * 255 / 15;
        assertEquals(v << 16 | v << 8 | v, Heatmap.displayRgb(grey, 0, 0));
        PngImage pal = PngIO.read(kinds.resolve("palette.png"));
        int e = pal.palette()[pal.samples().get(1, 1, 0)];
        if ((e & 0xFF) == 0xFF) {
            assertEquals(e >>> 8, Heatmap.displayRgb(pal, 1, 1));
        }
    }

    @Test
    void defaultScaleIsAPercentile() {
        float[] bits = new float[1000];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = i < 996 ? 10.2f : 80f;
        }
        assertEquals(11.0, Heatmap.defaultScaleMax(bits));
        assertTrue(Heatmap.describeScale(11.0, bits, false).contains("99.5th percentile"));
        assertEquals(1.0, Heatmap.defaultScaleMax(new float[]{0f, 0f}));
    }
}
