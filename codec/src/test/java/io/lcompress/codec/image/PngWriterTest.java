package io.lcompress.codec.image;

import io.lcompress.codec.TestImages;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PngWriterTest {
    /** Large incompressible images stream out as several IDAT chunks that read back exactly. */
    @Test
    void largeImagesStreamAsSeveralIdatChunks() throws Exception {
        for (boolean interlaced : new boolean[]{false, true}) {
            Raster noise = TestImages.noise(300, 200, 3, 7);
            PngImage img = new PngImage(PngImage.RGB, 8, interlaced, noise, null, null);
            byte[] png = PngIO.encode(img);
            int idat = 0;
            ByteBuffer b = ByteBuffer.wrap(png);
            b.position(8);
            while (b.remaining() >= 12) {
                int length = b.getInt();
                byte[] type = new byte[4];
                b.get(type);
                if (new String(type, java.nio.charset.StandardCharsets.US_ASCII).equals("IDAT")) {
                    idat++;
                    assertTrue(length <= PngWriter.IDAT_BYTES);
                }
                b.position(b.position() + length + 4);
            }
            assertTrue(idat >= 3, idat + " IDAT chunks");
            assertNull(img.differenceFrom(PngIO.read(png)));
        }
    }
}
