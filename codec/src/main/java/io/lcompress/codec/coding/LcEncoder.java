package io.lcompress.codec.coding;

import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.PlaneHeader;
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
 * are the same whatever the parallelism.
 */
final class LcEncoder {
    private LcEncoder() {
    }

    /** A plane as the encoder plans it. */
    record Plan(int kind, int first, int channels, PixelModel model, Alphabet[] alphabets, ColourSet colours,
                int value) {
        /** Coding tools for a model plane: chroma repeat for colour planes without a colour set. */
        int tools() {
            return kind == PlaneHeader.MODEL && colours == null && ChromaRepeatPredictor.appliesTo(channels)
                    ? PlaneHeader.TOOL_CHROMA_REPEAT : 0;
        }

        boolean hasStripes() {
            return kind == PlaneHeader.MODEL || kind == PlaneHeader.LOW_BYTES;
        }
    }

    /** Most colours worth signalling: the set costs 8 x channels bits a colour in the header. */
    static int colourSetLimit(long pixels) {
        return (int) Math.min(ColourSet.MAX_COLOURS, pixels / 64);
    }

    /** Pass 1: what the planner needs to know about the coded channels, gathered block by block. */
    static final class Survey implements PngSource.BlockSink {
        final PngSource source;
        final long pixels;
        int paletteMode = -1;
        int coded;
        int colour;
        boolean alpha;
        boolean grey = true;
        int alphaValue = -1;            // the constant alpha (high byte), -2 when alpha varies
        int alphaLow = -1;              // 16-bit: the constant low byte of alpha, -2 when it varies
        byte[][] masks;                 // values used, per coded channel
        TreeSet<Integer> colours = new TreeSet<>(Integer::compareUnsigned);   // null: more than the limit
        final int colourLimit;
        final PixelCrc crc = new PixelCrc();

        Survey(PngSource source) {
            this.source = source;
            this.pixels = (long) source.width() * source.height();
            this.colourLimit = colourSetLimit(pixels);
        }

        @Override
        public void block(int y0, Raster samples, Raster low) {
            crc.updateHigh(samples.samples());
            if (low != null) {
                crc.updateLow(low.samples());
            }
            CodedImage ci = CodedImage.of(blockImage(source, samples, low));
            Raster hi = ci.high();
            if (masks == null) {
                paletteMode = ci.paletteMode();
                coded = hi.channels();
                alpha = coded == 2 || coded == 4;
                colour = alpha ? coded - 1 : coded;
                masks = new byte[coded][32];
                if (colour < 2) {
                    colours = null;
                }
            }
            byte[] s = hi.samples();
            int n = coded;
            for (int c = 0; c < n; c++) {
                byte[] used = Alphabet.usedMask(s, n, c);
                for (int k = 0; k < used.length; k++) {
                    masks[c][k] |= used[k];
                }
            }
            if (grey && colour == 3) {
                for (int i = 0; i < s.length && grey; i += n) {
                    grey = s[i] == s[i + 1] && s[i] == s[i + 2];
                }
            }
            if (alpha) {
                alphaValue = constant(alphaValue, s, colour, n);
                if (ci.low() != null) {
                    alphaLow = constant(alphaLow, ci.low().samples(), colour, n);
                }
            }
            if (colours != null) {
                for (int i = 0; i < s.length; i += n) {
                    int col = 0;
                    for (int c = 0; c < colour; c++) {
                        col = col << 8 | (s[i + c] & 0xFF);
                    }
                    if (colours.add(col) && colours.size() > colourLimit) {
                        colours = null;
                        break;
                    }
                }
            }
        }

        /** The running constant of channel c: its value while every sample so far had it, else -2. */
        private static int constant(int running, byte[] s, int c, int n) {
            if (running == -2) {
                return -2;
            }
            int v = running == -1 ? s[c] & 0xFF : running;
            for (int i = c; i < s.length; i += n) {
                if ((s[i] & 0xFF) != v) {
                    return -2;
                }
            }
            return v;
        }

        /**
         * Per-channel alphabets of the values that occur. A mask costs 256 bits in the header, so it is
         * used only where it pays: on images of at least 16384 pixels, or when at most 32 values occur.
         */
        Alphabet[] alphabets(int first, int count) {
            Alphabet[] a = new Alphabet[count];
            for (int c = 0; c < count; c++) {
                Alphabet used = Alphabet.fromMask(masks[first + c]);
                a[c] = pixels >= 16384 || used.size() <= 32 ? used : Alphabet.FULL;
            }
            return a;
        }

        ColourSet colourSet() {
            if (colours == null) {
                return null;
            }
            byte[] bytes = new byte[colours.size() * colour];
            int j = 0;
            for (int col : colours) {
                for (int c = colour - 1; c >= 0; c--) {
                    bytes[j++] = (byte) (col >>> (8 * c));
                }
            }
            return ColourSet.fromBytes(colour, bytes);
        }
    }

    /** The block's rows as a PNG image of the source's kind. */
    static PngImage blockImage(PngSource source, Raster samples, Raster low) {
        return new PngImage(source.colorType(), source.bitDepth(), source.interlaced(), samples, low, source.palette(),
                source.chunks());
    }

