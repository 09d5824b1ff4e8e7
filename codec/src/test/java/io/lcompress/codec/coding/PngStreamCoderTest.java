package io.lcompress.codec.coding;

import io.lcompress.codec.Limits;
import io.lcompress.codec.TestImages;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngSource;
import io.lcompress.codec.image.PngWriter;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PngStreamCoder}: every valid PngSuite image comes back from its stream sample-exact in blocks of any
 * size, the stream is never larger than the PNG's own image data, and hostile streams are refused with a
 * one-line {@link FormatException}, quickly.
 */
@Timeout(60)
class PngStreamCoderTest {

    static Stream<Path> validSuite() throws IOException {
        Path dir = TestImages.testdata().resolve("pngsuite");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".png"))
                    .filter(p -> !p.getFileName().toString().startsWith("x")).sorted().toList();
            assertTrue(files.size() > 150, "PngSuite files in " + dir);
            return files.stream();
        }
    }

    /** Decodes {@code stream} as {@code like}'s image data in blocks of {@code blockRows}, checking the blocks. */
    static PngImage decode(byte[] stream, PngImage like, int blockRows) throws FormatException, IOException {
        int w = like.width();
        int h = like.height();
        int channels = like.samples().channels();
        Raster hi = new Raster(w, h, channels);
        Raster lo = like.bitDepth() == 16 ? new Raster(w, h, channels) : null;
        int[] next = {0};
        PngStreamCoder.decode(stream, 0, stream.length, w, h, like.colorType(), like.bitDepth(), like.interlaced(),
                like.palette() == null ? 0 : like.palette().length, blockRows, (y0, samples, low) -> {
                    assertEquals(next[0], y0, "blocks in order");
                    assertEquals(Math.min(blockRows, h - y0), samples.height(), "block height");
                    assertEquals(lo == null, low == null, "low bytes iff 16-bit");
                    hi.putRows(y0, samples);
                    if (lo != null) {
                        lo.putRows(y0, low);
                    }
                    next[0] += samples.height();
                });
        assertEquals(h, next[0], "every row delivered");
        return new PngImage(like.colorType(), like.bitDepth(), like.interlaced(), hi, lo, like.palette(), like.chunks());
    }

    static void assertDecodesTo(byte[] stream, PngImage expected, String what) throws Exception {
        for (int rows : new int[]{1, 7, expected.height()}) {
            assertNull(expected.differenceFrom(decode(stream, expected, rows)), what + ", blocks of " + rows);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSuite")
    void suiteImagesComeBackExactlyAndNoLarger(Path file) throws Exception {
        String name = file.getFileName().toString();
        PngSource src = PngIO.open(Files.readAllBytes(file), Limits.DEFAULT);
        PngImage image = src.image();
        byte[] idat = src.idat();
        byte[] stream = PngStreamCoder.stream(src);
        assertTrue(stream.length <= idat.length, name + ": " + stream.length + " > " + idat.length);
        assertDecodesTo(stream, image, name);
        // both candidates decode, whichever was chosen
        assertDecodesTo(idat, image, name + " (its own IDAT data)");
        assertDecodesTo(PngWriter.imageData(src, Deflater.BEST_COMPRESSION, Integer.MAX_VALUE - 8), image,
                name + " (PngWriter's stream)");
        // an image held in memory has no IDAT data: PngWriter's stream
        PngSource inMemory = PngSource.of(image);
        assertNull(inMemory.idat(), name);
        assertDecodesTo(PngStreamCoder.stream(inMemory), image, name + " in memory");
    }

    @Test
    void suiteTotals() throws Exception {
        long pngBytes = 0;
        long idatBytes = 0;
        long streamBytes = 0;
        int files = 0;
        for (Path file : validSuite().toList()) {
            byte[] png = Files.readAllBytes(file);
            PngSource src = PngIO.open(png, Limits.DEFAULT);
            pngBytes += png.length;
            idatBytes += src.idat().length;
            streamBytes += PngStreamCoder.stream(src).length;
            files++;
        }
        System.out.println("PngSuite, " + files + " valid files: PNG " + pngBytes + " bytes, IDAT data " + idatBytes
                + " bytes, PngStreamCoder.stream " + streamBytes + " bytes");
        assertTrue(streamBytes <= idatBytes);
    }

    /**
     * With more than one thread the encoder makes the PNG stream alternative of a small image beside the
     * coding (on its own thread, reading the PNG that the coder reads): the file is the one a single thread
     * writes, for PNG files with their own image data (interlaced ones, palettes, 16 bits) and for images
     * whose stream wins.
     */
    @Test
    void theStreamMadeBesideTheCodingChangesNoFile() throws Exception {
        int streams = 0;
        int files = 0;
        for (Path file : validSuite().toList()) {
            byte[] png = Files.readAllBytes(file);
            LcCodec.Encoded one = LcCodec.encode(PngIO.open(png, Limits.DEFAULT), ModelRegistry.fast(), 1);
            LcCodec.Encoded three = LcCodec.encode(PngIO.open(png, Limits.DEFAULT), ModelRegistry.fast(), 3);
            assertArrayEquals(one.file(), three.file(), file.getFileName().toString());
            streams += one.header().isPngStream() ? 1 : 0;
            files++;
        }
        assertTrue(streams > 0 && streams < files, streams + " PNG streams of " + files);
    }

    // ---- hostile streams, on generated images ----

    static PngImage generated(int colorType, int depth, boolean interlaced) {
        Random rnd = new Random(colorType * 100 + depth + (interlaced ? 7 : 0));
        int w = 13;
        int h = 11;
        int channels = switch (colorType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            default -> 4;
        };
        int levels = colorType == 3 ? 5 : depth >= 8 ? 256 : 1 << depth;
        Raster hi = new Raster(w, h, channels);
        for (int i = 0; i < hi.samples().length; i++) {
            hi.samples()[i] = (byte) ((i / channels % w + rnd.nextInt(2)) % levels);
        }
        Raster lo = depth == 16 ? TestImages.noise(w, h, channels, 1) : null;
        int[] palette = colorType == 3 ? new int[]{0xFF0000FF, 0x00FF00FF, 0x0000FF80, 0x000000FF, 0xFFFFFFFF} : null;
        return new PngImage(colorType, depth, interlaced, hi, lo, palette);
    }

    static byte[] streamOf(PngImage image) throws IOException {
        return PngStreamCoder.stream(PngSource.of(image));
    }

    /** The hostile stream is refused with a one-line message. */
    static FormatException refused(byte[] stream, PngImage like, String what) {
        FormatException e = assertThrows(FormatException.class, () -> decode(stream, like, 3), what);
        String m = e.getMessage();
        assertTrue(m.startsWith("corrupt PNG stream: ") || m.startsWith("truncated PNG stream: "), what + ": " + m);
        assertFalse(m.contains("\n"), what + ": " + m);
        return e;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedStreamsAreRefused(boolean interlaced) throws Exception {
        PngImage image = generated(2, 16, interlaced);
        byte[] stream = streamOf(image);
        assertDecodesTo(stream, image, "whole");
        for (int n = 0; n < stream.length; n++) {
            refused(Arrays.copyOf(stream, n), image, "first " + n + " of " + stream.length + " bytes");
        }
        assertTrue(refused(new byte[0], image, "empty").getMessage().contains("truncated"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void flippedBytesAreRefused(boolean interlaced) throws Exception {
        PngImage image = generated(6, 8, interlaced);
        byte[] stream = streamOf(image);
        for (int i = 0; i < stream.length; i++) {
            byte[] bad = stream.clone();
            bad[i] ^= (byte) 0xFF;
            refused(bad, image, "byte " + i + " of " + stream.length + " flipped");
        }
    }

    @Test
    void extraBytesAreRefused() throws Exception {
        PngImage image = generated(0, 4, false);
        byte[] stream = streamOf(image);
        for (int extra = 1; extra <= 3; extra++) {
            assertTrue(refused(Arrays.copyOf(stream, stream.length + extra), image, extra + " bytes after")
                    .getMessage().contains("extra data"));
        }
        // more inflated data than the image's rows
        byte[] rows = scanlines(image);
        assertTrue(refused(zlib(Arrays.copyOf(rows, rows.length + 1)), image, "a byte more inflated").getMessage()
                .contains("more image data"));
        // fewer: the stream ends cleanly after too few rows
        assertTrue(refused(zlib(Arrays.copyOf(rows, rows.length - 1)), image, "a byte less inflated").getMessage()
                .startsWith("truncated"));
        assertDecodesTo(zlib(rows), image, "scanlines made here");
    }

    @Test
    void wrongAdlerIsRefused() throws Exception {
        PngImage image = generated(2, 8, false);
        byte[] stream = streamOf(image);
        for (int i = stream.length - 4; i < stream.length; i++) {
            byte[] bad = stream.clone();
            bad[i] ^= 1;
            refused(bad, image, "Adler-32 byte " + i);
        }
    }

    @Test
    void presetDictionaryAndBadHeadersAreRefused() throws Exception {
        PngImage image = generated(0, 8, false);
        byte[] stream = streamOf(image);
        byte[] dict = stream.clone();
        int cmf = dict[0] & 0xFF;
        int flg = (dict[1] & 0xC0) | 0x20;
        flg += 31 - ((cmf << 8 | flg) % 31);             // a valid check value with FDICT set
        dict[1] = (byte) flg;
        assertTrue(refused(dict, image, "preset dictionary").getMessage().contains("dictionary"));
        byte[] notDeflate = stream.clone();
        notDeflate[0] = 0x77;                             // method 7
        refused(notDeflate, image, "not deflate");
        refused(new byte[]{0x78}, image, "one byte");
    }

    @Test
    void invalidFilterTypesAreRefused() throws Exception {
        PngImage image = generated(2, 8, false);
        byte[] rows = scanlines(image);
        int rowLength = rows.length / image.height();
        for (int type : new int[]{5, 0x80, 0xFF}) {
            byte[] bad = rows.clone();
            bad[4 * rowLength] = (byte) type;
            assertTrue(refused(zlib(bad), image, "filter type " + type).getMessage().contains("filter type " + type));
        }
    }

    @Test
    void paletteIndicesBeyondThePaletteAreRefused() throws Exception {
        PngImage image = generated(3, 4, false);      // indices 0..4
        byte[] stream = streamOf(image);
        assertDecodesTo(stream, image, "five entries");
        PngImage fewer = new PngImage(3, 4, false, image.samples(), null, Arrays.copyOf(image.palette(), 4));
        assertTrue(refused(stream, fewer, "four entries").getMessage().contains("palette index 4"));
    }

    @Test
    void invalidImageDescriptionsAreRefused() throws Exception {
        byte[] stream = streamOf(generated(0, 8, false));
        int[][] bad = {{0, 11, 0, 8, 0}, {13, -1, 0, 8, 0}, {13, 11, 1, 8, 0}, {13, 11, 0, 3, 0}, {13, 11, 2, 4, 0},
                {13, 11, 3, 16, 4}, {13, 11, 3, 8, 0}, {13, 11, 3, 8, 257}, {13, 11, 0, 8, 2},
                {1 << 16, 1 << 16, 6, 8, 0}};
        for (int[] b : bad) {
            assertThrows(FormatException.class, () -> PngStreamCoder.decode(stream, 0, stream.length, b[0], b[1], b[2],
                    b[3], false, b[4], 4, (y0, s, l) -> { }), Arrays.toString(b));
        }
    }

    @Test
    void rowsComeBlockByBlockAndTheSinksExceptionsPassThrough() throws Exception {
        PngImage image = generated(2, 8, false);
        byte[] stream = streamOf(image);
        // incremental: blocks arrive before the stream's end is found bad
        byte[] truncated = Arrays.copyOf(stream, stream.length - 6);
        int[] blocks = {0};
        assertThrows(FormatException.class, () -> PngStreamCoder.decode(truncated, 0, truncated.length, 13, 11, 2, 8,
                false, 0, 1, (y0, s, l) -> blocks[0]++));
        assertTrue(blocks[0] > 0, "blocks before the refusal");
        // a slice of a larger array
        byte[] framed = new byte[stream.length + 10];
        System.arraycopy(stream, 0, framed, 5, stream.length);
        int[] rows = {0};
        PngStreamCoder.decode(framed, 5, stream.length, 13, 11, 2, 8, false, 0, 4, (y0, s, l) -> rows[0] += s.height());
        assertEquals(11, rows[0]);
        // the sink's exception, not a corrupt stream
        IOException mine = new PngIO.UnsupportedImageException("the sink's own");
        IOException thrown = assertThrows(IOException.class, () -> PngStreamCoder.decode(stream, 0, stream.length, 13,
                11, 2, 8, false, 0, 4, (y0, s, l) -> {
                    throw mine;
                }));
        assertSame(mine, thrown);
    }

    /** The image's rows, each with filter type 0, uncompressed (non-interlaced images of 8 bits and more). */
    static byte[] scanlines(PngImage image) {
        int w = image.width();
        int c = image.samples().channels();
        int bytes = image.bitDepth() == 16 ? 2 : 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (image.bitDepth() < 8) {
            int perByte = 8 / image.bitDepth();
            for (int y = 0; y < image.height(); y++) {
                out.write(0);
                int[] packed = new int[(w + perByte - 1) / perByte];
                for (int x = 0; x < w; x++) {
                    packed[x / perByte] |= image.samples().get(x, y, 0) << (8 - image.bitDepth() * (x % perByte + 1));
                }
                for (int b : packed) {
                    out.write(b);
                }
            }
            return out.toByteArray();
        }
        for (int y = 0; y < image.height(); y++) {
            out.write(0);
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    out.write(image.samples().get(x, y, k));
                    if (bytes == 2) {
                        out.write(image.low().get(x, y, k));
                    }
                }
            }
        }
        return out.toByteArray();
    }

    static byte[] zlib(byte[] data) {
        Deflater d = new Deflater(9);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length * 2 + 64];
        int n = 0;
        while (!d.finished()) {
            n += d.deflate(buf, n, buf.length - n);
        }
        d.end();
        return Arrays.copyOf(buf, n);
    }
}
