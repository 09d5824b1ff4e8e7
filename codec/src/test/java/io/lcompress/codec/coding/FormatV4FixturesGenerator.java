package io.lcompress.codec.coding;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.coding.stage.StagedModel;
import io.lcompress.codec.container.BuiltInModels;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.LowBytePlane;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.container.Plane;
import io.lcompress.codec.container.Stripes;
import io.lcompress.codec.image.PngChunk;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.MixedPixelModel;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.neural.NeuralPixelModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.Deflater;

/**
 * Writes {@code testdata/format-v4/}: a small {@code .lc} file for every feature of format version 4, each
 * written by the encoder of this version (the low-bytes tree, which it never writes, is crafted from its
 * coder), and the PNGs they were made from when these are not already in testdata/. It is how the files
 * were made; the files themselves are committed, decoded by {@link FormatFixturesTest} and checked for
 * coverage by {@code FormatV4CoverageTest}. Runs only when asked:
 * {@code mvn -pl codec test -Dtest=FormatV4FixturesGenerator -Dlcompress.writeFormatV4Fixtures=true}.
 */
@EnabledIfSystemProperty(named = "lcompress.writeFormatV4Fixtures", matches = "true")
class FormatV4FixturesGenerator {
    static final Path DIR = TestImages.testdata().resolve("format-v4");
    static final Path SUITE = TestImages.testdata().resolve("pngsuite");

    /** One fixture: the image, the model, the stripe height (0: the default plan), what the file must show. */
    record Fixture(String name, String model, PngImage image, int stripeRows, Predicate<LcHeader> expect) {
    }

