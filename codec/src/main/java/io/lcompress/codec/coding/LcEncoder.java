package io.lcompress.codec.coding;

import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.LowBytePlane;
import io.lcompress.codec.container.StripePlan;
import io.lcompress.codec.container.Stripes;
import io.lcompress.codec.coding.PlanePlanner.Plan;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngSource;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.ColourSet;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Encodes a {@link PngSource} in two readings of its rows, so that memory is a few stripes and the
 * payload, whatever the image's size.
 *
 * <ol>
 *   <li><b>Survey</b>: the image is mapped to 8-bit coded channels ({@link CodedImage}) block by block,
 *       and what the planner needs is gathered: whether the colour is grey, whether alpha is constant,
 *       the values each channel uses, the colours (up to a limit), and the pixel checksum.</li>
 *   <li><b>Plan</b>: the channels are grouped into planes (colour through the chosen pixel model; alpha
 *       through {@code fast} or as a constant; grey stored as RGB as one channel plus a copy; 16-bit low
 *       bytes through {@link LowByteCoder}).</li>
 *   <li><b>Code</b>: the image is read again one stripe at a time; every plane's stripe is coded as an
 *       independent stream, up to {@code threads} stripes at once, after the stripe's pixels are checked
 *       against the header's claims ({@link HeaderClaims}).</li>
 * </ol>
 * The stripe height depends only on the image height, never on the thread count, so the output bytes
 * are the same whatever the parallelism. Before all this, an image of more than 128 x 128 and at most 2^22
 * pixels is read whole and may be coded transposed ({@link Transposition}); the coder then reads it from
 * memory.
 */
final class LcEncoder {
    private LcEncoder() {
    }

    /** The block's rows as a PNG image of the source's kind. */
    static PngImage blockImage(PngSource source, Raster samples, Raster low) {
        return new PngImage(source.colorType(), source.bitDepth(), source.interlaced(), samples, low, source.palette(),
                source.chunks());
    }

    /** One stripe, coded: per plane its payload (or null for planes without stripes), and pixel bits. */
    private record CodedStripe(int index, StripeCoder.Encoded[] parts, boolean[] raw, float[] pixelBits) {
    }

    static LcCodec.Encoded encode(PngSource src, PixelModel model, int threads, int stripeRows,
                                  boolean recordPixelBits) throws IOException {
        return encode(src, model, threads, stripeRows, recordPixelBits, ProgressListener.NONE);
    }

    static LcCodec.Encoded encode(PngSource src, PixelModel model, int threads, int stripeRows,
                                  boolean recordPixelBits, ProgressListener listener) throws IOException {
        return encode(src, model, threads, stripeRows, recordPixelBits, listener, Transposition.Choice.NEVER);
    }

    /**
     * Encodes {@code src}; with {@link Transposition.Choice#ESTIMATE} (and the default stripe plan) the image
     * is coded transposed when {@link Transposition} estimates that it codes smaller so, with
     * {@link Transposition.Choice#ALWAYS} (tests, fixtures) whenever the format allows it (the PNG stream
     * alternative is always the image as it is).
     */
    static LcCodec.Encoded encode(PngSource src, PixelModel model, int threads, int stripeRows,
                                  boolean recordPixelBits, ProgressListener listener, Transposition.Choice choice)
            throws IOException {
        ProgressListener progress = ProgressListener.orNone(listener);
        PngSource original = src;
        boolean allowed = choice == Transposition.Choice.ALWAYS
                ? (long) src.width() * src.height() <= LcHeader.MAX_TRANSPOSED_PIXELS
                : choice == Transposition.Choice.ESTIMATE && Transposition.considered(src.width(), src.height());
        if (allowed && !recordPixelBits && stripeRows == StripePlan.defaultRows(src.width(), src.height())
                && src.width() <= LcFormat.MAX_DIMENSION && src.height() <= LcFormat.MAX_DIMENSION) {
            PngImage whole = src.image();
            if (choice == Transposition.Choice.ALWAYS || Transposition.pays(CodedImage.of(whole).high(), threads)) {
                PixelCrc crc = new PixelCrc();
                crc.updateHigh(whole.samples().samples());
                if (whole.low() != null) {
                    crc.updateLow(whole.low().samples());
                }
                int originalCrc = crc.value();
                PngSource t = PngSource.of(Transposition.transpose(whole));
                return encodeAs(t, model, threads, StripePlan.defaultRows(t.width(), t.height()), false, progress,
                        true, original, originalCrc);
            }
            src = PngSource.of(whole);      // read once: the coder's two readings need not decode the PNG again
        }
        return encodeAs(src, model, threads, stripeRows, recordPixelBits, progress, false, original, 0);
    }

