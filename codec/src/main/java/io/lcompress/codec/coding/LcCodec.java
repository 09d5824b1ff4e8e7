package io.lcompress.codec.coding;

import io.lcompress.codec.Limits;
import io.lcompress.codec.arith.CorruptStreamException;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.PlaneHeader;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.ColourSet;
import io.lcompress.codec.model.FastPixelModel;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;

/**
 * Whole-image encoding and decoding.
 *
 * <p>The image is mapped to 8-bit coded channels ({@link CodedImage}), the channels are grouped into
 * planes (colour through the chosen pixel model; alpha through the {@code fast} model or as a
 * constant; grey stored as RGB as one channel plus a copy; 16-bit low bytes through
 * {@link LowByteCoder}), every plane is cut into stripes of whole rows, and each stripe is coded
 * independently - in parallel when {@code threads > 1}. The stripe height depends only on the image
 * height, never on the thread count, so the output bytes are the same whatever the parallelism.
 */
public final class LcCodec {
    private LcCodec() {
    }

    /**
     * Result of encoding.
     *
     * @param file         the .lc file bytes
     * @param modelBits    ideal code length: sum of -log2 P over every coded symbol under the exact
     *                     integer distributions the coder used (8 bits per sample of raw stripes)
     * @param payloadBits  bits of the payload actually written
     * @param bitsPerPixel when requested: code length of each pixel, all planes summed; else null
     */
    public record Encoded(byte[] file, double modelBits, long payloadBits, LcHeader header, float[] bitsPerPixel) {
        public long subpixels() {
            return header.subpixels();
        }
    }

    /** Result of decoding: the PNG image and the model of its main plane. */
    public record Decoded(PngImage image, LcHeader header, PixelModel model) {
        /** The decoded samples as PNG stores them (high bytes for 16-bit, indices for palettes). */
        public Raster raster() {
            return image.samples();
        }
    }

    /** Default stripe height: two stripes for mid-size images, at most 512 rows, at least 64. */
    public static int defaultStripeRows(int height) {
        int half = (height + 1) / 2;
        return Math.min(height, Math.max(64, Math.min(512, half)));
    }

    public static Encoded encode(PngImage image, PixelModel model, int threads) {
        return encode(image, model, threads, defaultStripeRows(image.height()), false);
    }

    /** Encodes an 8-bit raster as the PNG colour type its channel count implies. */
    public static Encoded encode(Raster raster, int colorType, PixelModel model, int threads) {
        return encode(raster, colorType, model, threads, defaultStripeRows(raster.height()), false);
    }

    public static Encoded encode(Raster raster, int colorType, PixelModel model, int threads, int stripeRows,
                                 boolean recordPixelBits) {
        if (colorType != PngImage.colorTypeFor(raster.channels())) {
            throw new IllegalArgumentException("colour type " + colorType + " with " + raster.channels() + " channels");
        }
        return encode(PngImage.of(raster), model, threads, stripeRows, recordPixelBits);
    }

    /** A plane as the encoder plans it. */
    private record Plan(int kind, int first, int channels, PixelModel model, Alphabet[] alphabets, ColourSet colours,
                        int value) {
        Plan(int kind, int first, int channels, PixelModel model, Alphabet[] alphabets, int value) {
            this(kind, first, channels, model, alphabets, null, value);
        }

        /** Coding tools for a model plane: chroma repeat for colour planes without a colour set. */
        int tools() {
            return kind == PlaneHeader.MODEL && colours == null && ChromaRepeatPredictor.appliesTo(channels)
                    ? PlaneHeader.TOOL_CHROMA_REPEAT : 0;
        }
    }

