package io.lcompress.codec.coding;

import io.lcompress.codec.Limits;
import io.lcompress.codec.arith.CorruptStreamException;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.ConstantPlane;
import io.lcompress.codec.container.CopyPlane;
import io.lcompress.codec.container.LowBytePlane;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.container.Plane;
import io.lcompress.codec.container.WidenedLowBytes;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.ColourSet;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;

import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes an {@code .lc} file stripe by stripe and hands the rows, as PNG stores them, to a
 * {@link RowSink} from top to bottom.
 *
 * <p>A stripe is decoded whole - every plane's stripe, then constants and copies, then the low bytes
 * that depend on the high bytes - into a block of its rows; up to {@code threads} stripes decode at once
 * and blocks are handed on in order. Memory is therefore a few stripes (plus whatever the sink keeps),
 * whatever the image's size. Nothing of the image's size is allocated before the header's checksum is
 * verified, the image is within {@link Limits} and every plane's model is known (the header's own
 * arrays are bounded by the file's bytes, see {@link LcFormat}). The pixel checksum is
 * checked after the last row: a sink must not publish its rows before {@code decode} returns.
 */
public final class LcDecoder {
    private LcDecoder() {
    }

    /** Receives the decoded image: {@link #begin} once, then consecutive row blocks from row 0 on. */
    public interface RowSink {
        void begin(LcHeader header) throws IOException;

        /**
         * Rows {@code y0 ..} as PNG stores them: samples (high bytes of 16-bit samples, palette indices,
         * grey below 8 bits as its raw levels) and, for 16-bit images, the low bytes (else null).
         */
        void rows(int y0, Raster samples, Raster low) throws IOException;
    }

    /** What the decoder found: the header, and the model of the main plane (null without one). */
    public record Result(LcHeader header, PixelModel model) {
    }

    /** One stripe's rows, as the PNG stores them. */
    private record Block(int y0, Raster samples, Raster low) {
    }

    public static Result decode(byte[] file, PixelModel requested, int threads, Limits limits, RowSink sink)
            throws FormatException, IOException {
        return decode(file, requested, threads, limits, sink, ProgressListener.NONE);
    }

    /** As {@link #decode(byte[], PixelModel, int, Limits, RowSink)}, telling {@code progress} of every stripe. */
    public static Result decode(byte[] file, PixelModel requested, int threads, Limits limits, RowSink sink,
                                ProgressListener progress) throws FormatException, IOException {
        ProgressListener listener = ProgressListener.orNone(progress);
        LcFormat.Parsed parsed = LcFormat.read(file);
        LcHeader h = parsed.header();
        if (!limits.admits(h.width(), h.height())) {
            throw new FormatException(limits.refusal(h.pngWidth(), h.pngHeight()));
        }
        checkSemantics(h);
        ModelPlane main = h.mainPlane();
        if (requested != null && main == null && !h.isPngStream()) {
            throw new FormatException("file has no model-coded plane; do not ask for a model");
        }
        if (h.isPngStream()) {
            return decodePngStream(file, parsed, sink, listener);
        }
        Stripes stripes = new Stripes(file, parsed, requested);
        TransposedRows transposedRows = h.transposed() ? new TransposedRows(sink) : null;
        RowSink target = transposedRows != null ? transposedRows : sink;
        target.begin(h);
        PixelCrc crc = new PixelCrc();
        int count = h.stripeCount();
        int[] done = {0};
        try (OrderedPipeline<Block> pipeline = new OrderedPipeline<>(Math.min(threads, count), b -> {
            crc.updateHigh(b.samples().samples());
            if (b.low() != null) {
                crc.updateLow(b.low().samples());
            }
            target.rows(b.y0(), b.samples(), b.low());
            listener.progress(++done[0], count);
        })) {
            for (int s = 0; s < count; s++) {
                int stripe = s;
                pipeline.submit(() -> stripes.decode(stripe));
            }
            pipeline.finish();
        } catch (CorruptStreamException e) {
            throw new FormatException("corrupt payload: " + e.getMessage());
        }
        if (crc.value() != h.pixelCrc()) {
            throw new FormatException("decoded pixels do not match the stored checksum (corrupt file)");
        }
        if (transposedRows != null) {
            transposedRows.finish();
        }
        return new Result(h, main == null ? null : stripes.models[h.planes().indexOf(main)]);
    }