    @Test
    void write() throws Exception {
        // fixtures already written stay (a file that decodes today decodes forever); one whose bytes
        // would change is refused in writeFixture
        Files.createDirectories(DIR);
        List<String> failures = new ArrayList<>();
        for (Fixture f : fixtures()) {
            PixelModel model = model(f.model());
            int rows = f.stripeRows() > 0 ? f.stripeRows()
                    : LcCodec.defaultStripeRows(f.image().width(), f.image().height());
            byte[] file = LcCodec.encode(f.image(), model, 1, rows, false).file();
            String tag = f.model().replace("+calibration", "-calibrated");
            LcHeader h = LcFormat.read(file).header();
            if (h.isPngStream()) {
                tag = "png-stream";
            } else if (h.mainPlane() != null && !tag.equals("custom")) {
                // the model that coded it (1-bit grey: bilevel, whatever was asked) and the calibration stage
                tag = h.mainPlane().modelName()
                        + (h.mainPlane().hasStage(ModelPlane.STAGE_CDF_CALIBRATION) ? "-calibrated" : "")
                        + (h.mainPlane().hasStage(ModelPlane.STAGE_CDF_CALIBRATION_2) ? "-calibrated2" : "")
                        + (h.mainPlane().hasStage(ModelPlane.STAGE_COLOUR_HISTOGRAM) ? "-histogram" : "")
                        + spikes(h);
            } else if (tag.equals("custom")) {
                tag += spikes(h);
            }
            if (!f.expect().test(h)) {
                failures.add(f.name() + " (" + f.model() + "): the encoder did not write the feature"
                        + " expected: " + describe(h));
                continue;
            }
            writeFixture(f.name(), tag, f.image(), file);
        }
        lowBytesTree();
        transposed(failures);
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    // ---------------------------------------------------------------- images

    static final String ASTRONAUT = "astronaut-crop.png";
    static final String CHELSEA = "chelsea-crop.png";
    static final String COFFEE = "coffee-crop.png";

    static List<Fixture> fixtures() throws IOException {
        List<Fixture> out = new ArrayList<>();
        Raster photo = crop(ASTRONAUT, 72, 40, 48, 32);
        // every built-in model of RGB and a custom one (id 0), all with chroma repeat (3 channels; version 2
        // since 2026-12-03, the files with version 1 stay) except
        // the frequency models (categorical), which take no coding stages; bilevel has its own below
        for (BuiltInModels.Id id : BuiltInModels.TABLE) {
            if (!model(id.name()).supportsChannels(3)) {
                continue;       // bilevel: below
            }
            boolean frequencies = ModelRegistry.byName(id.name()).orElseThrow() instanceof FrequencyModel;
            out.add(new Fixture("photo", id.name(), rgb(photo), 0, h -> !h.isPngStream()
                    && (frequencies ? h.mainPlane().stages() == 0 : h.mainPlane().hasStage(ModelPlane.STAGE_CHROMA_SPIKES))));
        }
        out.add(new Fixture("photo", "custom", rgb(photo), 0, h -> !h.isPngStream()
                && BuiltInModels.byModel(h.mainPlane().fingerprint(), h.mainPlane().modelName()).isEmpty()));
        // CDF calibration (stage bit 7) on top of chroma repeat, and on a grey plane with masks
        out.add(new Fixture("photo", "neural-mix+calibration", rgb(photo), 0, h -> !h.isPngStream()
                && h.mainPlane().stages() == (ModelPlane.STAGE_CHROMA_SPIKES | ModelPlane.STAGE_CDF_CALIBRATION)));
        out.add(new Fixture("photo", "wide-ols+calibration", rgb(photo), 0, h -> !h.isPngStream()
                && h.mainPlane().stages() == (ModelPlane.STAGE_CHROMA_SPIKES | ModelPlane.STAGE_CDF_CALIBRATION)));
        // chroma repeat version 3 (stage bit 10, levels 3 to 9 since 2026-12-03), alone and with calibration
        out.add(new Fixture("photo", "fast+near-spikes", rgb(photo), 0, h -> !h.isPngStream()
                && h.mainPlane().stages() == ModelPlane.STAGE_CHROMA_NEAR_SPIKES));
        out.add(new Fixture("photo", "wide-ols+calibration+near-spikes", rgb(photo), 0, h -> !h.isPngStream()
                && h.mainPlane().stages() == (ModelPlane.STAGE_CHROMA_NEAR_SPIKES | ModelPlane.STAGE_CDF_CALIBRATION)));
        // what levels 7-9 write(/wrote) for an RGB image of at most 128x128 pixels (ImageSizeChoice)
        out.add(new Fixture("photo", "small-wide+calibration", rgb(photo), 0, h -> !h.isPngStream()
                && h.mainPlane().stages() == (ModelPlane.STAGE_CHROMA_SPIKES | ModelPlane.STAGE_CDF_CALIBRATION)));
        out.add(new Fixture("photo", "small2-wide+calibration", rgb(photo), 0, h -> !h.isPngStream()
                && h.mainPlane().stages() == (ModelPlane.STAGE_CHROMA_SPIKES | ModelPlane.STAGE_CDF_CALIBRATION)));
        out.add(new Fixture("grey-calibrated", "fast-ols+calibration",
                new PngImage(PngImage.GRAY, 8, false, luma(crop(COFFEE, 40, 30, 48, 32)), null, null), 0,
                h -> !h.isPngStream() && h.mainPlane().stages() == ModelPlane.STAGE_CDF_CALIBRATION));
        out.add(new Fixture("grey-calibrated", "fast+calibration",
                new PngImage(PngImage.GRAY, 8, false, luma(crop(COFFEE, 40, 30, 48, 32)), null, null), 0,
                h -> !h.isPngStream() && h.mainPlane().stages() == ModelPlane.STAGE_CDF_CALIBRATION));
        // CDF calibration version 2 (stage bit 11, level 2 since 2026-12-04): level 2's recipe, and on grey
        out.add(new Fixture("photo", "fast+calibration2+near-spikes", rgb(photo), 0, h -> !h.isPngStream()
                && h.mainPlane().stages() == (ModelPlane.STAGE_CHROMA_NEAR_SPIKES | ModelPlane.STAGE_CDF_CALIBRATION_2)));
        out.add(new Fixture("grey-calibrated", "fast+calibration2",
                new PngImage(PngImage.GRAY, 8, false, luma(crop(COFFEE, 40, 30, 48, 32)), null, null), 0,
                h -> !h.isPngStream() && h.mainPlane().stages() == ModelPlane.STAGE_CDF_CALIBRATION_2));

        // constant plane: opaque alpha
        Raster cat = crop(CHELSEA, 60, 50, 48, 32);
        out.add(new Fixture("opaque-rgba", "fast", new PngImage(PngImage.RGBA, 8, false, withAlpha(cat, null), null,
                null), 0, h -> has(h, Plane.CONSTANT)));
        // grey + varying alpha: alpha through fast
        Raster grey = luma(cat);
        Raster alpha = new Raster(48, 32, 1);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 48; x++) {
                alpha.set(x, y, 0, Math.min(255, Math.max(0, 255 - 4 * Math.abs(x - 24) - 3 * Math.abs(y - 16))));
            }
        }
        out.add(new Fixture("grey-alpha", "fast", new PngImage(PngImage.GRAY_ALPHA, 8, false, interleave(grey, alpha),
                null, null), 0, h -> !h.isPngStream() && h.planes().size() == 2));
        // copy plane: grey stored as RGB
        out.add(new Fixture("grey-as-rgb", "fast", rgb(interleave(grey, grey, grey)), 0, h -> has(h, Plane.COPY)));