    /**
     * Codes {@code src} (the PNG {@code original}, or its transpose when {@code transposed}, whose PNG's pixel
     * checksum is then {@code originalCrc}).
     */
    private static LcCodec.Encoded encodeAs(PngSource src, PixelModel model, int threads, int stripeRows,
                                            boolean recordPixelBits, ProgressListener progress, boolean transposed,
                                            PngSource original, int originalCrc) throws IOException {
        int width = src.width();
        int height = src.height();
        model = ImageSizeChoice.resolve(model, width, height, src.colorType());   // a level's model for small images
        if (width > LcFormat.MAX_DIMENSION || height > LcFormat.MAX_DIMENSION) {
            throw new PngIO.UnsupportedImageException("image of " + width + "x" + height + " pixels: an .lc file "
                    + "stores at most " + LcFormat.MAX_DIMENSION + " pixels a side");
        }
        PngIO.checkKept(src.colorType(), src.bitDepth(), src.palette(), src.chunks());
        if (stripeRows < 1 || stripeRows > height || (long) stripeRows * width > LcFormat.MAX_STRIPE_PIXELS) {
            throw new IllegalArgumentException("stripes of " + stripeRows + " rows of " + width + " pixels");
        }
        int stripes = LcHeader.stripesFor(height, stripeRows);
        SideTask<byte[]> early = null;
        if (threads > 1 && alwaysTriesPngStream(original)) {
            // made beside the coding (the same bytes as after it); the image is decoded once, here, and
            // then only read, by both
            original.image();
            early = SideTask.start("lcompress-png-stream", () -> PngStreamCoder.stream(original));
        }
        Survey survey = new Survey(src);
        src.blocks(stripeRows, survey);
        boolean hasLow = src.bitDepth() == 16;
        // may fall back to another model for the main plane (PlanePlanner.fallback); its header names it
        List<Plan> plans = PlanePlanner.plan(survey, model, hasLow, stripes);
        int[][] lengths = new int[plans.size()][stripes];
        boolean[][] raw = new boolean[plans.size()][stripes];
        Stripes[] planeStripes = new Stripes[plans.size()];
        for (int p = 0; p < plans.size(); p++) {
            planeStripes[p] = new Stripes(lengths[p], raw[p]);     // filled in as stripes are coded
        }
        // the claims (everything but the stripe lengths), checked against every stripe before it is coded
        LcHeader claims = PlanePlanner.header(src, survey, plans, stripeRows, planeStripes);
        HeaderClaims.verifyStructure(claims, survey.coded, hasLow);
        StripeCoder.Encoded[][] parts = new StripeCoder.Encoded[plans.size()][stripes];
        float[] bitsPerPixel = recordPixelBits ? new float[width * height] : null;
        PixelCrc again = new PixelCrc();
        double[] bits = {0};
        int[] done = {0};
        try (OrderedPipeline<CodedStripe> pipeline = new OrderedPipeline<>(Math.min(threads, stripes), cs -> {
            for (int p = 0; p < plans.size(); p++) {
                if (cs.parts()[p] != null) {
                    parts[p][cs.index()] = cs.parts()[p];
                    raw[p][cs.index()] = cs.raw()[p];
                    lengths[p][cs.index()] = cs.parts()[p].payload().length;
                    bits[0] += cs.parts()[p].modelBits();
                }
            }
            if (bitsPerPixel != null) {
                System.arraycopy(cs.pixelBits(), 0, bitsPerPixel, cs.index() * stripeRows * width,
                        cs.pixelBits().length);
            }
            progress.progress(++done[0], stripes);
        })) {
            src.blocks(stripeRows, (y0, samples, low) -> {
                again.updateHigh(samples.samples());
                if (low != null) {
                    again.updateLow(low.samples());
                }
                int index = y0 / stripeRows;
                try {
                    pipeline.submit(() -> codeStripe(src, claims, plans, index, samples, low, recordPixelBits));
                } catch (FormatException e) {
                    throw new IllegalStateException(e);        // coding raises no format errors
                }
            });
            pipeline.finish();
        } catch (FormatException e) {
            throw new IllegalStateException(e);
        }
        if (again.value() != survey.crc.value()) {
            throw new IllegalStateException("the image changed between the encoder's two readings of it");
        }
        LcHeader header = PlanePlanner.header(src, survey, plans, stripeRows, planeStripes).withTransposed(transposed);
        List<byte[]> payloads = new ArrayList<>();
        long payloadBytes = 0;
        for (int p = 0; p < plans.size(); p++) {
            if (plans.get(p).hasStripes()) {
                for (int s = 0; s < stripes; s++) {
                    payloads.add(parts[p][s].payload());
                    payloadBytes += parts[p][s].payload().length;
                }
            }
        }
        byte[] file = checked(LcFormat.write(header, payloads));
        LcCodec.Encoded coded = new LcCodec.Encoded(file, bits[0], payloadBytes * 8, header, bitsPerPixel);
        LcCodec.Encoded stream = asPngStream(original, transposed ? originalCrc : header.pixelCrc(), file.length,
                recordPixelBits, early);
        return stream != null && stream.file().length < file.length ? stream : coded;
    }