    /** An image stored as the PNG's deflate stream ({@link PngStreamCoder}), inflated block by block. */
    private static Result decodePngStream(byte[] file, LcFormat.Parsed parsed, RowSink sink,
                                          ProgressListener listener) throws FormatException, IOException {
        LcHeader h = parsed.header();
        sink.begin(h);
        PixelCrc crc = new PixelCrc();
        int count = h.stripeCount();
        int[] done = {0};
        PngStreamCoder.decode(file, parsed.payloadOffset(), h.pngStreamBytes(), h.width(), h.height(),
                h.colorType(), h.bitDepth(), h.interlaced(), h.palette() == null ? 0 : h.palette().length,
                h.stripeRows(), (y0, samples, low) -> {
                    crc.updateHigh(samples.samples());
                    if (low != null) {
                        crc.updateLow(low.samples());
                    }
                    sink.rows(y0, samples, low);
                    listener.progress(++done[0], count);
                });
        if (crc.value() != h.pixelCrc()) {
            throw new FormatException("decoded pixels do not match the stored checksum (corrupt file)");
        }
        return new Result(h, null);
    }

    /** Everything needed to decode any stripe on its own: models, alphabets, payload offsets. */
    private static final class Stripes {
        final byte[] file;
        final LcHeader h;
        final boolean strict;
        final PixelModel[] models;
        final Alphabet[][] alphabets;
        final ColourSet[] colours;
        final int[][] offsets;

        Stripes(byte[] file, LcFormat.Parsed parsed, PixelModel requested) throws FormatException {
            this.file = file;
            this.h = parsed.header();
            this.strict = parsed.strictStreamEnds();
            int planes = h.planes().size();
            models = new PixelModel[planes];
            alphabets = new Alphabet[planes][];
            colours = new ColourSet[planes];
            offsets = new int[planes][];
            ModelPlane main = h.mainPlane();
            int off = parsed.payloadOffset();
            for (int p = 0; p < planes; p++) {
                Plane plane = h.planes().get(p);
                if (plane.stripes() == null) {
                    continue;
                }
                offsets[p] = new int[h.stripeCount()];
                for (int s = 0; s < offsets[p].length; s++) {
                    offsets[p][s] = off;
                    off += plane.stripes().lengths()[s];
                }
                if (!(plane instanceof ModelPlane ph)) {
                    continue;
                }
                models[p] = resolve(ph, ph == main ? requested : null);
                alphabets[p] = new Alphabet[ph.channels()];
                for (int c = 0; c < ph.channels(); c++) {
                    byte[] mask = ph.alphabetMasks()[c];
                    alphabets[p][c] = mask == null ? Alphabet.FULL : Alphabet.fromMask(mask);
                }
                colours[p] = ph.colourSet() == null ? null : ColourSet.fromBytes(ph.channels(), ph.colourSet());
            }
        }