        // 16-bit: widened (low = high, v * 257; low = 0, v * 256)
        out.add(new Fixture("widened-257", "fast", new PngImage(PngImage.GRAY, 16, false, grey, copy(grey), null), 0,
                h -> has(h, Plane.WIDENED_LOW_BYTES)));
        out.add(new Fixture("widened-256", "fast", new PngImage(PngImage.RGB, 16, false, cat,
                new Raster(48, 32, 3), null), 0, h -> has(h, Plane.WIDENED_LOW_BYTES)));
        // 16-bit: low bytes predicted (kind 5), a real 16-bit image
        PngImage deep = deep16();
        out.add(new Fixture("deep16", "fast", deep, 0, h -> has(h, Plane.LOW_BYTES_PREDICTED)));
        // 16-bit with alpha: a crop of the version-3 RGBA fixture, and its grey and alpha
        PngImage rgba16 = crop16(TestImages.read(TestImages.testdata().resolve("format-v3/rgba16.png")), 8, 8, 48, 32);
        out.add(new Fixture("rgba16", "fast", rgba16, 0, h -> !h.isPngStream() && h.bitDepth() == 16));
        out.add(new Fixture("grey-alpha16", "fast", new PngImage(PngImage.GRAY_ALPHA, 16, false,
                rgba16.samples().channels(2, 2), rgba16.low().channels(2, 2), null), 0,
                h -> !h.isPngStream() && h.bitDepth() == 16));

        // stages and alphabets: a colour set with colour copy; masks
        Raster few = posterize(crop(ASTRONAUT, 100, 20, 48, 32), 0xC0);
        out.add(new Fixture("eight-colours", "fast", rgb(few), 0, h -> !h.isPngStream()
                && h.mainPlane().colourSet() != null && h.mainPlane().hasStage(ModelPlane.STAGE_COLOUR_COPY)));
        // the colour histogram (stage bit 8) on a colour set, alone and with calibration, over two stripes
        out.add(new Fixture("eight-colours", "fast+histogram", rgb(few), 16, h -> !h.isPngStream()
                && h.mainPlane().stages() == (ModelPlane.STAGE_COLOUR_COPY | ModelPlane.STAGE_COLOUR_HISTOGRAM)
                && h.stripeRows() == 16));
        out.add(new Fixture("eight-colours", "fast-ols+calibration+histogram", rgb(few), 16, h -> !h.isPngStream()
                && h.mainPlane().stages() == (ModelPlane.STAGE_COLOUR_COPY | ModelPlane.STAGE_COLOUR_HISTOGRAM
                | ModelPlane.STAGE_CDF_CALIBRATION)));
        Raster levels = posterize(crop(COFFEE, 100, 60, 48, 32), 0xF0);
        out.add(new Fixture("sixteen-levels", "fast", rgb(levels), 0, h -> !h.isPngStream()
                && h.mainPlane().colourSet() == null && Arrays.stream(h.mainPlane().alphabetMasks()).allMatch(m -> m != null)));

        // palettes
        out.add(new Fixture("palette8", "fast", palette332(crop(ASTRONAUT, 20, 80, 48, 32)), 0,
                h -> !h.isPngStream() && h.paletteMode() == LcHeader.PALETTE_EXPANDED));
        out.add(new Fixture("palette4-duplicates", "fast", paletteDuplicates(grey), 0,
                h -> !h.isPngStream() && h.paletteMode() == LcHeader.PALETTE_INDICES));
        out.add(new Fixture("palette8-translucent", "fast", translucent(palette332(crop(ASTRONAUT, 20, 80, 48, 32)), true),
                0, h -> !h.isPngStream() && LcHeader.paletteHasAlpha(h.palette())));
        out.add(new Fixture("palette8-translucent-noisy", "fast",
                translucent(palette332(crop(ASTRONAUT, 20, 80, 48, 32)), false), 0,
                h -> h.isPngStream() && LcHeader.paletteHasAlpha(h.palette())));
        out.add(new Fixture("palette2", "fast", palette2(grey), 0, h -> !h.isPngStream() && h.bitDepth() == 2));
        out.add(new Fixture("palette1", "fast", palette1(grey), 0, h -> !h.isPngStream() && h.bitDepth() == 1));
        // grey below 8 bits
        for (int depth : new int[]{1, 2, 4}) {
            out.add(new Fixture("grey" + depth, "fast", greyBits(grey, depth), 0,
                    h -> !h.isPngStream() && h.bitDepth() == depth));
        }
        // two levels: the bilevel model (id 10) on a 1-bit page of text
        PngImage page = TestImages.read(TestImages.testdata().resolve("bilevel/text-640x480.png"));
        out.add(new Fixture("bilevel-text", "bilevel", new PngImage(PngImage.GRAY, 1, false,
                page.samples().rows(30, 120).channels(0, 1), null, null), 0,
                h -> !h.isPngStream() && h.mainPlane().modelName().equals("bilevel") && h.bitDepth() == 1));
        // Adam7
        out.add(new Fixture("interlaced", "fast", new PngImage(PngImage.RGB, 8, true, photo, null, null), 0,
                h -> !h.isPngStream() && h.interlaced()));