    /**
     * Images of at most this many pixels (64 x 64) always try the PNG stream, deflated afresh beside the coding;
     * so do images held in memory (no PNG image data of their own) of at most {@link #EASY_PNG_STREAM_PIXELS}.
     */
    static final long ALWAYS_TRY_PNG_STREAM_PIXELS = 1 << 12;
    /**
     * Images of at most this many pixels (256 x 256) also try it after the coding when the coded file takes
     * under {@link #EASY_BITS_PER_PIXEL} bits a pixel (synthetic images: where deflate wins, the model too
     * finds them easy) or when their PNG's own image data is nearly uncompressed (at least 9/10 of the
     * samples' bytes). A photo of this size never took the stream (coded at 5 to 14 bits a pixel, 0.71 to
     * 0.88 of its PNG's image data; a fresh deflate is within 0.96 to 1.14 of it), and deflating it again at
     * level 9 cost about 25 ms a command on a 256 x 256 photo, on the second core that the coding wants.
     */
    static final long EASY_PNG_STREAM_PIXELS = 1 << 16;
    static final int EASY_BITS_PER_PIXEL = 4;

    private static boolean alwaysTriesPngStream(PngSource src) {
        long pixels = (long) src.width() * src.height();
        return pixels <= ALWAYS_TRY_PNG_STREAM_PIXELS || pixels <= EASY_PNG_STREAM_PIXELS && !src.hasIdat();
    }

    /**
     * Whether a PNG stream may be shorter than {@code codedBytes} (beyond the images that {@link
     * #alwaysTriesPngStream always try it}): when the PNG's own image data is shorter; for images up to {@link
     * #EASY_PNG_STREAM_PIXELS}, also when the coded file is under {@link #EASY_BITS_PER_PIXEL} bits a pixel or
     * the own image data is nearly uncompressed, so that a fresh deflate may win.
     */
    static boolean mayTryPngStream(PngSource src, byte[] own, int codedBytes) {
        if (own == null) {
            return false;
        }
        if (own.length < codedBytes) {
            return true;
        }
        long pixels = (long) src.width() * src.height();
        if (pixels > EASY_PNG_STREAM_PIXELS) {
            return false;
        }
        long sampleBits = pixels * LcHeader.pngChannels(src.colorType()) * src.bitDepth();
        return 8L * codedBytes < EASY_BITS_PER_PIXEL * pixels || 10L * 8 * own.length >= 9 * sampleBits;
    }

