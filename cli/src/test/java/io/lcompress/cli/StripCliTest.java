package io.lcompress.cli;

import io.lcompress.codec.image.PngChunk;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code encode --strip}: metadata chunks are left out, a grey or RGB image's tRNS colour key stays. */
class StripCliTest {
    @TempDir
    Path dir;

    /** A grey PNG with text, gamma and a tRNS colour key (grey 7 is transparent). */
    static PngImage greyWithMetadata() {
        Raster r = new Raster(23, 9, 1);
        for (int i = 0; i < r.samples().length; i++) {
            r.samples()[i] = (byte) (i % 23 * 11 + i / 23);
        }
        List<PngChunk> chunks = List.of(
                new PngChunk(PngChunk.BEFORE_PLTE, "gAMA", new byte[]{0, 0, (byte) 0xB1, (byte) 0x8F}),
                new PngChunk(PngChunk.BEFORE_PLTE, "tRNS", new byte[]{0, 7}),
                new PngChunk(PngChunk.AFTER_IDAT, "tEXt", "Comment\0made by StripCliTest".getBytes(StandardCharsets.ISO_8859_1)));
        return new PngImage(PngImage.GRAY, 8, false, r, null, null, chunks);
    }

    static List<String> types(PngImage image) {
        return image.chunks().stream().map(PngChunk::type).toList();
    }

    @Test
    void stripKeepsOnlyTheColourKey() throws Exception {
        PngImage original = greyWithMetadata();
        Path png = dir.resolve("in.png");
        Files.write(png, PngIO.encode(original));
        assertEquals(List.of("gAMA", "tRNS", "tEXt"), types(PngIO.read(png)));

        CliTest.Run s = CliTest.run("encode", "--strip", "--model", "fast", png.toString(), dir.resolve("s.lc").toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.out().contains("1 other PNG chunk kept, 2 metadata chunks left out"), s.out());
        CliTest.Run d = CliTest.run("decode", dir.resolve("s.lc").toString(), dir.resolve("s.png").toString());
        assertEquals(0, d.code(), d.err());
        PngImage stripped = PngIO.read(dir.resolve("s.png"));
        assertEquals(List.of("tRNS"), types(stripped));
        assertArrayEquals(new byte[]{0, 7}, stripped.chunks().get(0).data());
        assertArrayEquals(original.samples().samples(), stripped.samples().samples());
        assertEquals(PngImage.GRAY, stripped.colorType());
    }

    @Test
    void withoutStripEveryChunkIsKept() throws Exception {
        PngImage original = greyWithMetadata();
        Path png = dir.resolve("in.png");
        Files.write(png, PngIO.encode(original));
        CliTest.Run k = CliTest.run("encode", "--verify", "--model", "fast", png.toString(), dir.resolve("k.lc").toString());
        assertEquals(0, k.code(), k.err());
        assertTrue(k.out().contains("3 other PNG chunks kept"), k.out());
        assertFalse(k.out().contains("left out"), k.out());
        CliTest.Run d = CliTest.run("decode", dir.resolve("k.lc").toString(), dir.resolve("k.png").toString());
        assertEquals(0, d.code(), d.err());
        assertNull(PngIO.read(png).differenceFrom(PngIO.read(dir.resolve("k.png"))));
        assertEquals(List.of("gAMA", "tRNS", "tEXt"), types(PngIO.read(dir.resolve("k.png"))));
    }

    @Test
    void stripWithVerifyAndAPaletteImage() throws Exception {
        // a palette image's transparency is its palette: kept; its text goes
        Raster r = new Raster(5, 4, 1);
        for (int i = 0; i < 20; i++) {
            r.samples()[i] = (byte) (i % 3);
        }
        PngImage pal = new PngImage(PngImage.PALETTE, 2, false, r, null, new int[]{0xFF000000, 0x00FF0080, 0x0000FFFF},
                List.of(new PngChunk(PngChunk.AFTER_IDAT, "tEXt", "Title\0x".getBytes(StandardCharsets.ISO_8859_1))));
        Path png = dir.resolve("p.png");
        Files.write(png, PngIO.encode(pal));
        CliTest.Run s = CliTest.run("encode", "--strip", "--verify", "--model", "fast", png.toString(),
                dir.resolve("p.lc").toString());
        assertEquals(0, s.code(), s.err());
        assertEquals(0, CliTest.run("decode", dir.resolve("p.lc").toString(), dir.resolve("p2.png").toString()).code());
        PngImage back = PngIO.read(dir.resolve("p2.png"));
        assertEquals(List.of(), types(back));
        assertArrayEquals(pal.palette(), back.palette());
        assertArrayEquals(pal.samples().samples(), back.samples().samples());
    }
}
