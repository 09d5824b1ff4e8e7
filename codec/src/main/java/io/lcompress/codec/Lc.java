package io.lcompress.codec;

import io.lcompress.codec.coding.Effort;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngSource;
import io.lcompress.codec.imageio.AwtImages;
import io.lcompress.codec.model.PixelModel;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * lcompress as a library: lossless compression of images into {@code .lc} files and back.
 *
 * <pre>{@code
 * byte[] lc = Lc.encode(image);                              // a BufferedImage, default effort
 * BufferedImage same = Lc.decode(lc);                        // the same pixels
 * Lc.encode(Path.of("photo.png"), Path.of("photo.lc"),       // a PNG file, kept whole (metadata too)
 *         Lc.Options.DEFAULT.withEffort(1));                 // the fastest level
 * Lc.decode(Path.of("photo.lc"), Path.of("again.png"));      // the same PNG kind, pixels and chunks
 * }</pre>
 *
 * <p>Every conversion is exact. A {@link BufferedImage} is coded as the PNG kind its type maps to and
 * decodes to one canonical type per PNG kind (the table is in {@link AwtImages}): {@code TYPE_BYTE_GRAY}
 * and {@code TYPE_USHORT_GRAY} are grey 8 and 16-bit, {@code TYPE_3BYTE_BGR} and {@code TYPE_INT_RGB}
 * RGB, {@code TYPE_4BYTE_ABGR} and {@code TYPE_INT_ARGB} RGBA, {@link java.awt.image.IndexColorModel}
 * images palettes, 16-bit RGB(A) and grey+alpha custom component images; an image that cannot be
 * stored exactly (premultiplied alpha, 5/6-bit or float samples, a colour space other than sRGB and the
 * standard grey) is refused with an {@link IllegalArgumentException} saying why, never converted. A
 * decoded image may be of another type than the one encoded ({@code TYPE_INT_RGB} decodes as
 * {@code TYPE_3BYTE_BGR}) but holds the same pixels. The file-to-file methods keep everything a PNG
 * holds: its kind, bit depth, palette, interlacing and other chunks (ICC profile, text, EXIF...; with
 * {@link Options#strip()} only a colour key of those chunks); a
 * {@code BufferedImage} carries none of those chunks.
 *
 * <p>Files are the same whatever the thread count. An {@code .lc} file names the model it was coded
 * with, so decoding needs no effort level. Decoding checks every sample against the checksum the
 * file stores; an invalid file - corrupt, truncated, from a newer lcompress, or of an image beyond
 * {@link Options#maxPixels()} - throws {@link LcFormatException}, an {@link IOException}. Methods are
 * thread-safe. Also available through {@link javax.imageio.ImageIO} (format name {@code "lc"}, see
 * {@link io.lcompress.codec.imageio}).
 */
public final class Lc {
    private Lc() {
    }

    /**
     * How to encode and decode.
     *
     * @param effort    encoding effort, {@value Effort#MIN} (fastest) to {@value Effort#MAX} (smallest);
     *                  the default is {@link Effort#DEFAULT}'s level. Decoding ignores it.
     * @param threads   threads to code with, 0 for one per available processor (the default); files do
     *                  not depend on it
     * @param maxPixels most pixels (width x height) of a PNG or {@code .lc} file read, checked before
     *                  anything of the image's size is allocated; the default is
     *                  {@value Limits#DEFAULT_MAX_PIXELS} (2^27). Images already in memory are not
     *                  limited.
     * @param strip     encoding a PNG file: leave its metadata chunks out (text, time, ICC profile, gamma,
     *                  chromaticities, sRGB, physical size, sBIT, bKGD, hIST, sPLT, EXIF, private chunks, a
     *                  suggested palette; see {@link PngSource#withoutMetadata()}), keeping only what changes
     *                  the pixels' meaning: a grey or RGB image's tRNS colour key (a palette's transparency is
     *                  always kept). False by default: everything is kept. Decoding ignores it.
     */
    public record Options(int effort, int threads, long maxPixels, boolean strip) {
        /** The default effort level ({@link Effort#DEFAULT}), one thread per processor, 2^27 pixels, every chunk kept. */
        public static final Options DEFAULT = new Options(Effort.DEFAULT.level(), 0, Limits.DEFAULT_MAX_PIXELS, false);

        /** @throws IllegalArgumentException for an effort outside 1..9, negative threads, or maxPixels below 1 */
        public Options {
            if (effort < Effort.MIN || effort > Effort.MAX) {
                throw new IllegalArgumentException("effort must be " + Effort.MIN + ".." + Effort.MAX + ": " + effort);
            }
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be 0 (one per processor) or more: " + threads);
            }
            if (maxPixels < 1) {
                throw new IllegalArgumentException("max pixels must be at least 1: " + maxPixels);
            }
        }

        /** Options that keep every chunk ({@code strip} false). */
        public Options(int effort, int threads, long maxPixels) {
            this(effort, threads, maxPixels, false);
        }

        /** These options with another effort level, 1..9. */
        public Options withEffort(int level) {
            return new Options(level, threads, maxPixels, strip);
        }

        /** These options with another thread count (0: one per available processor). */
        public Options withThreads(int count) {
            return new Options(effort, count, maxPixels, strip);
        }

        /** These options with another pixel limit for files read. */
        public Options withMaxPixels(long pixels) {
            return new Options(effort, threads, pixels, strip);
        }

        /** These options with metadata chunks left out ({@code true}) or kept ({@code false}). */
        public Options withStrip(boolean drop) {
            return new Options(effort, threads, maxPixels, drop);
        }

        int threadCount() {
            return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        }

        Limits limits() {
            return new Limits(maxPixels);
        }

        PixelModel effortModel() {
            return Effort.of(effort).model();
        }
    }

    /** {@link #encode(BufferedImage, Options)} with {@link Options#DEFAULT}. */
    public static byte[] encode(BufferedImage image) {
        return encode(image, Options.DEFAULT);
    }

    /**
     * Encodes an image as {@code .lc} file bytes, exactly (see the class description for the types).
     *
     * @throws IllegalArgumentException when the image cannot be stored exactly; the message says why
     */
    public static byte[] encode(BufferedImage image, Options options) {
        Objects.requireNonNull(image, "image");
        PngImage png = AwtImages.toPngImage(image);
        try {
            return LcCodec.encode(png, options.effortModel(), options.threadCount()).file();
        } catch (UncheckedIOException e) {          // too large for the format
            throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** {@link #encode(Path, Options)} with {@link Options#DEFAULT}. */
    public static byte[] encode(Path png) throws IOException {
        return encode(png, Options.DEFAULT);
    }

    /**
     * Encodes a PNG file as {@code .lc} file bytes, keeping everything it holds (decoding gives the
     * same kind, pixels and chunks back), or with {@link Options#strip()} all but its metadata chunks.
     * The PNG is decoded a block of rows at a time.
     *
     * @throws io.lcompress.codec.image.PngIO.UnsupportedImageException (an {@link IOException}) when the
     *                                                                  file is not a valid PNG or beyond
     *                                                                  {@link Options#maxPixels()}
     */
    public static byte[] encode(Path png, Options options) throws IOException {
        PngSource source = PngIO.open(Files.readAllBytes(png), options.limits());
        if (options.strip()) {
            source = source.withoutMetadata();
        }
        return LcCodec.encode(source, options.effortModel(), options.threadCount()).file();
    }

    /** {@link #encode(Path, Path, Options)} with {@link Options#DEFAULT}. */
    public static void encode(Path png, Path lc) throws IOException {
        encode(png, lc, Options.DEFAULT);
    }

    /**
     * Encodes a PNG file into an {@code .lc} file ({@link #encode(Path, Options)}), replacing {@code lc}
     * if it exists; nothing is written when encoding fails.
     */
    public static void encode(Path png, Path lc, Options options) throws IOException {
        byte[] file = encode(png, options);
        writeAtomically(lc, out -> out.write(file));
    }

    /** {@link #decode(byte[], Options)} with {@link Options#DEFAULT}. */
    public static BufferedImage decode(byte[] lc) throws IOException {
        return decode(lc, Options.DEFAULT);
    }

    /**
     * Decodes {@code .lc} file bytes into an image of the type its PNG kind maps to (see
     * {@link AwtImages}), checked against the file's pixel checksum.
     *
     * @throws LcFormatException when the bytes are not a valid {@code .lc} file or the image is beyond
     *                           {@link Options#maxPixels()}
     */
    public static BufferedImage decode(byte[] lc, Options options) throws IOException {
        Objects.requireNonNull(lc, "lc");
        try {
            return AwtImages.decode(lc, options.threadCount(), options.limits(), null);
        } catch (FormatException e) {
            throw new LcFormatException(e.getMessage(), e);
        }
    }

    /** {@link #decode(Path, Options)} with {@link Options#DEFAULT}. */
    public static BufferedImage decode(Path lc) throws IOException {
        return decode(lc, Options.DEFAULT);
    }

    /** Decodes an {@code .lc} file into an image; see {@link #decode(byte[], Options)}. */
    public static BufferedImage decode(Path lc, Options options) throws IOException {
        return decode(Files.readAllBytes(lc), options);
    }

    /** {@link #decode(Path, Path, Options)} with {@link Options#DEFAULT}. */
    public static void decode(Path lc, Path png) throws IOException {
        decode(lc, png, Options.DEFAULT);
    }

    /**
     * Decodes an {@code .lc} file into a PNG file of the original's kind, bit depth, palette,
     * interlacing and chunks, replacing {@code png} if it exists. Rows are written as they are decoded
     * to a temporary file beside {@code png}, renamed into place once every sample matched the file's
     * checksum; nothing is left behind when decoding fails.
     *
     * @throws LcFormatException when the file is not a valid {@code .lc} file or the image is beyond
     *                           {@link Options#maxPixels()}
     */
    public static void decode(Path lc, Path png, Options options) throws IOException {
        byte[] file = Files.readAllBytes(lc);
        writeAtomically(png, out -> {
            try {
                LcCodec.decodeToPng(file, null, options.threadCount(), options.limits(), out);
            } catch (FormatException e) {
                throw new LcFormatException(e.getMessage(), e);
            }
        });
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a temporary file beside {@code target} and renames it into place once complete. */
    private static void writeAtomically(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 1 << 16)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