    /**
     * The image stored as a PNG stream ({@link PngStreamCoder}: the PNG's own deflate data, or a fresh one
     * when shorter), for when the model loses (small synthetic images); null when it cannot win or is not
     * tried ({@link #alwaysTriesPngStream}, {@link #mayTryPngStream}: deflating again costs time).
     */
    private static LcCodec.Encoded asPngStream(PngSource src, int pixelCrc, int codedBytes,
                                               boolean recordPixelBits, SideTask<byte[]> early) throws IOException {
        byte[] own = src.idat();
        if (early == null && !alwaysTriesPngStream(src) && !mayTryPngStream(src, own, codedBytes)) {
            return null;
        }
        byte[] stream = early != null ? early.join() : PngStreamCoder.stream(src);
        if (stream.length >= codedBytes) {
            return null;
        }
        LcHeader h = new LcHeader(src.width(), src.height(), src.colorType(), src.bitDepth(),
                src.interlaced(), src.palette(), LcHeader.PALETTE_EXPANDED,
                StripePlan.defaultRows(src.width(), src.height()), List.of(),
                pixelCrc, Chunks.toKept(src.chunks()), stream.length);
        byte[] file = checked(LcFormat.write(h, List.of(stream)));
        float[] pixelBits = null;
        if (recordPixelBits) {
            pixelBits = new float[src.width() * src.height()];
            java.util.Arrays.fill(pixelBits, (float) (8.0 * stream.length / pixelBits.length));
        }
        return new LcCodec.Encoded(file, 8.0 * stream.length, 8L * stream.length, h, pixelBits);
    }

    /** The file, once its reader accepts what the writer wrote. */
    private static byte[] checked(byte[] file) {
        try {
            LcFormat.read(file);
        } catch (FormatException e) {
            throw new IllegalStateException("the encoder wrote a header its reader refuses (" + e.getMessage()
                    + "); nothing was written - please report", e);
        }
        return file;
    }

    /** Codes stripe {@code index} of every plane, after checking its pixels against the header's claims. */
    private static CodedStripe codeStripe(PngSource src, LcHeader claims, List<Plan> plans, int index,
                                          Raster samples, Raster low, boolean recordPixelBits) {
        PngImage block = blockImage(src, samples, low);
        CodedImage ci = CodedImage.of(block);
        HeaderClaims.verifyBlock(claims, ci, block);
        Raster hi = ci.high();
        int width = hi.width();
        int rows = hi.height();
        StripeCoder.Encoded[] parts = new StripeCoder.Encoded[plans.size()];
        boolean[] raw = new boolean[plans.size()];
        float[] pixelBits = recordPixelBits ? new float[width * rows] : null;
        for (int p = 0; p < plans.size(); p++) {
            Plan plan = plans.get(p);
            if (!plan.hasStripes()) {
                continue;
            }
            Raster source = plan.plane().lowBytes() ? ci.low() : hi.channels(plan.first(), plan.channels());
            float[] local = recordPixelBits ? new float[width * rows] : null;
            StripeCoder.Encoded part = plan.plane() instanceof LowBytePlane l
                    ? (l.predicted() ? PredictedLowByteCoder.encode(source, hi, local) : LowByteCoder.encode(source, hi, local))
                    : StripeCoder.encode(source, plan.model(), plan.alphabets(), plan.colours(), plan.stages(), local);
            int rawBytes = rows * width * plan.channels();
            if (part.payload().length < rawBytes) {
                parts[p] = part;
                if (pixelBits != null) {
                    for (int i = 0; i < local.length; i++) {
                        pixelBits[i] += local[i];
                    }
                }
            } else {
                // incompressible (e.g. noise): store the samples; the code is then uniform, 8 bits each
                parts[p] = new StripeCoder.Encoded(source.samples(), 8.0 * rawBytes);   // a block of its own
                raw[p] = true;
                if (pixelBits != null) {
                    for (int i = 0; i < width * rows; i++) {
                        pixelBits[i] += 8f * plan.channels();
                    }
                }
            }
        }
        return new CodedStripe(index, parts, raw, pixelBits);
    }
}
