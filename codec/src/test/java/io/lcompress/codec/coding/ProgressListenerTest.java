package io.lcompress.codec.coding;

import io.lcompress.codec.Limits;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngSource;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A progress listener sees every stripe once, in order, and changes nothing in the output. */
class ProgressListenerTest {
    private static PngImage image() {
        Raster r = new Raster(40, 300, 3);
        byte[] s = r.samples();
        Random rnd = new Random(7);
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) ((i / 3 % 40) * 3 + rnd.nextInt(8));
        }
        return PngImage.of(r);
    }

    @Test
    void everyStripeOnceInOrderAndTheSameBytes() throws Exception {
        PngImage img = image();
        PixelModel fast = ModelRegistry.fast();
        for (int threads : new int[]{1, 3}) {
            LcCodec.Encoded plain = LcCodec.encode(img, fast, threads);
            List<int[]> calls = new ArrayList<>();
            LcCodec.Encoded watched = LcCodec.encode(PngSource.of(img), fast, threads,
                    (done, total) -> calls.add(new int[]{done, total}));
            assertArrayEquals(plain.file(), watched.file());
            int stripes = plain.header().stripeCount();
            assertEquals(stripes, calls.size());
            for (int i = 0; i < stripes; i++) {
                assertArrayEquals(new int[]{i + 1, stripes}, calls.get(i));
            }

            List<int[]> decoded = new ArrayList<>();
            LcCodec.Decoded d = LcCodec.decode(plain.file(), null, threads, Limits.DEFAULT,
                    (done, total) -> decoded.add(new int[]{done, total}));
            assertArrayEquals(img.samples().samples(), d.image().samples().samples());
            assertEquals(stripes, decoded.size());
            assertArrayEquals(new int[]{stripes, stripes}, decoded.get(stripes - 1));

            List<int[]> streamed = new ArrayList<>();
            LcCodec.decodeToPng(plain.file(), null, threads, Limits.DEFAULT, new ByteArrayOutputStream(),
                    (done, total) -> streamed.add(new int[]{done, total}));
            assertEquals(stripes, streamed.size());
        }
    }
}
