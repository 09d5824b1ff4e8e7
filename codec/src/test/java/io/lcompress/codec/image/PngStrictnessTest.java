package io.lcompress.codec.image;

import io.lcompress.codec.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per rule of strict PNG reading ({@link PngChunks}, {@link PngImageData}): each builds a valid PNG
 * with {@link RawPngWriter}, breaks one rule and expects an {@link PngIO.UnsupportedImageException} with a
 * one-line message naming the problem.
 */
class PngStrictnessTest {
    private static final int W = 37;
    private static final int H = 29;

    /** A chunk: type, data and the CRC to write (null: the correct one). */
    private record Chunk(String type, byte[] data, Integer crc) {
        Chunk(String type, byte[] data) {
            this(type, data, null);
        }
    }

    private static List<Chunk> parse(byte[] png) {
        List<Chunk> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(png, 8, png.length - 8);
        while (b.hasRemaining()) {
            int length = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            byte[] data = new byte[length];
            b.get(data);
            out.add(new Chunk(new String(type, StandardCharsets.US_ASCII), data, b.getInt()));
        }
        return out;
    }

    private static byte[] build(List<Chunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PngChunks.SIGNATURE);
        for (Chunk c : chunks) {
            byte[] type = c.type().getBytes(StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(c.data());
            out.writeBytes(ByteBuffer.allocate(4).putInt(c.data().length).array());
            out.writeBytes(type);
            out.writeBytes(c.data());
            out.writeBytes(ByteBuffer.allocate(4).putInt(c.crc() == null ? (int) crc.getValue() : c.crc()).array());
        }
        return out.toByteArray();
    }

    /** The chunks with correct CRCs (so that a test may change data and keep the CRC valid). */
    private static List<Chunk> chunks(byte[] png) {
        List<Chunk> out = new ArrayList<>();
        for (Chunk c : parse(png)) {
            out.add(new Chunk(c.type(), c.data()));
        }
        return out;
    }

