package io.lcompress.codec.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PngRowDecoder} against ImageIO on generated images of every kind and awkward size, interlaced or not,
 * written by {@link PngWriter} (which uses every filter type for depths of 8 and 16 bits).
 */
class PngRowDecoderTest {

    static Stream<Arguments> kinds() {
        List<Arguments> out = new ArrayList<>();
        int[][] sizes = {{1, 1}, {1, 9}, {9, 1}, {3, 5}, {8, 8}, {13, 17}, {37, 29}};
        int[][] kinds = {{0, 1}, {0, 2}, {0, 4}, {0, 8}, {0, 16}, {2, 8}, {2, 16}, {3, 1}, {3, 2}, {3, 4}, {3, 8},
                {4, 8}, {4, 16}, {6, 8}, {6, 16}};
        for (int[] k : kinds) {
            for (int[] s : sizes) {
                for (boolean interlaced : new boolean[]{false, true}) {
                    out.add(Arguments.of(k[0], k[1], s[0], s[1], interlaced));
                }
            }
        }
        return out.stream();
    }

    private static PngImage generated(int colorType, int depth, int w, int h, boolean interlaced, long seed) {
        Random rnd = new Random(seed);
        int channels = switch (colorType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            default -> 4;
        };
        int max = colorType == 3 ? Math.min(1 << depth, 200) - 1 : (1 << depth) - 1;
        Raster hi = new Raster(w, h, channels);
        Raster lo = depth == 16 ? new Raster(w, h, channels) : null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    // smooth with noise, so that the writer picks different filters
                    int v = (int) ((x * 7 + y * 3 + c * 50) % (max + 1) + rnd.nextInt(3)) % (max + 1);
                    if (depth == 16) {
                        v = v * 251 + rnd.nextInt(251);
                        hi.set(x, y, c, v >>> 8);
                        lo.set(x, y, c, v & 0xFF);
                    } else {
                        hi.set(x, y, c, v);
                    }
                }
            }
        }
        int[] palette = null;
        if (colorType == 3) {
            palette = new int[max + 1];
            for (int k = 0; k <= max; k++) {
                palette[k] = k * 0x01030507 | (k % 3 == 0 ? 0x80 : 0xFF) & 0xFF;
            }
        }
        return new PngImage(colorType, depth, interlaced, hi, lo, palette);
    }

    @ParameterizedTest(name = "colour type {0}, {1}-bit, {2}x{3}, interlaced {4}")
    @MethodSource("kinds")
    void decodesExactlyLikeImageIO(int colorType, int depth, int w, int h, boolean interlaced) throws IOException {
        PngImage image = generated(colorType, depth, w, h, interlaced, colorType * 1000L + depth * 100L + w * h);
        byte[] png = PngIO.encode(image);
        PngImage read = PngIO.read(png);
        ImageIOReference.assertSameSamples(png, read, image.describe());
        assertEquals(interlaced, read.interlaced());
        assertArrayEquals(image.samples().samples(), read.samples().samples());
        if (depth == 16) {
            assertArrayEquals(image.low().samples(), read.low().samples());
        }
        if (colorType == 3) {
            assertArrayEquals(image.palette(), read.palette());
        }
    }

    @ParameterizedTest(name = "colour type {0}, {1}-bit, {2}x{3}, interlaced {4}")
    @MethodSource("kinds")
    void theRowsTheCheckKeptDecodeAsTheStreamInflatedAgain(int colorType, int depth, int w, int h, boolean interlaced)
            throws IOException {
        PngImage image = generated(colorType, depth, w, h, interlaced, 7 + colorType * 1000L + depth * 100L + w * h);
        byte[] png = PngIO.encode(image);
        PngChunks checked = PngChunks.read(png, io.lcompress.codec.Limits.DEFAULT);        // keeps what it inflated
        PngChunks unchecked = PngChunks.read(png, io.lcompress.codec.Limits.DEFAULT, false); // inflates again
        assertTrue(checked.holdsInflated());
        assertFalse(unchecked.holdsInflated());
        int palette = image.palette() == null ? 0 : image.palette().length;
        PngHeader header = checked.header();
        int channels = image.samples().channels();
        Raster[] kept = {new Raster(w, h, channels), depth == 16 ? new Raster(w, h, channels) : null};
        Raster[] inflated = {new Raster(w, h, channels), depth == 16 ? new Raster(w, h, channels) : null};
        PngRowDecoder.decode(checked, kept[0], kept[1], palette);
        PngRowDecoder.decode(unchecked, inflated[0], inflated[1], palette);
        assertArrayEquals(image.samples().samples(), kept[0].samples());
        assertArrayEquals(inflated[0].samples(), kept[0].samples());
        if (depth == 16) {
            assertArrayEquals(inflated[1].samples(), kept[1].samples());
        }
        if (!header.interlaced()) {                 // the blocks read the kept rows too, as often as asked
            for (int pass = 0; pass < 2; pass++) {
                List<byte[]> blocks = new ArrayList<>();
                PngRowDecoder.decodeBlocks(checked, 4, palette, (y0, hi, lo) -> blocks.add(hi.samples()));
                byte[] all = new byte[image.samples().samples().length];
                int at = 0;
                for (byte[] b : blocks) {
                    System.arraycopy(b, 0, all, at, b.length);
                    at += b.length;
                }
                assertArrayEquals(image.samples().samples(), all);
            }
        }
        PngIO.decodeAll(checked, image.palette(), List.of());
        assertFalse(checked.holdsInflated(), "let go once the image is decoded whole");
    }

    @Test
    void paethIsTheSpecificationsPredictorForEveryTripleOfBytes() {
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c = 0; c < 256; c++) {
                    // PNG specification, 9.4: the branches as written there
                    int p = a + b - c;
                    int pa = Math.abs(p - a);
                    int pb = Math.abs(p - b);
                    int pc = Math.abs(p - c);
                    int expected = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
                    if (PngRowDecoder.paeth(a, b, c) != expected) {
                        assertEquals(expected, PngRowDecoder.paeth(a, b, c), "paeth(" + a + ", " + b + ", " + c + ")");
                    }
                }
            }
        }
    }

    @Test
    void paletteIndexBeyondThePaletteIsRefused() throws IOException {
        int[] s = new int[5 * 3];
        s[7] = 3;
        byte[] png = RawPngWriter.write(5, 3, 3, 2, s, new int[]{0xFF, 0x112233FF, 0x445566FF});
        PngIO.UnsupportedImageException e = assertThrows(PngIO.UnsupportedImageException.class,
                () -> PngIO.read(png));
        assertTrue(e.getMessage().contains("palette index 3 >= 3"), e.getMessage());
    }
}
