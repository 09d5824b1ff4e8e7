package io.lcompress.codec.image;

import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.model.FastPixelModel;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every PNG kind: written by an independent minimal encoder, read, coded, decoded and written back,
 * with identical samples, colour type, bit depth and interlacing at every step.
 */
class PngKindsTest {

    static Stream<Arguments> kinds() {
        List<Arguments> out = new ArrayList<>();
        for (int d : new int[]{1, 2, 4, 8, 16}) {
            out.add(Arguments.of(0, d, "grey"));
        }
        for (int d : new int[]{8, 16}) {
            out.add(Arguments.of(2, d, "rgb"));
            out.add(Arguments.of(4, d, "grey+alpha"));
            out.add(Arguments.of(6, d, "rgba"));
            out.add(Arguments.of(6, d, "rgba-opaque"));
            out.add(Arguments.of(2, d, "grey-as-rgb"));
        }
        for (int d : new int[]{1, 2, 4, 8}) {
            out.add(Arguments.of(3, d, "palette"));
            out.add(Arguments.of(3, d, "palette+trns"));
            out.add(Arguments.of(3, d, "palette-duplicates"));
        }
        return out.stream();
    }

    /** Smooth content with noise and edges, so the models see something photo-like. */
    static int[] content(int w, int h, int channels, int depth, String variant, Random rnd) {
        int max = (1 << depth) - 1;
        int[] s = new int[w * h * channels];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double base = 0.5 + 0.35 * Math.sin(x * 0.11) * Math.cos(y * 0.07) + ((x / 9 + y / 7) % 2) * 0.1;
                for (int c = 0; c < channels; c++) {
                    double v = base + 0.05 * c + rnd.nextGaussian() * 0.02;
                    if (variant.equals("grey-as-rgb")) {
                        v = base;
                    }
                    boolean alpha = (channels == 2 && c == 1) || (channels == 4 && c == 3);
                    if (alpha) {
                        v = variant.equals("rgba-opaque") ? 1.0 : (x < w / 2 ? 1.0 : 0.3 + 0.01 * (y % 5));
                    }
                    s[i++] = (int) Math.max(0, Math.min(max, Math.round(v * max)));
                }
            }
        }
        return s;
    }

    static int ihdrByte(byte[] png, int offset) {
        return png[8 + 8 + offset] & 0xFF;   // signature, length+type, then IHDR fields
    }

    @ParameterizedTest(name = "colour type {0}, {1}-bit, {2}")
    @MethodSource("kinds")
    void roundTripsExactly(int colorType, int depth, String variant) throws Exception {
        Random rnd = new Random(colorType * 100 + depth);
        int w = 37;
        int h = 29;
        int[] samples;
        int[] palette = null;
        if (colorType == 3) {
            int n = Math.min(1 << depth, 200);
            palette = new int[n];
            for (int k = 0; k < n; k++) {
                int a = variant.equals("palette+trns") ? (k * 37) & 0xFF : 0xFF;
                palette[k] = (k * 53 & 0xFF) << 24 | (k * 97 & 0xFF) << 16 | (255 - k & 0xFF) << 8 | a;
            }
            if (variant.equals("palette-duplicates") && n > 1) {
                palette[n - 1] = palette[0];
            }
            samples = new int[w * h];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (i / 7 + rnd.nextInt(2)) % n;
            }
        } else {
            int channels = switch (colorType) {
                case 0 -> 1;
                case 2 -> 3;
                case 4 -> 2;
                default -> 4;
            };
            samples = content(w, h, channels, depth, variant, rnd);
        }
        byte[] png = RawPngWriter.write(w, h, colorType, depth, samples, palette);
        PngImage img = PngIO.read(png);
        assertEquals(colorType, img.colorType());
        assertEquals(depth, img.bitDepth());
        // the samples ImageIO gives are the ones the independent writer stored
        byte[] hi = img.samples().samples();
        for (int i = 0; i < samples.length; i++) {
            int v = depth == 16 ? (hi[i] & 0xFF) << 8 | (img.low().samples()[i] & 0xFF) : hi[i] & 0xFF;
            assertEquals(samples[i], v, "sample " + i);
        }
        if (palette != null) {
            assertArrayEquals(palette, img.palette());
        }
        List<PixelModel> models = new ArrayList<>(ModelRegistry.builtIns());
        for (PixelModel m : models) {
            LcCodec.Encoded e = LcCodec.encode(img, m, 2, 8, false);
            LcCodec.Decoded d = LcCodec.decode(e.file(), null, 2);
            PngImage back = d.image();
            assertEquals(colorType, back.colorType());
            assertEquals(depth, back.bitDepth());
            assertArrayEquals(img.samples().samples(), back.samples().samples());
            if (depth == 16) {
                assertNotNull(back.low());
                assertArrayEquals(img.low().samples(), back.low().samples());
            }
            if (palette != null) {
                assertArrayEquals(palette, back.palette());
            }
            assertTrue(e.payloadBits() <= e.modelBits() * 1.001 + 64L * 8 * e.header().planes().size(),
                    e.payloadBits() + " vs " + e.modelBits());
            // and the PNG written back has the same kind and samples
            for (boolean interlaced : new boolean[]{false, true}) {
                PngImage toWrite = new PngImage(back.colorType(), back.bitDepth(), interlaced, back.samples(),
                        back.low(), back.palette());
                byte[] written = PngIO.encode(toWrite);
                assertEquals(depth, ihdrByte(written, 8), "bit depth written");
                assertEquals(colorType, ihdrByte(written, 9), "colour type written");
                assertEquals(interlaced ? 1 : 0, ihdrByte(written, 12), "interlace written");
                PngImage again = PngIO.read(written);
                assertEquals(interlaced, again.interlaced());
                assertArrayEquals(img.samples().samples(), again.samples().samples());
                if (depth == 16) {
                    assertArrayEquals(img.low().samples(), again.low().samples());
                }
            }
        }
        // grey is not inflated: one model-coded channel for grey, grey+alpha and grey stored as RGB
        // (the planned planes: an image this small may be stored as its PNG's deflate stream instead)
        io.lcompress.codec.container.LcHeader fast = io.lcompress.codec.coding.PlannedHeader.of(img,
                new FastPixelModel());
        if (colorType == 0 || colorType == 4 || variant.equals("grey-as-rgb") && depth == 8) {
            assertEquals(1, fast.mainPlane().channels());
        }
        if (variant.equals("rgba-opaque")) {
            assertTrue(fast.planes().stream().anyMatch(p -> p instanceof io.lcompress.codec.container.ConstantPlane),
                    "constant alpha plane");
        }
    }
}
