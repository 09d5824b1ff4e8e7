package io.lcompress.codec.coding;

import io.lcompress.codec.Limits;
import io.lcompress.codec.TestImages;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngSource;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coding an image transposed (header flag bit 3): the transpose, the encoder's choice, every decoder. */
@Timeout(120)
class TranspositionTest {
    private static final PixelModel FAST = ModelRegistry.fast();

    private static PngImage crop(String name) {
        return TestImages.read(TestImages.testdata().resolve(name + "-crop.png"));
    }

    private static LcCodec.Encoded encode(PngImage image, Transposition.Choice choice) throws IOException {
        return LcEncoder.encode(PngSource.of(image), FAST, 2, LcCodec.defaultStripeRows(image.width(), image.height()),
                false, ProgressListener.NONE, choice);
    }

    @Test
    void transposeMovesEverySampleAndUndoesItself() {
        Raster r = new Raster(3, 2, 2);
        for (int i = 0; i < r.samples().length; i++) {
            r.samples()[i] = (byte) (i * 7 + 1);
        }
        Raster t = Transposition.transpose(r);
        assertEquals(2, t.width());
        assertEquals(3, t.height());
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                for (int c = 0; c < 2; c++) {
                    assertEquals(r.get(x, y, c), t.get(y, x, c));
                }
            }
        }
        assertArrayEquals(r.samples(), Transposition.transpose(t).samples());
    }

    @Test
    void theEstimateOfTheTransposeReadInPlaceIsTheEstimateOfTheCopyToTheLastBit() {
        // real photos of 1, 3 and 4 channels, none of them square, and the copy's estimate as the reference
        for (String name : new String[] {"chelsea", "barbara", "coffee"}) {
            Raster r = crop(name).samples();
            Raster[] kinds = {r, channels(r, 1), channels(r, 4), rows(r, 37)};
            for (Raster k : kinds) {
                double copy = Transposition.cost(Transposition.transpose(k), false);
                assertEquals(Double.doubleToLongBits(copy), Double.doubleToLongBits(Transposition.cost(k, true)),
                        name + " " + k.width() + "x" + k.height() + "x" + k.channels());
                assertTrue(copy != Transposition.cost(k, false), "the two orientations differ: " + name);
            }
        }
    }

    /** The first {@code n} channels of {@code r} (repeating its last one when it has fewer). */
    private static Raster channels(Raster r, int n) {
        Raster out = new Raster(r.width(), r.height(), n);
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                for (int c = 0; c < n; c++) {
                    out.set(x, y, c, r.get(x, y, Math.min(c, r.channels() - 1)) ^ (c == 3 ? 0x55 : 0));
                }
            }
        }
        return out;
    }

    /** The first {@code n} rows of {@code r}: a wide, short image. */
    private static Raster rows(Raster r, int n) {
        Raster out = new Raster(r.width(), n, r.channels());
        System.arraycopy(r.samples(), 0, out.samples(), 0, r.width() * n * r.channels());
        return out;
    }

    @Test
    void theEncoderTransposesWhereTheEstimateSaysItPaysAndTheFileIsSmaller() throws IOException, FormatException {
        // chelsea's crop: estimate -0.34 %, level 1 -0.33 % when transposed; motorcycle's: estimate +0.78 %
        PngImage chelsea = crop("chelsea");
        LcCodec.Encoded chosen = LcCodec.encode(chelsea, FAST, 2);
        assertTrue(chosen.header().transposed());
        assertEquals(chelsea.width(), chosen.header().pngWidth());
        assertTrue(chosen.file().length < encode(chelsea, Transposition.Choice.NEVER).file().length);
        assertEquals(chelsea.differenceFrom(LcCodec.decode(chosen.file(), null, 1).image()), null);

        PngImage motorcycle = crop("motorcycle");
        assertFalse(LcCodec.encode(motorcycle, FAST, 2).header().transposed());
    }

    @Test
    void smallImagesAreCodedAsTheyAre() throws IOException {
        // at most 128 x 128 pixels: the strongest levels' small-image network was trained on upright images
        assertFalse(Transposition.considered(128, 128));
        assertTrue(Transposition.considered(129, 128));
        assertFalse(Transposition.considered(1, 100_000));
        assertTrue(Transposition.considered(2048, 2048));
        assertFalse(Transposition.considered(2049, 2048));       // over 2^22 pixels: streamed as it is
        Raster part = crop("chelsea").samples().rows(0, 96);
        Raster square = new Raster(128, 96, 3);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 128; x++) {
                for (int c = 0; c < 3; c++) {
                    square.set(x, y, c, part.get(x, y, c));
                }
            }
        }
        assertFalse(LcCodec.encode(PngImage.of(square), FAST, 2).header().transposed());
        // an explicit stripe plan (tests, heatmaps) keeps the image as it is
        PngImage chelsea = crop("chelsea");
        assertFalse(LcCodec.encode(chelsea, FAST, 2, 40, false).header().transposed());
    }

    @Test
    void everyDecoderGivesTheImageBack() throws IOException, FormatException {
        PngImage image = crop("barbara");
        LcCodec.Encoded e = encode(image, Transposition.Choice.ALWAYS);
        LcHeader h = LcFormat.read(e.file()).header();
        assertTrue(h.transposed());
        assertEquals(image.height(), h.width());
        assertEquals(image.width(), h.height());
        assertTrue(h.stripeCount() > 1, "the coded image's stripes: " + h.stripeCount());

        // in memory, with the file's header and the PNG's size
        LcCodec.Decoded d = LcCodec.decode(e.file(), null, 2);
        assertNull(image.differenceFrom(d.image()));
        assertTrue(d.header().transposed());
        // straight to a PNG, rows streamed
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        LcCodec.decodeToPng(e.file(), null, 2, Limits.DEFAULT, png);
        assertNull(image.differenceFrom(PngIO.read(png.toByteArray())));
        // the encoder's own check
        LcCodec.verify(image, e, 2);
        // Java's ImageIO (the plug-in reads the size from the header)
        BufferedImage awt = ImageIO.read(new ByteArrayInputStream(e.file()));
        assertEquals(image.width(), awt.getWidth());
        assertEquals(image.height(), awt.getHeight());
        assertEquals(image.samples().get(150, 7, 0), awt.getRaster().getSample(150, 7, 0));
        // and a transposed file refuses a pixel limit below its size like any other
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(FormatException.class,
                () -> LcCodec.decode(e.file(), null, 1, new Limits(1000))).getMessage().contains("pixels"));
    }

    /** Every image kind of the format fixtures (grey of 1 to 16 bits, palettes, alpha, chunks, interlaced), forced. */
    @Test
    void everyImageKindRoundTripsTransposed() throws IOException, FormatException {
        java.util.List<java.nio.file.Path> pngs;
        try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(TestImages.testdata().resolve("format-v4"))) {
            pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertTrue(pngs.size() > 20, pngs.toString());
        int transposed = 0;
        for (java.nio.file.Path png : pngs) {
            PngImage image = TestImages.read(png);
            LcCodec.Encoded e = encode(image, Transposition.Choice.ALWAYS);
            if (e.header().transposed()) {
                transposed++;
                assertEquals(image.width(), e.header().pngWidth(), png.toString());
            }
            assertNull(image.differenceFrom(LcCodec.decode(e.file(), null, 1).image()), png.toString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LcCodec.decodeToPng(e.file(), null, 2, Limits.DEFAULT, out);
            assertNull(image.differenceFrom(PngIO.read(out.toByteArray())), png.toString());
        }
        assertTrue(transposed > pngs.size() / 2, transposed + " of " + pngs.size() + " coded transposed (the rest: PNG streams)");
    }

    @Test
    void aCorruptTransposedFileIsRefusedBeforeAnyRowIsHandedOn() throws IOException {
        PngImage image = crop("coffee");
        byte[] file = encode(image, Transposition.Choice.ALWAYS).file().clone();
        file[file.length - 40] ^= 0x55;
        int[] rows = {0};
        org.junit.jupiter.api.Assertions.assertThrows(FormatException.class, () -> LcDecoder.decode(file, null, 1,
                Limits.DEFAULT, new LcDecoder.RowSink() {
                    @Override
                    public void begin(LcHeader h) {
                    }

                    @Override
                    public void rows(int y0, Raster samples, Raster low) {
                        rows[0] += samples.height();
                    }
                }));
        assertEquals(0, rows[0], "rows handed on before the checksum failed");
    }
}
