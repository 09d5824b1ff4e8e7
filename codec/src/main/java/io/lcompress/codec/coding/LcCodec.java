package io.lcompress.codec.coding;

import io.lcompress.codec.Limits;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngSource;
import io.lcompress.codec.image.PngWriter;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.PixelModel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Whole-image encoding and decoding: the entry points. {@link LcEncoder} surveys, plans and codes an
 * image stripe by stripe; {@link LcDecoder} decodes a file stripe by stripe into rows. The stripe height
 * depends only on the image's size, never on the thread count, so the output bytes are the same
 * whatever the parallelism.
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

    /**
     * The default stripe height for a {@code width x height} image: the format's default plan
     * ({@link io.lcompress.codec.container.StripePlan#defaultRows}), which version 4 files do not store. Stripes
     * are coded in parallel; each restarts the model's adaptation, which costs about 0.02 to 0.04 % of the
     * file per extra stripe on a 2268x1512 photo (level 5: 4 stripes +0.04 %, 7 stripes +0.15 % against 3).
     */
    public static int defaultStripeRows(int width, int height) {
        return io.lcompress.codec.container.StripePlan.defaultRows(width, height);
    }

    /**
     * Encodes an image held in memory with the default stripe plan, coded transposed where
     * {@link Transposition} expects a smaller file.
     */
    public static Encoded encode(PngImage image, PixelModel model, int threads) {
        return encode(image, model, threads, ProgressListener.NONE);
    }

    /** As {@link #encode(PngImage, PixelModel, int)}, telling {@code progress} of every stripe coded. */
    public static Encoded encode(PngImage image, PixelModel model, int threads, ProgressListener progress) {
        try {
            return LcEncoder.encode(PngSource.of(image), model, threads,
                    defaultStripeRows(image.width(), image.height()), false, progress, Transposition.Choice.ESTIMATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);       // an image in memory reads without other I/O errors
        }
    }

    /** Encodes an 8-bit raster as the PNG colour type its channel count implies. */
    public static Encoded encode(Raster raster, int colorType, PixelModel model, int threads) {
        return encode(raster, colorType, model, threads, defaultStripeRows(raster.width(), raster.height()), false);
    }

    public static Encoded encode(Raster raster, int colorType, PixelModel model, int threads, int stripeRows,
                                 boolean recordPixelBits) {
        if (colorType != PngImage.colorTypeFor(raster.channels())) {
            throw new IllegalArgumentException("colour type " + colorType + " with " + raster.channels() + " channels");
        }
        return encode(PngImage.of(raster), model, threads, stripeRows, recordPixelBits);
    }

    /**
     * Encodes an image held in memory, as it is (never transposed: the stripe plan is the image's). An image
     * too large for the format throws {@link UncheckedIOException} around
     * {@link io.lcompress.codec.image.PngIO.UnsupportedImageException}.
     */
    public static Encoded encode(PngImage image, PixelModel model, int threads, int stripeRows,
                                 boolean recordPixelBits) {
        try {
            return LcEncoder.encode(PngSource.of(image), model, threads, stripeRows, recordPixelBits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);       // an image in memory reads without other I/O errors
        }
    }

    /**
     * Encodes an image given row block by row block ({@link io.lcompress.codec.image.PngIO#open}): it is
     * read twice, and memory is a few stripes and the payload whatever its size - except an image the
     * encoder may code transposed ({@link Transposition#considered}: at most 4 megapixels), read once
     * and held whole.
     */
    public static Encoded encode(PngSource source, PixelModel model, int threads) throws IOException {
        return LcEncoder.encode(source, model, threads, defaultStripeRows(source.width(), source.height()), false,
                ProgressListener.NONE, Transposition.Choice.ESTIMATE);
    }

    /**
     * As {@link #encode(PngSource, PixelModel, int)}, telling {@code progress} of every stripe coded (on
     * this thread, in order); the bytes are the same with or without it.
     */
    public static Encoded encode(PngSource source, PixelModel model, int threads, ProgressListener progress)
            throws IOException {
        return LcEncoder.encode(source, model, threads, defaultStripeRows(source.width(), source.height()), false,
                progress, Transposition.Choice.ESTIMATE);
    }

    /** See {@link #verify(PngSource, Encoded, int)}. */
    public static void verify(PngImage image, Encoded encoded, int threads) {
        try {
            verify(PngSource.of(image), encoded, threads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes {@code encoded} in memory and compares it with {@code source} (what {@code encode --verify}
     * does before the output is put in place): the PNG's kind, size and palette, and SHA-256 digests of
     * every sample and every low byte, so neither image is held whole. Throws
     * {@link IllegalStateException} naming the first difference.
     */
    public static void verify(PngSource source, Encoded encoded, int threads) throws IOException {
        verify(source, encoded, threads, ProgressListener.NONE);
    }

    /** As {@link #verify(PngSource, Encoded, int)}, telling {@code progress} of every stripe decoded. */
    public static void verify(PngSource source, Encoded encoded, int threads, ProgressListener progress)
            throws IOException {
        SampleDigest expected = new SampleDigest();
        source.blocks(defaultStripeRows(source.width(), source.height()), (y0, samples, low) -> expected.add(samples, low));
        SampleDigest decoded = new SampleDigest();
        LcHeader[] h = new LcHeader[1];
        try {
            LcDecoder.decode(encoded.file(), null, threads, new Limits((long) source.width() * source.height()),
                    new LcDecoder.RowSink() {
                        @Override
                        public void begin(LcHeader header) {
                            h[0] = header;
                        }

                        @Override
                        public void rows(int y0, Raster samples, Raster low) {
                            decoded.add(samples, low);
                        }
                    }, progress);
        } catch (FormatException e) {
            throw new IllegalStateException("verification failed: the file does not decode (" + e.getMessage()
                    + "); nothing was written - please report", e);
        }
        LcHeader d = h[0];
        String difference = d.colorType() != source.colorType() || d.bitDepth() != source.bitDepth()
                || d.interlaced() != source.interlaced() ? "PNG kind"
                : d.width() != source.width() || d.height() != source.height() ? "size"
                : !Arrays.equals(d.palette(), source.palette()) ? "palette"
                : !Chunks.toPng(d.chunks()).equals(source.chunks()) ? "PNG chunks"
                : !expected.sameAs(decoded) ? "samples" : null;
        if (difference != null) {
            throw new IllegalStateException("verification failed: the file decodes to another image ("
                    + difference + " differ); nothing was written - please report");
        }
    }

    /** SHA-256 of all samples and, separately, of all low bytes, fed in row order. */
    private static final class SampleDigest {
        private final MessageDigest high = sha256();
        private final MessageDigest low = sha256();

        void add(Raster samples, Raster lowBytes) {
            high.update(samples.samples());
            if (lowBytes != null) {
                low.update(lowBytes.samples());
            }
        }

        boolean sameAs(SampleDigest o) {
            return Arrays.equals(high.digest(), o.high.digest()) && Arrays.equals(low.digest(), o.low.digest());
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);     // every JDK has SHA-256
            }
        }
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
        return decode(file, requested, threads, limits, ProgressListener.NONE);
    }

    /** As {@link #decode(byte[], PixelModel, int, Limits)}, telling {@code progress} of every stripe decoded. */
    public static Decoded decode(byte[] file, PixelModel requested, int threads, Limits limits,
                                 ProgressListener progress) throws FormatException {
        LcDecoder.ImageCollector image = new LcDecoder.ImageCollector();
        LcDecoder.Result r;
        try {
            r = LcDecoder.decode(file, requested, threads, limits, image, progress);
        } catch (IOException e) {
            throw new UncheckedIOException(e);      // the collector does no I/O
        }
        return new Decoded(image.image(), r.header(), r.model());
    }

    /**
     * The threads that deflate a decoded PNG ({@code PngWriter}'s segments): the decoder's, at most one per
     * processor, since each holds a segment in flight (about 1.5 MiB); the PNG's bytes do not depend on it.
     */
    static int deflateThreads(int threads) {
        return Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Decodes a file straight into a PNG written to {@code out}, row block by row block (memory: a few
     * stripes, or the image for interlaced PNGs). The pixel checksum is checked after the last row: when
     * this throws, what was written to {@code out} must be discarded.
     */
    public static LcDecoder.Result decodeToPng(byte[] file, PixelModel requested, int threads, Limits limits,
                                               OutputStream out) throws FormatException, IOException {
        return decodeToPng(file, requested, threads, limits, out, ProgressListener.NONE);
    }

    /** As {@link #decodeToPng(byte[], PixelModel, int, Limits, OutputStream)}, telling {@code progress} of every stripe. */
    public static LcDecoder.Result decodeToPng(byte[] file, PixelModel requested, int threads, Limits limits,
                                               OutputStream out, ProgressListener progress)
            throws FormatException, IOException {
        PngWriter.RowWriter[] writer = new PngWriter.RowWriter[1];
        try {
            LcDecoder.Result r = LcDecoder.decode(file, requested, threads, limits, new LcDecoder.RowSink() {
                @Override
                public void begin(LcHeader h) throws IOException {
                    writer[0] = new PngWriter.RowWriter(out, h.width(), h.height(),
                            h.colorType(), h.bitDepth(), h.palette(), h.interlaced(), Chunks.toPng(h.chunks()),
                            deflateThreads(threads));
                }

                @Override
                public void rows(int y0, Raster samples, Raster low) throws IOException {
                    writer[0].rows(samples, low);
                }
            }, progress);
            writer[0].finish();
            return r;
        } finally {
            if (writer[0] != null) {
                writer[0].close();          // frees the deflater also when decoding failed
            }
        }
    }
}