        /** Stripe {@code s} of every plane, assembled and mapped to the PNG's samples. */
        Block decode(int s) throws FormatException {
            int width = h.width();
            int y0 = s * h.stripeRows();
            int rows = Math.min(h.stripeRows(), h.height() - y0);
            Raster coded = new Raster(width, rows, h.codedChannels());
            byte[] samples = coded.samples();
            int n = coded.channels();
            Raster low = null;
            for (int p = 0; p < h.planes().size(); p++) {
                Plane plane = h.planes().get(p);
                if (plane instanceof ModelPlane ph) {
                    Raster part = ph.stripes().raw()[s] ? raw(p, s, rows, ph.channels())
                            : StripeCoder.decode(file, offsets[p][s], ph.stripes().lengths()[s], width, rows,
                            ph.channels(), models[p], alphabets[p], colours[p], ph.stages(), strict);
                    coded.putBlock(ph.firstChannel(), 0, part);
                } else if (plane instanceof ConstantPlane c) {
                    for (int i = c.firstChannel(); i < samples.length; i += n) {
                        samples[i] = (byte) c.value();
                    }
                }
            }
            for (Plane plane : h.planes()) {   // after the others: a copy's source is never a copy
                if (plane instanceof CopyPlane c) {
                    for (int i = 0; i < samples.length; i += n) {
                        for (int k = c.firstChannel(); k < c.firstChannel() + c.channels(); k++) {
                            samples[i + k] = samples[i + c.source()];
                        }
                    }
                }
            }
            for (int p = 0; p < h.planes().size(); p++) {      // low bytes: after the high bytes they depend on
                Plane plane = h.planes().get(p);
                if (plane instanceof LowBytePlane l) {
                    low = l.stripes().raw()[s] ? raw(p, s, rows, l.channels())
                            : l.predicted()
                            ? PredictedLowByteCoder.decode(file, offsets[p][s], l.stripes().lengths()[s], coded, strict)
                            : LowByteCoder.decode(file, offsets[p][s], l.stripes().lengths()[s], coded, strict);
                } else if (plane instanceof WidenedLowBytes w) {
                    low = w.mode() == WidenedLowBytes.REPEAT_HIGH
                            ? Raster.wrap(width, rows, n, samples.clone()) : new Raster(width, rows, n);
                }
            }
            PngImage png = CodedImage.toPng(h, coded, low);
            return new Block(y0, png.samples(), png.low());
        }

        /** A stripe stored raw: its samples as they are. */
        private Raster raw(int p, int s, int rows, int channels) {
            int from = offsets[p][s];
            int length = h.planes().get(p).stripes().lengths()[s];
            return Raster.wrap(h.width(), rows, channels, Arrays.copyOfRange(file, from, from + length));
        }
    }

    /**
     * What the container cannot check because it knows nothing of PNG or of colour sets: that the kept
     * chunks make a valid PNG with this image, and that a colour set is one.
     */
    static void checkSemantics(LcHeader h) throws FormatException {
        try {
            PngIO.checkKept(h.colorType(), h.bitDepth(), h.palette(), Chunks.toPng(h.chunks()));
        } catch (PngIO.UnsupportedImageException e) {
            throw new FormatException("corrupt header: the kept PNG chunks would make an invalid PNG ("
                    + e.getMessage() + ")");
        }
        for (Plane p : h.planes()) {
            if (p instanceof ModelPlane m && m.colourSet() != null) {
                try {
                    ColourSet.fromBytes(m.channels(), m.colourSet());
                } catch (IllegalArgumentException e) {
                    throw new FormatException("corrupt header: " + e.getMessage());
                }
            }
        }
    }

    /**
     * The model a plane names: {@code requested} when given (it must be the encoder's), else the built-in
     * model with the plane's fingerprint; either way one that can code the plane's channel count.
     */
    static PixelModel resolve(ModelPlane ph, PixelModel requested) throws FormatException {
        PixelModel m;
        requested = coding(requested, ph.fingerprint());
        if (requested == null) {
            m = ModelRegistry.byFingerprint(ph.fingerprint()).orElseThrow(() -> new FormatException(
                    "file was encoded with model '" + ph.modelName() + "' (" + ModelRegistry.hex(ph.fingerprint())
                            + "), which this lcompress does not have"));
        } else if (requested.fingerprint() != ph.fingerprint()) {
            throw new FormatException("file was encoded with model '" + ph.modelName() + "' ("
                    + ModelRegistry.hex(ph.fingerprint()) + ") but decoding was asked with model '"
                    + requested.name() + "' (" + ModelRegistry.hex(requested.fingerprint()) + ")");
        } else {
            m = requested;
        }
        if (!m.supportsChannels(ph.channels())) {
            throw new FormatException("corrupt header: model '" + m.name() + "' cannot code a "
                    + ph.channels() + "-channel plane");
        }
        if (m instanceof io.lcompress.codec.model.FrequencyModel && ph.stages() != 0) {
            throw new FormatException("corrupt header: coding stages on a plane of model '" + m.name()
                    + "', which gives frequencies (stages apply to mixture models only)");
        }
        return m;
    }

