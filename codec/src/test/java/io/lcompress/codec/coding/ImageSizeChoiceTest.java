package io.lcompress.codec.coding;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A level's choice by image size ({@link ImageSizeChoice}): the encoder codes a small image with the small
 * images' model and a larger one with the other, each file names the model that coded it, and both decode
 * with nothing but the file. Stand-ins here: {@code fast-ols} for small images, {@code fast} for the rest.
 */
class ImageSizeChoiceTest {
    private static final PixelModel SMALL = ModelRegistry.byName("fast-ols").orElseThrow();
    private static final PixelModel LARGE = ModelRegistry.fast();

    private static PngImage crop(int w, int h) {
        Raster photo = TestImages.read(TestImages.testdata().resolve("coffee-crop.png")).samples();
        Raster r = new Raster(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    r.set(x, y, c, photo.get(x, y, c));
                }
            }
        }
        return new PngImage(PngImage.RGB, 8, false, r, null, null);
    }

    @Test
    void theEncoderCodesEachImageWithTheModelOfItsSizeAndTheFileNamesIt() throws Exception {
        ImageSizeChoice choice = new ImageSizeChoice(SMALL, LARGE, 32 * 32);
        // exactly the bound, one pixel more
        for (int[] size : new int[][]{{32, 32}, {16, 64}, {33, 32}, {100, 80}}) {
            PngImage image = crop(size[0], size[1]);
            boolean small = size[0] * size[1] <= 32 * 32;
            byte[] file = LcCodec.encode(image, choice, 1).file();
            ModelPlane p = LcFormat.read(file).header().mainPlane();
            if (p != null) {                                  // null: stored as a PNG stream, which the test image avoids
                assertEquals(small ? "fast-ols" : "fast", p.modelName(), size[0] + "x" + size[1]);
            }
            assertNull(image.differenceFrom(LcCodec.decode(file, null, 1).image()));
            // the same file as coding with the chosen model directly
            assertEquals(java.util.Arrays.toString(LcCodec.encode(image, small ? SMALL : LARGE, 1).file()),
                    java.util.Arrays.toString(file));
        }
    }

    /** The strongest levels as shipped: small2-wide up to 128x128 RGB pixels, wide-ols beyond. */
    @Test
    void levelsSevenToNineCodeSmallRgbImagesWithTheSmallImagesNetwork() throws Exception {
        for (int level = 7; level <= 9; level++) {
            PixelModel m = Effort.of(level).model();
            for (int[] size : new int[][]{{32, 32}, {128, 128}, {129, 128}}) {
                PngImage image = crop(size[0], size[1]);
                byte[] file = LcCodec.encode(image, m, 1).file();
                assertEquals((long) size[0] * size[1] <= Effort.SMALL_IMAGE_PIXELS ? "small2-wide" : "wide-ols",
                        LcFormat.read(file).header().mainPlane().modelName(), "level " + level + ", " + size[0] + "x" + size[1]);
                assertNull(image.differenceFrom(LcCodec.decode(file, null, 1).image()));
            }
        }
    }

    @Test
    void unresolvedItIsTheLargeImagesModel() {
        ImageSizeChoice choice = new ImageSizeChoice(SMALL, LARGE, 4096);
        assertEquals(LARGE.name(), choice.name());
        assertEquals(LARGE.fingerprint(), choice.fingerprint());
        assertSame(SMALL, ImageSizeChoice.resolve(choice, 64, 64, PngImage.RGB));
        assertSame(LARGE, ImageSizeChoice.resolve(choice, 65, 64, PngImage.RGB));
        assertSame(LARGE, ImageSizeChoice.resolve(LARGE, 1, 1, PngImage.RGB));
        for (int type : new int[]{PngImage.GRAY, PngImage.GRAY_ALPHA, PngImage.RGBA, PngImage.PALETTE}) {
            assertSame(LARGE, ImageSizeChoice.resolve(choice, 8, 8, type), "colour type " + type);
        }
        assertThrows(IllegalArgumentException.class, () -> new ImageSizeChoice(SMALL, LARGE, 0));
    }
}
