package io.lcompress.codec.coding;

import io.lcompress.codec.Limits;
import io.lcompress.codec.TestImages;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which PNG files of 64 x 64 to 256 x 256 pixels try a freshly deflated PNG stream ({@link
 * LcEncoder#mayTryPngStream}): photos do not (a fresh deflate never wins there and costs time), and no
 * image whose fresh stream beats the coded file is passed over. The reference is the same image held in
 * memory, which always tries the fresh stream: the file from the PNG may only be shorter (it may also keep the
 * PNG's own image data).
 */
@Timeout(120)
class PngStreamChoiceTest {

    /** A PNG file of an 8-bit RGB image, rows unfiltered, its image data deflated at {@code level}. */
    static byte[] png(Raster rgb, int level) throws IOException {
        int w = rgb.width();
        int h = rgb.height();
        byte[] rows = new byte[h * (1 + 3 * w)];
        for (int y = 0; y < h; y++) {
            System.arraycopy(rgb.samples(), y * 3 * w, rows, y * (1 + 3 * w) + 1, 3 * w);
        }
        Deflater d = new Deflater(level);
        d.setInput(rows);
        d.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            z.write(buf, 0, d.deflate(buf));
        }
        d.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", z.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Synthetic images of {@code w x h}: kind 0 bricks, 1 colour bars, 2 a repeated tile of noise, 3 a gradient. */
    static Raster synthetic(int kind, int w, int h) {
        Raster r = new Raster(w, h, 3);
        byte[] s = r.samples();
        Random rnd = new Random(kind);
        byte[] tile = new byte[16 * 16 * 3];
        rnd.nextBytes(tile);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int v = switch (kind) {
                        case 0 -> (y % 8 == 0 || (x + (y / 8 % 2) * 8) % 16 == 0) ? 40 : 180 + 20 * c;
                        case 1 -> (x / 12 % 7) * 36 + 13 * c;
                        case 2 -> tile[((y % 16) * 16 + x % 16) * 3 + c] & 0xFF;
                        default -> (x + 2 * y + 50 * c) % 256;
                    };
                    s[(y * w + x) * 3 + c] = (byte) v;
                }
            }
        }
        return r;
    }

    @Test
    void noFreshStreamThatWinsIsPassedOver() throws Exception {
        int streams = 0;
        for (int kind = 0; kind < 4; kind++) {
            for (int[] size : new int[][]{{100, 100}, {256, 200}}) {
                Raster image = synthetic(kind, size[0], size[1]);
                LcCodec.Encoded inMemory = LcCodec.encode(new PngImage(PngImage.RGB, 8, false, image, null, null),
                        ModelRegistry.fast(), 2);
                for (int level : new int[]{0, 1, 9}) {
                    String what = "kind " + kind + ", " + size[0] + "x" + size[1] + ", deflate level " + level;
                    byte[] png = png(image, level);
                    LcCodec.Encoded fromFile = LcCodec.encode(PngIO.open(png, Limits.DEFAULT), ModelRegistry.fast(), 2);
                    assertTrue(fromFile.file().length <= inMemory.file().length,
                            what + ": " + fromFile.file().length + " bytes against " + inMemory.file().length + " in memory");
                    streams += fromFile.header().isPngStream() ? 1 : 0;
                }
            }
        }
        assertTrue(streams >= 6, streams + " PNG streams");   // the fresh stream wins on several of them
    }

    @Test
    void photosSkipTheFreshStreamAndNaturalImagesStayCoded() throws Exception {
        byte[] png = Files.readAllBytes(TestImages.testdata().resolve("coffee-crop.png"));
        var src = PngIO.open(png, Limits.DEFAULT);
        LcCodec.Encoded coded = LcCodec.encode(src, ModelRegistry.fast(), 2);
        assertFalse(coded.header().isPngStream());
        assertFalse(LcEncoder.mayTryPngStream(src, src.idat(), coded.file().length),
                "a photo's PNG data is compressed and its coded file takes more than 4 bits a pixel");
        // the same photo stored uncompressed, or coded under 4 bits a pixel: tried
        byte[] stored = png(PngIO.read(png).samples(), 0);
        var storedSrc = PngIO.open(stored, Limits.DEFAULT);
        assertTrue(LcEncoder.mayTryPngStream(storedSrc, storedSrc.idat(), coded.file().length));
        long pixels = (long) src.width() * src.height();
        assertTrue(LcEncoder.mayTryPngStream(src, src.idat(), (int) (pixels / 2 - 1)));
        assertFalse(LcEncoder.mayTryPngStream(src, src.idat(), (int) (pixels / 2)));
    }
}