    /**
     * The model that codes a plane of this fingerprint inside what an effort level hands the encoder
     * (an {@link ImageSizeChoice} or a {@link ColourSetChoice}: whichever of its two models has the fingerprint; a
     * {@link io.lcompress.codec.coding.stage.StagedModel}: its inner model, the stages being the file's),
     * or {@code requested} itself.
     */
    static PixelModel coding(PixelModel requested, long fingerprint) {
        if (requested instanceof ColourSetChoice choice) {
            PixelModel with = coding(choice.withColourSet(), fingerprint);
            return with.fingerprint() == fingerprint ? with : coding(choice.otherwise(), fingerprint);
        }
        if (requested instanceof ImageSizeChoice choice) {
            PixelModel small = coding(choice.small(), fingerprint);
            return small.fingerprint() == fingerprint ? small : coding(choice.large(), fingerprint);
        }
        if (requested instanceof io.lcompress.codec.coding.stage.StagedModel staged) {
            return staged.inner();
        }
        return requested;
    }

    /**
     * The rows of a transposed file ({@link LcHeader#transposed()}): the coded image is kept whole (at most
     * {@link LcHeader#MAX_TRANSPOSED_PIXELS} pixels, the format's bound), then handed to the sink as the PNG's
     * rows - the coded image's columns - a block at a time, with the header {@link LcHeader#presented()}.
     */
    private static final class TransposedRows implements RowSink {
        private static final int BLOCK_ROWS = 64;
        private final RowSink sink;
        private LcHeader header;
        private Raster samples;
        private Raster low;

        TransposedRows(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void begin(LcHeader h) {
            header = h;
            samples = new Raster(h.width(), h.height(), h.pngChannels());
            low = h.bitDepth() == 16 ? new Raster(h.width(), h.height(), h.pngChannels()) : null;
        }

        @Override
        public void rows(int y0, Raster s, Raster l) {
            samples.putBlock(0, y0, s);
            if (low != null) {
                low.putBlock(0, y0, l);
            }
        }

        /** Hands the PNG's rows on: its rows y0.. are the coded image's columns y0.. */
        void finish() throws IOException {
            LcHeader png = header.presented();
            sink.begin(png);
            for (int y0 = 0; y0 < png.height(); y0 += BLOCK_ROWS) {
                int rows = Math.min(BLOCK_ROWS, png.height() - y0);
                sink.rows(y0, columns(samples, y0, rows), low == null ? null : columns(low, y0, rows));
            }
        }

        /** Columns {@code x0 .. x0 + n} of {@code r} as the rows of a raster {@code r.height()} wide. */
        private static Raster columns(Raster r, int x0, int n) {
            int w = r.width();
            int h = r.height();
            int ch = r.channels();
            Raster out = new Raster(h, n, ch);
            byte[] src = r.samples();
            byte[] dst = out.samples();
            for (int k = 0; k < n; k++) {
                for (int y = 0; y < h; y++) {
                    System.arraycopy(src, (y * w + x0 + k) * ch, dst, (k * h + y) * ch, ch);
                }
            }
            return out;
        }
    }

    /** A sink that keeps the whole image (for callers that want it in memory). */
    static final class ImageCollector implements RowSink {
        private LcHeader header;
        private Raster samples;
        private Raster low;

        @Override
        public void begin(LcHeader h) {
            header = h;
            samples = new Raster(h.width(), h.height(), h.pngChannels());
            low = h.bitDepth() == 16 ? new Raster(h.width(), h.height(), h.pngChannels()) : null;
        }

        @Override
        public void rows(int y0, Raster s, Raster l) {
            samples.putBlock(0, y0, s);
            if (low != null) {
                low.putBlock(0, y0, l);
            }
        }

        PngImage image() {
            return new PngImage(header.colorType(), header.bitDepth(), header.interlaced(), samples, low,
                    header.palette(), Chunks.toPng(header.chunks()));
        }
    }
}