    static List<Plan> plan(Survey s, PixelModel main, boolean hasLow) {
        List<Plan> plans = new ArrayList<>();
        PixelModel fast = ModelRegistry.fast();
        if (s.colour == 3 && !hasLow && s.grey) {
            PixelModel m = main.supportsChannels(1) ? main : fast;
            plans.add(new Plan(PlaneHeader.MODEL, 0, 1, m, s.alphabets(0, 1), null, 0));
            plans.add(new Plan(PlaneHeader.COPY, 1, 2, null, null, null, 0));
        } else {
            PixelModel m = main.supportsChannels(s.colour) ? main : fast;
            plans.add(new Plan(PlaneHeader.MODEL, 0, s.colour, m, s.alphabets(0, s.colour), s.colourSet(), 0));
        }
        if (s.alpha) {
            if (s.alphaValue >= 0 && (!hasLow || s.alphaLow >= 0)) {
                plans.add(new Plan(PlaneHeader.CONSTANT, s.colour, 1, null, null, null, s.alphaValue));
            } else {
                plans.add(new Plan(PlaneHeader.MODEL, s.colour, 1, fast, s.alphabets(s.colour, 1), null, 0));
            }
        }
        if (hasLow) {
            plans.add(new Plan(PlaneHeader.LOW_BYTES, 0, s.coded, null, null, null, 0));
        }
        return plans;
    }

    /** The header for the plans, with the given per-plane stripe methods and lengths. */
    static LcHeader header(PngSource src, Survey s, List<Plan> plans, int stripeRows, byte[][] methods,
                           int[][] lengths) {
        List<PlaneHeader> headers = new ArrayList<>();
        for (int p = 0; p < plans.size(); p++) {
            Plan plan = plans.get(p);
            switch (plan.kind()) {
                case PlaneHeader.CONSTANT -> headers.add(PlaneHeader.constant(plan.first(), plan.value()));
                case PlaneHeader.COPY -> headers.add(PlaneHeader.copy(plan.first(), plan.channels(), 0));
                case PlaneHeader.LOW_BYTES -> headers.add(new PlaneHeader(PlaneHeader.LOW_BYTES, 0, plan.channels(), 0,
                        "", null, null, 0, methods[p], lengths[p]));
                default -> {
                    byte[][] masks = new byte[plan.channels()][];
                    if (plan.colours() == null) {
                        for (int c = 0; c < plan.channels(); c++) {
                            masks[c] = plan.alphabets()[c].isFull() ? null : plan.alphabets()[c].mask();
                        }
                    }
                    headers.add(new PlaneHeader(PlaneHeader.MODEL, plan.first(), plan.channels(),
                            plan.model().fingerprint(), plan.model().name(), masks,
                            plan.colours() == null ? null : plan.colours().toBytes(), 0, methods[p], lengths[p],
                            plan.tools()));
                }
            }
        }
        return new LcHeader(src.width(), src.height(), src.colorType(), src.bitDepth(), src.interlaced(),
                src.palette(), s.paletteMode, stripeRows, List.copyOf(headers), s.crc.value(), src.chunks());
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
        ProgressListener progress = ProgressListener.orNone(listener);
        int width = src.width();
        int height = src.height();
        if (width > LcFormat.MAX_DIMENSION || height > LcFormat.MAX_DIMENSION) {
            throw new PngIO.UnsupportedImageException("image of " + width + "x" + height + " pixels: an .lc file "
                    + "stores at most " + LcFormat.MAX_DIMENSION + " pixels a side");
        }
        PngIO.checkKept(src.colorType(), src.bitDepth(), src.palette(), src.chunks());
        if (stripeRows < 1 || stripeRows > height || (long) stripeRows * width > LcFormat.MAX_STRIPE_PIXELS) {
            throw new IllegalArgumentException("stripes of " + stripeRows + " rows of " + width + " pixels");
        }
        int stripes = LcHeader.stripesFor(height, stripeRows);
        Survey survey = new Survey(src);
        src.blocks(stripeRows, survey);
        boolean hasLow = src.bitDepth() == 16;
        List<Plan> plans = plan(survey, model, hasLow);   // may fall back to fast for the main plane; its header names it
        byte[][] methods = new byte[plans.size()][];
        int[][] lengths = new int[plans.size()][];
        for (int p = 0; p < plans.size(); p++) {
            if (plans.get(p).hasStripes()) {
                methods[p] = new byte[stripes];
                lengths[p] = new int[stripes];
            }
        }
        // the claims (everything but the stripe lengths), checked against every stripe before it is coded
        LcHeader claims = header(src, survey, plans, stripeRows, methods, lengths);
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
                    methods[p][cs.index()] = cs.raw()[p] ? PlaneHeader.STRIPE_RAW : PlaneHeader.STRIPE_CODED;
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
        LcHeader header = header(src, survey, plans, stripeRows, methods, lengths);
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
        byte[] file = LcFormat.write(header, payloads);
        try {
            LcFormat.read(file);       // the reader accepts what the writer wrote
        } catch (FormatException e) {
            throw new IllegalStateException("the encoder wrote a header its reader refuses (" + e.getMessage()
                    + "); nothing was written - please report", e);
        }
        return new LcCodec.Encoded(file, bits[0], payloadBytes * 8, header, bitsPerPixel);
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
            Raster source = plan.kind() == PlaneHeader.LOW_BYTES ? ci.low() : hi.channels(plan.first(), plan.channels());
            float[] local = recordPixelBits ? new float[width * rows] : null;
            StripeCoder.Encoded part = plan.kind() == PlaneHeader.LOW_BYTES
                    ? LowByteCoder.encode(source, hi, local)
                    : StripeCoder.encode(source, plan.model(), plan.alphabets(), plan.colours(), plan.tools(), local);
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