        // kept chunks
        out.add(new Fixture("chunks-rgb", "fast", new PngImage(PngImage.RGB, 8, false, cat, null, null, rgbChunks()), 0,
                h -> !h.isPngStream() && !h.chunks().isEmpty()));
        out.add(new Fixture("chunks-grey", "fast", new PngImage(PngImage.GRAY, 8, false, grey, null, null, greyChunks()),
                0, h -> !h.isPngStream() && !h.chunks().isEmpty()));
        PngImage p8 = palette332(crop(ASTRONAUT, 20, 80, 48, 32));
        out.add(new Fixture("chunks-palette", "fast", new PngImage(PngImage.PALETTE, 8, false, p8.samples(), null,
                p8.palette(), paletteChunks()), 0, h -> !h.isPngStream() && !h.chunks().isEmpty()));
        for (String suite : List.of("ctzn0g04", "tbrn2c08", "pp0n2c16")) {
            out.add(new Fixture(suite, "fast", TestImages.read(SUITE.resolve(suite + ".png")), 0,
                    h -> !h.chunks().isEmpty()));
        }

        // PNG streams: small synthetic images
        out.add(new Fixture("bars-rgb", "fast", rgb(bars(48, 32)), 0, LcHeader::isPngStream));
        out.add(new Fixture("bars-rgb-chunks", "fast", new PngImage(PngImage.RGB, 8, false, bars(48, 32), null, null,
                rgbChunks()), 0, h -> h.isPngStream() && !h.chunks().isEmpty()));
        out.add(new Fixture("checks-palette4", "fast", checksPalette(false), 0, LcHeader::isPngStream));
        out.add(new Fixture("checks-palette4-interlaced", "fast", checksPalette(true), 0,
                h -> h.isPngStream() && h.interlaced()));