    /** Whether every pixel's first three channels are equal (RGB, or RGBA whatever its alpha). */
    static boolean isGrey(Raster r) {
        byte[] s = r.samples();
        int n = r.channels();
        if (n < 3) {
            throw new IllegalArgumentException(n + " channels");
        }
        for (int i = 0; i < s.length; i += n) {
            if (s[i] != s[i + 1] || s[i] != s[i + 2]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isConstant(Raster r, int c) {
        byte[] s = r.samples();
        int n = r.channels();
        for (int i = c + n; i < s.length; i += n) {
            if (s[i] != s[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per-channel alphabets of the values that occur. A mask costs 256 bits in the header, so it is
     * used only where it pays: on images of at least 16384 pixels, or when at most 32 values occur.
     */
    private static Alphabet[] alphabets(Raster r, int first, int channels) {
        Alphabet[] a = new Alphabet[channels];
        long pixels = (long) r.width() * r.height();
        for (int c = 0; c < channels; c++) {
            Alphabet used = Alphabet.fromMask(Alphabet.usedMask(r.samples(), r.channels(), first + c));
            a[c] = pixels >= 16384 || used.size() <= 32 ? used : Alphabet.FULL;
        }
        return a;
    }

    /** Most colours worth signalling: the set costs 8 x channels bits a colour in the header. */
    static int colourSetLimit(Raster r) {
        long pixels = (long) r.width() * r.height();
        return (int) Math.min(ColourSet.MAX_COLOURS, pixels / 64);
    }

    private static List<Plan> plan(CodedImage ci, PixelModel main) {
        Raster hi = ci.high();
        int coded = hi.channels();
        boolean alpha = coded == 2 || coded == 4;
        int colour = alpha ? coded - 1 : coded;
        List<Plan> plans = new ArrayList<>();
        PixelModel fast = ModelRegistry.fast();
        if (colour == 3 && ci.low() == null && isGrey(hi)) {
            PixelModel m = main.supportsChannels(1) ? main : fast;
            plans.add(new Plan(PlaneHeader.MODEL, 0, 1, m, alphabets(hi, 0, 1), 0));
            plans.add(new Plan(PlaneHeader.COPY, 1, 2, null, null, 0));
        } else {
            PixelModel m = main.supportsChannels(colour) ? main : fast;
            ColourSet colours = colour > 1 ? ColourSet.of(colour == hi.channels() ? hi.samples()
                    : hi.channels(0, colour).samples(), colour, colourSetLimit(hi)) : null;
            plans.add(new Plan(PlaneHeader.MODEL, 0, colour, m, alphabets(hi, 0, colour), colours, 0));
        }
        if (alpha) {
            if (isConstant(hi, colour) && (ci.low() == null || isConstant(ci.low(), colour))) {
                plans.add(new Plan(PlaneHeader.CONSTANT, colour, 1, null, null, hi.samples()[colour] & 0xFF));
            } else {
                plans.add(new Plan(PlaneHeader.MODEL, colour, 1, fast, alphabets(hi, colour, 1), 0));
            }
        }
        if (ci.low() != null) {
            plans.add(new Plan(PlaneHeader.LOW_BYTES, 0, coded, null, null, 0));
        }
        return plans;
    }

    public static Encoded encode(PngImage image, PixelModel model, int threads, int stripeRows,
                                 boolean recordPixelBits) {
        CodedImage ci = CodedImage.of(image);
        Raster hi = ci.high();
        int width = hi.width();
        int height = hi.height();
        int stripes = LcHeader.stripesFor(height, stripeRows);
        List<Plan> plans = plan(ci, model);   // may fall back to fast for the main plane; its header names it
        // the rasters each plane codes, and the tasks: one per (plane, stripe)
        Raster[] planeRasters = new Raster[plans.size()];
        List<Callable<StripeCoder.Encoded>> tasks = new ArrayList<>();
        List<float[]> pixelBits = new ArrayList<>();
        for (int p = 0; p < plans.size(); p++) {
            Plan plan = plans.get(p);
            if (plan.kind() != PlaneHeader.MODEL && plan.kind() != PlaneHeader.LOW_BYTES) {
                continue;
            }
            Raster source = plan.kind() == PlaneHeader.LOW_BYTES ? ci.low() : hi.channels(plan.first(), plan.channels());
            planeRasters[p] = source;
            for (int s = 0; s < stripes; s++) {
                int y0 = s * stripeRows;
                int rows = Math.min(stripeRows, height - y0);
                float[] local = recordPixelBits ? new float[width * rows] : null;
                pixelBits.add(local);
                tasks.add(() -> plan.kind() == PlaneHeader.LOW_BYTES
                        ? LowByteCoder.encode(source.rows(y0, rows), hi.rows(y0, rows), local)
                        : StripeCoder.encode(source.rows(y0, rows), plan.model(), plan.alphabets(), plan.colours(),
                        plan.tools(), local));
            }
        }
        List<StripeCoder.Encoded> parts = runAll(tasks, threads);
        float[] bitsPerPixel = recordPixelBits ? new float[width * height] : null;
        List<PlaneHeader> headers = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        double bits = 0;
        long payloadBytes = 0;
        int t = 0;
        for (int p = 0; p < plans.size(); p++) {
            Plan plan = plans.get(p);
            if (plan.kind() == PlaneHeader.CONSTANT) {
                headers.add(PlaneHeader.constant(plan.first(), plan.value()));
                continue;
            }
            if (plan.kind() == PlaneHeader.COPY) {
                headers.add(PlaneHeader.copy(plan.first(), plan.channels(), 0));
                continue;
            }
            byte[] methods = new byte[stripes];
            int[] lengths = new int[stripes];
            for (int s = 0; s < stripes; s++, t++) {
                int y0 = s * stripeRows;
                int rows = Math.min(stripeRows, height - y0);
                int rawBytes = rows * width * plan.channels();
                StripeCoder.Encoded part = parts.get(t);
                byte[] payload;
                if (part.payload().length < rawBytes) {
                    methods[s] = PlaneHeader.STRIPE_CODED;
                    payload = part.payload();
                    bits += part.modelBits();
                    if (bitsPerPixel != null) {
                        float[] local = pixelBits.get(t);
                        for (int i = 0; i < local.length; i++) {
                            bitsPerPixel[y0 * width + i] += local[i];
                        }
                    }
                } else {
                    // incompressible (e.g. noise): store the samples; the code is then uniform, 8 bits each
                    methods[s] = PlaneHeader.STRIPE_RAW;
                    payload = planeRasters[p].rows(y0, rows).samples();
                    bits += 8.0 * rawBytes;
                    if (bitsPerPixel != null) {
                        for (int i = 0; i < width * rows; i++) {
                            bitsPerPixel[y0 * width + i] += 8f * plan.channels();
                        }
                    }
                }
                lengths[s] = payload.length;
                payloads.add(payload);
                payloadBytes += payload.length;
            }
            if (plan.kind() == PlaneHeader.LOW_BYTES) {
                headers.add(new PlaneHeader(PlaneHeader.LOW_BYTES, 0, plan.channels(), 0, "", null, null, 0, methods,
                        lengths));
            } else {
                byte[][] masks = new byte[plan.channels()][];
                for (int c = 0; c < plan.channels(); c++) {
                    masks[c] = plan.alphabets()[c].isFull() ? null : plan.alphabets()[c].mask();
                }
                if (plan.colours() != null) {
                    masks = new byte[plan.channels()][];
                }
                headers.add(new PlaneHeader(PlaneHeader.MODEL, plan.first(), plan.channels(),
                        plan.model().fingerprint(), plan.model().name(), masks,
                        plan.colours() == null ? null : plan.colours().toBytes(), 0, methods, lengths, plan.tools()));
            }
        }
        LcHeader header = new LcHeader(width, height, image.colorType(), image.bitDepth(), image.interlaced(),
                image.palette(), ci.paletteMode(), stripeRows, List.copyOf(headers), pixelCrc(image));
        HeaderClaims.verify(header, ci, image);
        byte[] file = LcFormat.write(header, payloads);
        try {
            LcFormat.read(file);       // the reader accepts what the writer wrote
        } catch (FormatException e) {
            throw new IllegalStateException("the encoder wrote a header its reader refuses (" + e.getMessage()
                    + "); nothing was written - please report", e);
        }
        return new Encoded(file, bits, payloadBytes * 8, header, bitsPerPixel);
    }

    /**
     * Decodes {@code encoded} in memory and compares it with {@code image} (what {@code encode --verify}
     * does before the output is put in place); throws {@link IllegalStateException} naming the first
     * difference.
     */
    public static void verify(PngImage image, Encoded encoded, int threads) {
        Decoded d;
        try {
            d = decode(encoded.file(), null, threads, new Limits((long) image.width() * image.height()));
        } catch (FormatException e) {
            throw new IllegalStateException("verification failed: the file does not decode (" + e.getMessage()
                    + "); nothing was written - please report", e);
        }
        String difference = image.differenceFrom(d.image());
        if (difference != null) {
            throw new IllegalStateException("verification failed: the file decodes to another image ("
                    + difference + "); nothing was written - please report");
        }
    }

    /** CRC-32C of the samples as PNG stores them: all (high) bytes, then the low bytes of 16-bit images. */
    static int pixelCrc(PngImage image) {
        CRC32C crc = new CRC32C();
        crc.update(image.samples().samples());
        if (image.low() != null) {
            crc.update(image.low().samples());
        }
        return (int) crc.getValue();
    }

    /** Decodes a file within the default {@link Limits}. */
    public static Decoded decode(byte[] file, PixelModel requested, int threads) throws FormatException {
        return decode(file, requested, threads, Limits.DEFAULT);
    }

    /**
     * Decodes a file into memory (see {@link LcDecoder}, which streams rows to a sink instead). The
     * main plane's model is {@code requested} when given (and must be the encoder's); otherwise, and
     * for the other planes, the built-in model the fingerprint names.
     */
    public static Decoded decode(byte[] file, PixelModel requested, int threads, Limits limits)
            throws FormatException {
        LcDecoder.ImageCollector image = new LcDecoder.ImageCollector();
        LcDecoder.Result r;
        try {
            r = LcDecoder.decode(file, requested, threads, limits, image);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);      // the collector does no I/O
        }
        return new Decoded(image.image(), r.header(), r.model());
    }

    /**
     * Decodes a file straight into a PNG written to {@code out}, row block by row block (memory: a few
     * stripes, or the image for interlaced PNGs). The pixel checksum is checked after the last row: when
     * this throws, what was written to {@code out} must be discarded.
     */
    public static LcDecoder.Result decodeToPng(byte[] file, PixelModel requested, int threads, Limits limits,
                                               java.io.OutputStream out) throws FormatException, java.io.IOException {
        io.lcompress.codec.image.PngWriter.RowWriter[] writer = new io.lcompress.codec.image.PngWriter.RowWriter[1];
        LcDecoder.Result r = LcDecoder.decode(file, requested, threads, limits, new LcDecoder.RowSink() {
            @Override
            public void begin(LcHeader h) throws java.io.IOException {
                writer[0] = new io.lcompress.codec.image.PngWriter.RowWriter(out, h.width(), h.height(),
                        h.colorType(), h.bitDepth(), h.palette(), h.interlaced());
            }

            @Override
            public void rows(int y0, Raster samples, Raster low) throws java.io.IOException {
                writer[0].rows(samples, low);
            }
        });
        writer[0].finish();
        return r;
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks, int threads) {
        List<T> out = new ArrayList<>(tasks.size());
        try {
            if (threads <= 1 || tasks.size() <= 1) {
                for (Callable<T> task : tasks) {
                    out.add(task.call());
                }
                return out;
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
            Thread t = new Thread(r, "lcompress-stripe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }
}