    private static int index(List<Chunk> chunks, String type) {
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).type().equals(type)) {
                return i;
            }
        }
        throw new AssertionError("no " + type);
    }

    private static byte[] grey() throws IOException {
        int[] s = new int[W * H];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i * 7) & 0xFF;
        }
        return RawPngWriter.write(W, H, 0, 8, s, null);
    }

    private static byte[] rgb() throws IOException {
        int[] s = new int[W * H * 3];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i * 13) & 0xFF;
        }
        return RawPngWriter.write(W, H, 2, 8, s, null);
    }

    private static byte[] rgba() throws IOException {
        int[] s = new int[W * H * 4];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i * 11) & 0xFF;
        }
        return RawPngWriter.write(W, H, 6, 8, s, null);
    }

    /** A 4-entry palette image with a tRNS of 4 entries. */
    private static byte[] palette() throws IOException {
        int[] s = new int[W * H];
        for (int i = 0; i < s.length; i++) {
            s[i] = i % 4;
        }
        return RawPngWriter.write(W, H, 3, 8, s, new int[]{0xFF0000FF, 0x00FF00FF, 0x0000FF80, 0x12345600});
    }

    private static byte[] ihdr(int width, int height, int depth, int colorType) {
        return ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) depth).put((byte) colorType)
                .put(new byte[3]).array();
    }

    private static byte[] deflate(byte[] raw) {
        return RawPngWriter.zlib(raw, 9);
    }

    /** An 8-bit grey W x H image whose inflated image data is {@code raw}. */
    private static byte[] greyWithImageData(byte[] raw) {
        return build(List.of(new Chunk("IHDR", ihdr(W, H, 8, 0)), new Chunk("IDAT", deflate(raw)),
                new Chunk("IEND", new byte[0])));
    }

    private static byte[] rawRows(int rows) {
        byte[] raw = new byte[rows * (W + 1)];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = i % (W + 1) == 0 ? 0 : (byte) (i * 5);
        }
        return raw;
    }

    /** Asserts a refusal whose one-line message contains {@code expected}; returns the message. */
    private static String refused(byte[] png, String expected) {
        return refused(() -> PngIO.read(png), expected);
    }

    private static String refused(Executable read, String expected) {
        PngIO.UnsupportedImageException e = assertThrows(PngIO.UnsupportedImageException.class, read);
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        assertTrue(message.contains(expected), "message: " + message);
        return message;
    }

    @Test
    void theValidImagesRead() throws IOException {
        for (byte[] png : List.of(grey(), rgb(), rgba(), palette(), greyWithImageData(rawRows(H)))) {
            PngImage image = PngIO.read(png);
            assertEquals(W, image.width());
            ImageIOReference.assertSameSamples(png, image, image.describe());
        }
    }

    @Test
    void badCrcInPlte() throws IOException {
        byte[] png = palette();
        List<Chunk> c = parse(png);
        int i = index(c, "PLTE");
        byte[] data = c.get(i).data().clone();
        data[4] ^= 0x10;   // a changed colour, the old CRC
        c.set(i, new Chunk("PLTE", data, c.get(i).crc()));
        assertEquals("corrupt PNG: bad CRC in PLTE chunk", refused(build(c), "bad CRC"));
    }

    @Test
    void badCrcInIdat() throws IOException {
        byte[] png = grey();
        List<Chunk> c = parse(png);
        int i = index(c, "IDAT");
        byte[] data = c.get(i).data().clone();
        data[data.length / 2] ^= 0x01;
        c.set(i, new Chunk("IDAT", data, c.get(i).crc()));
        assertEquals("corrupt PNG: bad CRC in IDAT chunk", refused(build(c), "bad CRC"));
    }

    @Test
    void badCrcInAnAncillaryChunk() throws IOException {
        List<Chunk> c = chunks(grey());
        c.add(1, new Chunk("tEXt", "Comment\0hello".getBytes(StandardCharsets.ISO_8859_1), 12345));
        assertEquals("corrupt PNG: bad CRC in tEXt chunk", refused(build(c), "bad CRC"));
    }

    @Test
    void aValidAncillaryChunkIsAccepted() throws IOException {
        List<Chunk> c = chunks(grey());
        c.add(1, new Chunk("tEXt", "Comment\0hello".getBytes(StandardCharsets.ISO_8859_1)));
        c.add(c.size() - 1, new Chunk("zzZz", new byte[]{1, 2, 3}));
        assertEquals(W, PngIO.read(build(c)).width());
    }

    /** What libpng warns about and drops - a repeated or out-of-place known ancillary chunk - is refused. */
    @Test
    void misplacedOrRepeatedAncillaryChunks() throws IOException {
        byte[] gama = {0, 0, (byte) 0xB1, (byte) 0x8F};
        List<Chunk> twice = chunks(grey());
        twice.add(1, new Chunk("gAMA", gama));
        twice.add(1, new Chunk("gAMA", gama));
        assertEquals("corrupt PNG: second gAMA chunk", refused(build(twice), "gAMA"));
        List<Chunk> afterPlte = chunks(palette());
        afterPlte.add(index(afterPlte, "PLTE") + 1, new Chunk("gAMA", gama));
        refused(build(afterPlte), "gAMA chunk after PLTE");
        List<Chunk> afterIdat = chunks(grey());
        afterIdat.add(afterIdat.size() - 1, new Chunk("pHYs", new byte[9]));
        refused(build(afterIdat), "pHYs chunk after the image data");
        List<Chunk> hist = chunks(grey());
        hist.add(1, new Chunk("hIST", new byte[2]));
        refused(build(hist), "hIST chunk without a PLTE");
        // in their places, once: read
        List<Chunk> fine = chunks(palette());
        fine.add(1, new Chunk("gAMA", gama));
        fine.add(index(fine, "IDAT"), new Chunk("pHYs", new byte[9]));
        fine.add(fine.size() - 1, new Chunk("tIME", new byte[7]));
        assertEquals(W, PngIO.read(build(fine)).width());
    }

    /** A valid PNG with more chunks than an .lc file keeps is refused with a message, not an internal error. */
    @Test
    void moreChunksThanAnLcFileKeeps() throws IOException {
        List<Chunk> c = chunks(grey());
        byte[] text = "a\0b".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 65536; i++) {
            c.add(1, new Chunk("tEXt", text));
        }
        refused(build(c), "more than 65535 chunks");
        c.remove(1);
        assertEquals(65535, PngIO.read(build(c)).chunks().size());
    }

    @Test
    void secondIhdrWithAnotherColourType() throws IOException {
        List<Chunk> c = chunks(grey());
        c.add(1, new Chunk("IHDR", ihdr(W, H, 8, 2)));
        assertEquals("corrupt PNG: second IHDR chunk", refused(build(c), "IHDR"));
    }

    @Test
    void ihdrNotFirst() throws IOException {
        List<Chunk> c = chunks(grey());
        c.add(0, new Chunk("tEXt", "a\0b".getBytes(StandardCharsets.ISO_8859_1)));
        refused(build(c), "the first chunk is tEXt, not IHDR");
    }

    @Test
    void unknownCriticalChunks() throws IOException {
        for (String type : List.of("ABCD", "IDAx")) {
            List<Chunk> c = chunks(grey());
            c.add(index(c, "IDAT"), new Chunk(type, new byte[]{1, 2}));
            assertEquals("corrupt PNG: unknown critical chunk '" + type + "'", refused(build(c), type));
        }
    }

    @Test
    void badChunkTypes() throws IOException {
        List<Chunk> c = chunks(grey());
        c.add(1, new Chunk("ab1d", new byte[0]));
        refused(build(c), "invalid chunk type");
        c = chunks(grey());
        c.add(1, new Chunk("abcd", new byte[0]));   // reserved bit set
        refused(build(c), "reserved bit");
    }

    @Test
    void missingIend() throws IOException {
        List<Chunk> c = chunks(grey());
        c.remove(c.size() - 1);
        assertEquals("truncated PNG: no IEND chunk", refused(build(c), "truncated PNG"));
    }

    @Test
    void iendNotEmpty() throws IOException {
        List<Chunk> c = chunks(grey());
        c.set(c.size() - 1, new Chunk("IEND", new byte[]{0}));
        refused(build(c), "IEND chunk is not empty");
    }

    @Test
    void truncatedInTheMiddleOfIdat() throws IOException {
        byte[] png = grey();
        List<Chunk> c = parse(png);
        int idatStart = 8;
        for (int i = 0; i < index(c, "IDAT"); i++) {
            idatStart += 12 + c.get(i).data().length;
        }
        byte[] cut = Arrays.copyOf(png, idatStart + 8 + c.get(index(c, "IDAT")).data().length / 2);
        refused(cut, "truncated PNG: the file ends inside the IDAT chunk");
    }

    @Test
    void chunkLengthBeyondTheLimit() throws IOException {
        byte[] png = grey();
        png[8 + 25] = (byte) 0x80;   // the length of the chunk after IHDR: 2^31 + ...
        refused(png, "exceeds 2^31-1");
    }

    @Test
    void overLongTrns() throws IOException {
        List<Chunk> c = chunks(palette());
        c.set(index(c, "tRNS"), new Chunk("tRNS", new byte[]{1, 2, 3, 4, 5, 6, 7}));
        assertEquals("corrupt PNG: tRNS has 7 entries but the palette has 4", refused(build(c), "tRNS"));
    }

    @Test
    void trnsOnRgba() throws IOException {
        List<Chunk> c = chunks(rgba());
        c.add(1, new Chunk("tRNS", new byte[6]));
        refused(build(c), "tRNS chunk in an RGBA image, which has an alpha channel");
    }

    @Test
    void trnsOfTheWrongLengthAndPlace() throws IOException {
        List<Chunk> c = chunks(grey());
        c.add(1, new Chunk("tRNS", new byte[3]));
        refused(build(c), "tRNS of a grey image has 3 bytes, not 2");
        c = chunks(palette());
        Chunk trns = c.remove(index(c, "tRNS"));
        c.add(1, trns);
        refused(build(c), "tRNS chunk before PLTE");
        c = chunks(palette());
        c.add(index(c, "IDAT"), new Chunk("tRNS", new byte[]{1}));
        refused(build(c), "second tRNS chunk");
    }

    @Test
    void colourKeysAreKeptAsChunks() throws IOException {
        List<Chunk> c = chunks(rgb());
        c.add(1, new Chunk("tRNS", new byte[]{0, 1, 0, 2, 0, 3}));
        PngImage image = PngIO.read(build(c));
        assertEquals(List.of(new PngChunk(PngChunk.BEFORE_PLTE, "tRNS", new byte[]{0, 1, 0, 2, 0, 3})), image.chunks());
    }

    @Test
    void plteInAGreyImage() throws IOException {
        List<Chunk> c = chunks(grey());
        c.add(1, new Chunk("PLTE", new byte[]{1, 2, 3}));
        assertEquals("corrupt PNG: PLTE chunk in a grey image", refused(build(c), "PLTE"));
    }

    @Test
    void plteAfterIdat() throws IOException {
        List<Chunk> c = chunks(rgb());
        c.add(index(c, "IEND"), new Chunk("PLTE", new byte[]{1, 2, 3}));
        refused(build(c), "PLTE chunk after the image data");
        // a suggested palette before the image data is allowed in RGB images
        c = chunks(rgb());
        c.add(1, new Chunk("PLTE", new byte[]{1, 2, 3}));
        assertEquals(W, PngIO.read(build(c)).width());
    }

    @Test
    void badPalettes() throws IOException {
        List<Chunk> c = chunks(palette());
        c.remove(index(c, "tRNS"));
        c.remove(index(c, "PLTE"));
        refused(build(c), "palette image without a PLTE chunk");
        c = chunks(palette());
        c.set(index(c, "PLTE"), new Chunk("PLTE", new byte[13]));
        refused(build(c), "PLTE chunk of 13 bytes");
        int[] s = new int[W * H];
        byte[] twoBit = RawPngWriter.write(W, H, 3, 2, s, new int[]{0xFF, 0xFF, 0xFF, 0xFF});
        c = chunks(twoBit);
        c.set(index(c, "PLTE"), new Chunk("PLTE", new byte[15]));
        refused(build(c), "PLTE has 5 entries but a 2-bit image can index only 4");
    }

    @Test
    void idatChunksNotConsecutive() throws IOException {
        List<Chunk> c = chunks(grey());
        int i = index(c, "IDAT");
        byte[] z = c.get(i).data();
        c.set(i, new Chunk("IDAT", Arrays.copyOf(z, 10)));
        c.add(i + 1, new Chunk("tEXt", "a\0b".getBytes(StandardCharsets.ISO_8859_1)));
        c.add(i + 2, new Chunk("IDAT", Arrays.copyOfRange(z, 10, z.length)));
        refused(build(c), "IDAT chunks are not consecutive");
    }

    @Test
    void imageDataSplitOverManyIdatChunksReads() throws IOException {
        byte[] png = grey();
        List<Chunk> c = chunks(png);
        int i = index(c, "IDAT");
        byte[] z = c.remove(i).data();
        for (int k = z.length - 1; k >= 0; k--) {
            c.add(i, new Chunk("IDAT", new byte[]{z[k]}));
        }
        c.add(i + 1, new Chunk("IDAT", new byte[0]));
        assertTrue(Arrays.equals(PngIO.read(png).samples().samples(), PngIO.read(build(c)).samples().samples()));
    }

    @Test
    void noIdat() throws IOException {
        List<Chunk> c = chunks(grey());
        c.remove(index(c, "IDAT"));
        refused(build(c), "no IDAT chunk");
    }

    @Test
    void dataAfterIend() throws IOException {
        byte[] png = grey();
        byte[] longer = Arrays.copyOf(png, png.length + 3);
        assertEquals("corrupt PNG: 3 bytes after the IEND chunk", refused(longer, "after the IEND"));
    }

    @Test
    void extraZlibData() throws IOException {
        // compressed bytes after the end of the zlib stream, in the same IDAT and in another one
        List<Chunk> c = chunks(grey());
        int i = index(c, "IDAT");
        byte[] z = c.get(i).data();
        c.set(i, new Chunk("IDAT", Arrays.copyOf(z, z.length + 5)));
        refused(build(c), "extra data after the end of the image data's zlib stream");
        c = chunks(grey());
        c.add(i + 1, new Chunk("IDAT", deflate(new byte[10])));
        refused(build(c), "extra data after the end of the image data's zlib stream");
    }

    @Test
    void tooMuchImageData() {
        byte[] raw = Arrays.copyOf(rawRows(H), H * (W + 1) + 1);
        refused(greyWithImageData(raw), "more image data than the 37x29 image needs");
    }

    @Test
    void tooLittleImageData() {
        assertEquals("truncated PNG: the image data ends after 3 of 29 rows",
                refused(greyWithImageData(Arrays.copyOf(rawRows(H), 3 * (W + 1) + 5)), "truncated PNG"));
    }

    @Test
    void zlibStreamWithoutItsEnd() {
        byte[] png = greyWithImageData(rawRows(H));
        List<Chunk> c = chunks(png);
        int i = index(c, "IDAT");
        byte[] z = c.get(i).data();
        c.set(i, new Chunk("IDAT", Arrays.copyOf(z, z.length - 4)));   // no Adler-32
        refused(build(c), "truncated PNG");
        // a wrong Adler-32
        c = chunks(png);
        byte[] bad = z.clone();
        bad[bad.length - 1] ^= 1;
        c.set(i, new Chunk("IDAT", bad));
        refused(build(c), "bad zlib data");
    }

    @Test
    void notAZlibStream() {
        List<Chunk> c = chunks(greyWithImageData(rawRows(H)));
        int i = index(c, "IDAT");
        byte[] z = c.get(i).data().clone();
        z[0] = 0x79;   // a 128 KiB window
        z[1] = (byte) (31 - (0x79 << 8) % 31);
        c.set(i, new Chunk("IDAT", z));
        refused(build(c), "not a zlib stream");
    }

    @Test
    void badFilterByte() {
        byte[] raw = rawRows(H);
        raw[5 * (W + 1)] = 5;
        assertEquals("corrupt PNG: row 6 of the image data has filter type 5 (must be 0 to 4)",
                refused(greyWithImageData(raw), "filter type"));
    }

    @Test
    void badIhdrFields() {
        for (byte[] ihdr : List.of(ihdr(0, H, 8, 0), ihdr(W, -1, 8, 0), ihdr(W, H, 8, 1), ihdr(W, H, 16, 3),
                ihdr(W, H, 4, 2))) {
            byte[] png = build(List.of(new Chunk("IHDR", ihdr), new Chunk("IDAT", deflate(rawRows(H))),
                    new Chunk("IEND", new byte[0])));
            refused(png, "corrupt PNG");
        }
        byte[] withInterlace2 = ihdr(W, H, 8, 0);
        withInterlace2[12] = 2;
        refused(build(List.of(new Chunk("IHDR", withInterlace2), new Chunk("IEND", new byte[0]))),
                "unknown interlace method 2");
        refused(build(List.of(new Chunk("IHDR", Arrays.copyOf(ihdr(W, H, 8, 0), 14)),
                new Chunk("IEND", new byte[0]))), "IHDR chunk of 14 bytes, not 13");
    }

    @Test
    void emptyFileAndOtherFormats() {
        assertEquals("empty file (0 bytes), not a PNG", refused(new byte[0], "empty file"));
        refused("GIF89a".getBytes(StandardCharsets.US_ASCII), "not a PNG file");
        refused(Arrays.copyOf(PngChunks.SIGNATURE, 5), "truncated PNG");
        refused(PngChunks.SIGNATURE, "truncated PNG: no IEND chunk");
    }

    @Test
    @Timeout(5)
    void hugeClaimIsRefusedByThePixelLimit() {
        byte[] png = build(List.of(new Chunk("IHDR", ihdr(23170, 23170, 8, 6)),
                new Chunk("IDAT", deflate(new byte[40])), new Chunk("IEND", new byte[0])));
        assertTrue(png.length <= 100, png.length + " bytes");
        assertEquals(Limits.DEFAULT.refusal(23170, 23170), refused(png, "exceeds the limit"));
    }

    @Test
    @Timeout(10)
    void largeClaimWithTinyImageDataIsRefusedAsTruncatedWithoutAllocating() {
        byte[] png = build(List.of(new Chunk("IHDR", ihdr(10000, 10000, 8, 2)),
                new Chunk("IDAT", deflate(new byte[100])), new Chunk("IEND", new byte[0])));
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        refused(png, "truncated PNG: the image data ends after 0 of 10000 rows");
        long after = rt.totalMemory() - rt.freeMemory();
        assertTrue(after - before < 100_000_000L, "allocated about " + (after - before) + " bytes");
    }

    @Test
    void limitsOverloads() throws IOException {
        byte[] png = grey();
        refused(() -> PngIO.read(png, new Limits(W * H - 1)), "exceeds the limit of " + (W * H - 1));
        assertEquals(W, PngIO.read(png, new Limits(W * H)).width());
    }
}