        // stripes: raw (noise), a stored stripe height and several stripes
        out.add(new Fixture("noise", "fast", rgb(TestImages.noise(32, 24, 3, 4)), 0, FormatV4FixturesGenerator::anyRaw));
        Raster tall = crop(CHELSEA, 100, 20, 48, 48);
        out.add(new Fixture("stripes16", "fast", rgb(tall), 16, h -> !h.isPngStream() && h.stripeCount() == 3));
        Raster half = copy(tall);
        Raster n = TestImages.noise(48, 16, 3, 7);
        half.putRows(0, n);
        out.add(new Fixture("noise-over-photo", "fast", rgb(half), 16, h -> !h.isPngStream() && anyRaw(h)
                && h.stripeCount() == 3));
        return out;
    }

    static boolean has(LcHeader h, int kind) {
        return h.planes().stream().anyMatch(p -> p.kind() == kind);
    }

    static boolean anyRaw(LcHeader h) {
        for (Plane p : h.planes()) {
            if (p.stripes() != null) {
                for (boolean r : p.stripes().raw()) {
                    if (r) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static Raster crop(String file, int x0, int y0, int w, int h) {
        Raster src = TestImages.read(TestImages.testdata().resolve(file)).samples();
        Raster r = new Raster(w, h, src.channels());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < src.channels(); c++) {
                    r.set(x, y, c, src.get(x0 + x, y0 + y, c));
                }
            }
        }
        return r;
    }

    static Raster copy(Raster r) {
        return Raster.wrap(r.width(), r.height(), r.channels(), r.samples().clone());
    }

    static PngImage crop16(PngImage src, int x0, int y0, int w, int h) {
        Raster hi = new Raster(w, h, src.samples().channels());
        Raster lo = new Raster(w, h, src.samples().channels());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < hi.channels(); c++) {
                    hi.set(x, y, c, src.samples().get(x0 + x, y0 + y, c));
                    lo.set(x, y, c, src.low().get(x0 + x, y0 + y, c));
                }
            }
        }
        return new PngImage(src.colorType(), 16, false, hi, lo, null);
    }

    static PngImage rgb(Raster r) {
        return new PngImage(PngImage.RGB, 8, false, r, null, null);
    }

    static Raster luma(Raster rgb) {
        Raster g = new Raster(rgb.width(), rgb.height(), 1);
        for (int y = 0; y < rgb.height(); y++) {
            for (int x = 0; x < rgb.width(); x++) {
                g.set(x, y, 0, (299 * rgb.get(x, y, 0) + 587 * rgb.get(x, y, 1) + 114 * rgb.get(x, y, 2) + 500) / 1000);
            }
        }
        return g;
    }

    /** The channels of the rasters side by side. */
    static Raster interleave(Raster... parts) {
        int channels = 0;
        for (Raster p : parts) {
            channels += p.channels();
        }
        Raster r = new Raster(parts[0].width(), parts[0].height(), channels);
        int first = 0;
        for (Raster p : parts) {
            r.putChannels(first, p);
            first += p.channels();
        }
        return r;
    }

    /** RGB plus an alpha channel ({@code alpha} null: opaque). */
    static Raster withAlpha(Raster rgb, Raster alpha) {
        if (alpha == null) {
            alpha = new Raster(rgb.width(), rgb.height(), 1);
            Arrays.fill(alpha.samples(), (byte) 255);
        }
        return interleave(rgb, alpha);
    }

    static Raster posterize(Raster r, int mask) {
        Raster p = copy(r);
        byte[] s = p.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (s[i] & mask);
        }
        return p;
    }

    /**
     * A real 16-bit image: a smooth 16-bit field (bilinear between the 8-bit photo's samples at four times
     * the scale), so that its low bytes are neither widened nor noise.
     */
    static PngImage deep16() {
        Raster src = crop(COFFEE, 60, 40, 13, 9);
        int w = 48;
        int h = 32;
        Raster hi = new Raster(w, h, 3);
        Raster lo = new Raster(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int x0 = x / 4;
                int y0 = y / 4;
                int fx = x % 4;
                int fy = y % 4;
                for (int c = 0; c < 3; c++) {
                    int a = src.get(x0, y0, c);
                    int b = src.get(x0 + 1, y0, c);
                    int d = src.get(x0, y0 + 1, c);
                    int e = src.get(x0 + 1, y0 + 1, c);
                    int v = ((a * (4 - fx) + b * fx) * (4 - fy) + (d * (4 - fx) + e * fx) * fy) * 257 / 16;
                    hi.set(x, y, c, v >> 8);
                    lo.set(x, y, c, v & 0xFF);
                }
            }
        }
        return new PngImage(PngImage.RGB, 16, false, hi, lo, null);
    }

    /** The photo mapped to the 3-3-2 palette (256 distinct colours: mode 0, expanded). */
    static PngImage palette332(Raster rgb) {
        int[] pal = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = (i >> 5) * 255 / 7;
            int g = (i >> 2 & 7) * 255 / 7;
            int b = (i & 3) * 255 / 3;
            pal[i] = r << 24 | g << 16 | b << 8 | 0xFF;
        }
        Raster idx = new Raster(rgb.width(), rgb.height(), 1);
        for (int y = 0; y < rgb.height(); y++) {
            for (int x = 0; x < rgb.width(); x++) {
                idx.set(x, y, 0, (rgb.get(x, y, 0) >> 5) << 5 | (rgb.get(x, y, 1) >> 5) << 2 | rgb.get(x, y, 2) >> 6);
            }
        }
        return new PngImage(PngImage.PALETTE, 8, false, idx, null, pal);
    }

    /** 16 grey levels in a 4-bit palette whose last entry repeats the first (mode 1, indices). */
    static PngImage paletteDuplicates(Raster grey) {
        int[] pal = new int[16];
        for (int i = 0; i < 15; i++) {
            int v = i * 255 / 14;
            pal[i] = v << 24 | v << 16 | v << 8 | 0xFF;
        }
        pal[15] = pal[0];
        Raster idx = new Raster(grey.width(), grey.height(), 1);
        for (int y = 0; y < grey.height(); y++) {
            for (int x = 0; x < grey.width(); x++) {
                int level = grey.get(x, y, 0) * 15 / 256;
                idx.set(x, y, 0, level == 0 && (x + y) % 2 == 0 ? 15 : Math.min(14, level));
            }
        }
        return new PngImage(PngImage.PALETTE, 4, false, idx, null, pal);
    }

    /**
     * The palette with translucent entries: {@code byRed} the darkest reds half transparent (alpha follows
     * the picture), else alpha by the blue's low bits (alpha noisy: the model loses to the PNG stream).
     */
    static PngImage translucent(PngImage p, boolean byRed) {
        int[] pal = p.palette().clone();
        for (int i = 0; i < pal.length; i++) {
            pal[i] = pal[i] & ~0xFF | (byRed ? (i >> 5 < 4 ? 128 : 255) : 255 - (3 - (i & 3)) * 40);
        }
        return new PngImage(PngImage.PALETTE, p.bitDepth(), false, p.samples(), null, pal);
    }

    /** 4 colours in a 2-bit palette. */
    static PngImage palette2(Raster grey) {
        int[] pal = {0x203040FF, 0x607080FF, 0xA0B0C0FF, 0xF0E0D0FF};
        Raster idx = new Raster(grey.width(), grey.height(), 1);
        for (int i = 0; i < idx.samples().length; i++) {
            idx.samples()[i] = (byte) ((grey.samples()[i] & 0xFF) >> 6);
        }
        return new PngImage(PngImage.PALETTE, 2, false, idx, null, pal);
    }

    /** Two colours in a 1-bit palette: the photo thresholded. */
    static PngImage palette1(Raster grey) {
        int[] pal = {0x102040FF, 0xFFE0A0FF};
        Raster idx = new Raster(grey.width(), grey.height(), 1);
        for (int i = 0; i < idx.samples().length; i++) {
            idx.samples()[i] = (byte) ((grey.samples()[i] & 0xFF) >> 7);
        }
        return new PngImage(PngImage.PALETTE, 1, false, idx, null, pal);
    }

    static PngImage greyBits(Raster grey, int depth) {
        Raster g = copy(grey);
        byte[] s = g.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) ((s[i] & 0xFF) >> (8 - depth));
        }
        return new PngImage(PngImage.GRAY, depth, false, g, null, null);
    }

    static Raster bars(int w, int h) {
        Raster r = new Raster(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int band = x / 6;
                r.set(x, y, 0, band * 32);
                r.set(x, y, 1, (band * 97) & 0xFF);
                r.set(x, y, 2, y < h / 2 ? 40 : 200);
            }
        }
        return r;
    }

    static PngImage checksPalette(boolean interlaced) {
        int[] pal = new int[16];
        for (int i = 0; i < 16; i++) {
            pal[i] = (i * 17) << 24 | (255 - i * 13) << 16 | (i * 53 & 0xFF) << 8 | 0xFF;
        }
        Raster idx = new Raster(40, 24, 1);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 40; x++) {
                idx.set(x, y, 0, ((x / 4 + y / 4) % 2 == 0) ? 3 : 11 + (x / 8) % 4);
            }
        }
        return new PngImage(PngImage.PALETTE, 4, interlaced, idx, null, pal);
    }

    // ---------------------------------------------------------------- chunks

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    static byte[] zlib(byte[] data) {
        Deflater d = new Deflater(9);
        d.setInput(data);
        d.finish();
        byte[] buf = new byte[data.length + 64];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    static byte[] u32(long v) {
        return new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** gAMA, cHRM, iCCP, sBIT, a suggested PLTE, a tRNS colour key, bKGD, pHYs, tIME, text chunks, a private chunk. */
    static List<PngChunk> rgbChunks() {
        List<PngChunk> c = new ArrayList<>();
        int before = PngChunk.BEFORE_PLTE;
        c.add(new PngChunk(before, "gAMA", u32(45455)));
        c.add(new PngChunk(before, "cHRM", cat(u32(31270), u32(32900), u32(64000), u32(33000), u32(30000),
                u32(60000), u32(15000), u32(6000))));
        byte[] profile = new byte[128];
        for (int i = 0; i < profile.length; i++) {
            profile[i] = (byte) (i * 7);
        }
        c.add(new PngChunk(before, "iCCP", cat(ascii("lcompress test profile"), new byte[]{0, 0}, zlib(profile))));
        c.add(new PngChunk(before, "sBIT", new byte[]{8, 8, 8}));
        c.add(new PngChunk(before, "PLTE", new byte[]{(byte) 200, 120, 80, 30, 30, 30, (byte) 250, (byte) 240, (byte) 230}));
        c.add(new PngChunk(before, "tRNS", new byte[]{0, 1, 0, 2, 0, 3}));
        c.add(new PngChunk(before, "bKGD", new byte[]{0, (byte) 255, 0, (byte) 255, 0, (byte) 255}));
        c.add(new PngChunk(before, "pHYs", cat(u32(2835), u32(2835), new byte[]{1})));
        c.add(new PngChunk(before, "tIME", new byte[]{0x07, (byte) 0xE8, 5, 17, 12, 30, 45}));
        c.add(new PngChunk(before, "tEXt", cat(ascii("Title"), new byte[]{0}, ascii("lcompress format v4 fixture"))));
        c.add(new PngChunk(before, "zTXt", cat(ascii("Comment"), new byte[]{0, 0},
                zlib(ascii("kept verbatim, compressed text, compressed text, compressed text")))));
        c.add(new PngChunk(before, "iTXt", cat(ascii("Description"), new byte[]{0, 0, 0}, ascii("fr"), new byte[]{0},
                "Légende".getBytes(StandardCharsets.UTF_8), new byte[]{0},
                "une image de test, en UTF-8: é".getBytes(StandardCharsets.UTF_8))));
        c.add(new PngChunk(before, "prIv", ascii("a private chunk, kept as it is")));
        c.add(new PngChunk(PngChunk.AFTER_IDAT, "tEXt", cat(ascii("Author"), new byte[]{0}, ascii("after the image data"))));
        return c;
    }

    /** A grey colour key and gamma. */
    static List<PngChunk> greyChunks() {
        return List.of(new PngChunk(PngChunk.BEFORE_PLTE, "gAMA", u32(100000)),
                new PngChunk(PngChunk.BEFORE_PLTE, "tRNS", new byte[]{0, 17}),
                new PngChunk(PngChunk.AFTER_IDAT, "tIME", new byte[]{0x07, (byte) 0xE9, 1, 2, 3, 4, 5}));
    }

    /** Chunks before, after the palette and after the image data. */
    static List<PngChunk> paletteChunks() {
        return List.of(new PngChunk(PngChunk.BEFORE_PLTE, "gAMA", u32(45455)),
                new PngChunk(PngChunk.AFTER_PLTE, "bKGD", new byte[]{7}),
                new PngChunk(PngChunk.AFTER_PLTE, "tEXt", cat(ascii("Software"), new byte[]{0}, ascii("lcompress"))),
                new PngChunk(PngChunk.AFTER_IDAT, "zTXt", cat(ascii("Comment"), new byte[]{0, 0}, zlib(ascii("the end")))));
    }

    // ---------------------------------------------------------------- models

    static PixelModel model(String name) throws IOException {
        // NAME+calibration, NAME+histogram, NAME+calibration+histogram: the model with those stages
        int stages = 0;
        for (boolean more = true; more; ) {
            more = false;
            for (String[] suffix : new String[][]{{"+calibration", "" + ModelPlane.STAGE_CDF_CALIBRATION},
                    {"+calibration2", "" + ModelPlane.STAGE_CDF_CALIBRATION_2},
                    {"+histogram", "" + ModelPlane.STAGE_COLOUR_HISTOGRAM},
                    {"+near-spikes", "" + ModelPlane.STAGE_CHROMA_NEAR_SPIKES}}) {
                if (name.endsWith(suffix[0])) {
                    name = name.substring(0, name.length() - suffix[0].length());
                    stages |= Integer.parseInt(suffix[1]);
                    more = true;
                }
            }
        }
        if (stages != 0) {
            return new StagedModel(model(name), stages);
        }
        if (!name.equals("custom")) {
            return ModelRegistry.byName(name).orElseThrow();
        }
        // what `lcompress encode --model custom.lcw` builds (cli ModelOption): the weight file mixed with fast.
        // The weights are the default network's, so that the file decodes with the built-in model of this
        // fingerprint; the name is not a built-in's, so the file stores id 0 with fingerprint and name.
        Path tmp = Files.createTempDirectory("lcw");
        Path lcw = tmp.resolve("custom.lcw");
        try (InputStream in = NeuralPixelModel.class.getResourceAsStream(NeuralPixelModel.DEFAULT_RESOURCE)) {
            Files.write(lcw, in.readAllBytes());
        }
        NeuralPixelModel n = NeuralPixelModel.load(lcw.getFileName().toString(), lcw);
        Files.delete(lcw);
        Files.delete(tmp);
        return new MixedPixelModel("custom.lcw", n, ModelRegistry.fast());
    }

    // ---------------------------------------------------------------- the low-bytes tree (kind 3)

    /**
     * Kind 3 (the context tree of versions 1 to 3), which the version-4 encoder never writes: the 16-bit
     * image coded by the encoder, its predicted low bytes replaced by {@link LowByteCoder}'s payload.
     */
    void lowBytesTree() throws IOException, FormatException {
        PngImage image = deep16();
        int rows = 16;      // two stripes of each plane
        byte[] coded = LcCodec.encode(image, ModelRegistry.fast(), 1, rows, false).file();
        LcFormat.Parsed parsed = LcFormat.read(coded);
        LcHeader h = parsed.header();
        CodedImage ci = CodedImage.of(image);
        List<Plane> planes = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        int at = parsed.payloadOffset();
        for (Plane p : h.planes()) {
            if (p instanceof LowBytePlane l) {
                int stripes = l.stripes().count();
                int[] lengths = new int[stripes];
                boolean[] raw = new boolean[stripes];
                for (int s = 0; s < stripes; s++) {
                    int y0 = s * rows;
                    int n = Math.min(rows, h.height() - y0);
                    Raster low = ci.low().rows(y0, n);
                    byte[] payload = LowByteCoder.encode(low, ci.high().rows(y0, n), null).payload();
                    if (payload.length >= low.samples().length) {
                        throw new AssertionError("low bytes tree: stripe " + s + " would be raw");
                    }
                    lengths[s] = payload.length;
                    payloads.add(payload);
                }
                planes.add(new LowBytePlane(false, l.channels(), new Stripes(lengths, raw)));
                at += (int) l.stripes().bytes();
            } else {
                if (p.stripes() != null) {
                    for (int len : p.stripes().lengths()) {
                        payloads.add(Arrays.copyOfRange(coded, at, at + len));
                        at += len;
                    }
                }
                planes.add(p);
            }
        }
        LcHeader tree = new LcHeader(h.width(), h.height(), h.colorType(), h.bitDepth(), h.interlaced(), h.palette(),
                h.paletteMode(), h.stripeRows(), planes, h.pixelCrc(), h.chunks());
        byte[] file = LcFormat.write(tree, payloads);
        if (!has(LcFormat.read(file).header(), Plane.LOW_BYTES_TREE)) {
            throw new AssertionError("no low-bytes tree");
        }
        writeFixture("deep16-tree", "fast" + spikes(tree), image, file);
    }

    /**
     * Header flag bit 3 (2026-12-03): images coded transposed, forced ({@link Transposition.Choice#ALWAYS}):
     * a wide RGB crop whose transpose is two stripes, a 16-bit RGBA image (low bytes), a palette image and an
     * interlaced one - every image kind whose samples the transpose moves.
     */
    private static void transposed(List<String> failures) throws IOException {
        Map<String, PngImage> images = new LinkedHashMap<>();
        images.put("wide-photo", rgb(crop(CHELSEA, 0, 10, 130, 40)));
        for (Fixture f : fixtures()) {
            if (f.model().equals("fast") && List.of("rgba16", "palette8", "interlaced").contains(f.name())) {
                images.put(f.name(), f.image());
            }
        }
        for (Map.Entry<String, PngImage> e : images.entrySet()) {
            PngImage image = e.getValue();
            byte[] file = LcEncoder.encode(io.lcompress.codec.image.PngSource.of(image), model("fast"), 1,
                    LcCodec.defaultStripeRows(image.width(), image.height()), false, ProgressListener.NONE,
                    Transposition.Choice.ALWAYS).file();
            LcHeader h;
            try {
                h = LcFormat.read(file).header();
            } catch (FormatException ex) {
                throw new AssertionError(ex);
            }
            if (!h.transposed() || h.isPngStream()) {
                failures.add(e.getKey() + ": not coded transposed: " + describe(h));
                continue;
            }
            writeFixture(e.getKey(), "fast" + spikes(h) + "-transposed", image, file);
        }
    }

    /**
     * "-spikes" for a file with chroma repeat version 2 (stage bit 9), "-near-spikes" for version 3 (bit 10),
     * both written since 2026-12-03: the files written before with version 1 keep their names and stay.
     */
    private static String spikes(LcHeader h) {
        if (h.planes().stream().anyMatch(p -> p instanceof ModelPlane m && m.hasStage(ModelPlane.STAGE_CHROMA_NEAR_SPIKES))) {
            return "-near-spikes";
        }
        return h.planes().stream().anyMatch(p -> p instanceof ModelPlane m && m.hasStage(ModelPlane.STAGE_CHROMA_SPIKES))
                ? "-spikes" : "";
    }

    // ---------------------------------------------------------------- files

    /** Writes NAME.TAG.lc and, unless testdata/ has it, NAME.png; checks that the file decodes to the image. */
    static void writeFixture(String name, String tag, PngImage image, byte[] file) throws IOException {
        try {
            PngImage back = LcCodec.decode(file, null, 1).image();
            String diff = image.differenceFrom(back);
            if (diff != null) {
                throw new AssertionError(name + ": " + diff);
            }
        } catch (FormatException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
        Path png = DIR.resolve(name + ".png");
        if (!Files.exists(TestImages.testdata().resolve(name + ".png"))) {
            Path suite = SUITE.resolve(name + ".png");
            byte[] encoded = Files.exists(suite) ? Files.readAllBytes(suite) : PngIO.encode(image);     // verbatim
            if (Files.exists(png) && PngIO.read(png).differenceFrom(image) != null) {
                throw new AssertionError(png + ": two fixtures of this name with different images");
            }
            if (!Files.exists(png)) {
                Files.write(png, encoded);
            }
        }
        Path lc = DIR.resolve(name + "." + tag + ".lc");
        if (Files.exists(lc) && !java.util.Arrays.equals(Files.readAllBytes(lc), file)) {
            throw new AssertionError(lc + " exists with other bytes: fixtures are frozen (a file that decodes "
                    + "today decodes forever); give the new output another name");
        }
        Files.write(lc, file);
        LcHeader h;
        try {
            h = LcFormat.read(file).header();
        } catch (FormatException e) {
            throw new AssertionError(e);
        }
        System.out.println("wrote " + lc.getFileName() + " (" + file.length + " bytes): " + describe(h));
    }

    static String describe(LcHeader h) {
        StringBuilder sb = new StringBuilder(PngImage.describe(h.colorType(), h.bitDepth(), h.interlaced()));
        sb.append(' ').append(h.width()).append('x').append(h.height());
        if (h.transposed()) {
            sb.append(" coded transposed (the PNG is ").append(h.pngWidth()).append('x').append(h.pngHeight()).append(')');
        }
        if (h.isPngStream()) {
            return sb.append(", PNG stream").toString();
        }
        sb.append(", ").append(h.stripeCount()).append(" stripe(s) of ").append(h.stripeRows());
        if (h.colorType() == 3) {
            sb.append(", palette mode ").append(h.paletteMode());
        }
        if (!h.chunks().isEmpty()) {
            sb.append(", ").append(h.chunks().size()).append(" chunks");
        }
        for (Plane p : h.planes()) {
            sb.append(", ").append(p.kindName()).append(' ').append(p.firstChannel()).append('+').append(p.channels());
            if (p instanceof ModelPlane m) {
                sb.append(" (").append(m.modelName()).append(", stages ").append(m.stages())
                        .append(m.colourSet() != null ? ", colour set" : "")
                        .append(Arrays.stream(m.alphabetMasks()).anyMatch(x -> x != null) ? ", masks" : "").append(')');
            }
            if (p.stripes() != null && anyRaw(h)) {
                sb.append(" raw ").append(Arrays.toString(p.stripes().raw()));
            }
        }
        return sb.toString();
    }
}
