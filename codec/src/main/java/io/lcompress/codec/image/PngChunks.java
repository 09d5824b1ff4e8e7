package io.lcompress.codec.image;

import io.lcompress.codec.Limits;
import io.lcompress.codec.image.PngIO.UnsupportedImageException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The chunk structure of a PNG file, read at least as strictly as libpng: what libpng refuses is refused,
 * and so is what libpng only warns about and drops (an ancillary chunk with a bad CRC, an over-long tRNS),
 * since a lossless tool must neither store corrupt data nor silently lose it.
 *
 * <p>Invariants of a {@code PngChunks} (each checked before any allocation whose size the file decides):
 * <ul>
 *   <li>the file is the PNG signature followed by whole chunks, each with a length of at most 2^31-1, a type of
 *       four ASCII letters with the reserved bit clear (third letter upper case) and a correct CRC-32, and
 *       nothing after IEND;</li>
 *   <li>IHDR is the first chunk and appears once, 13 bytes of valid fields (see {@link PngHeader}), and the
 *       image is within the {@link Limits};</li>
 *   <li>PLTE appears at most once, before the first IDAT and any tRNS, holds 1..256 whole entries (at most
 *       2^depth for palette images), is present in palette images and absent from grey ones;</li>
 *   <li>tRNS appears at most once, after PLTE and before IDAT: 1 .. palette-size entries for palette images,
 *       2 bytes for grey, 6 for RGB, never with an alpha channel;</li>
 *   <li>the IDAT chunks are present and consecutive; IEND is empty and last; no unknown critical chunk;</li>
 *   <li>known ancillary chunks are in their places (gAMA, cHRM, iCCP, sBIT, sRGB before PLTE; bKGD, hIST after
 *       it; pHYs, sPLT, oFFs, pCAL, sCAL, eXIf before IDAT) and the unique ones appear once;</li>
 *   <li>the IDAT data is one complete zlib stream whose inflated size is exactly the image's, every row
 *       with a filter type 0..4 (see {@link PngImageData}).</li>
 * </ul>
 * Every violation is an {@link UnsupportedImageException} with a one-line message that names it.
 */
final class PngChunks {
    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    /** A chunk of the file: its type and where its data lies ({@code length} bytes from {@code offset}). */
    record Chunk(String type, int offset, int length) {
        boolean critical() {
            return Character.isUpperCase(type.charAt(0));
        }
    }

    private final byte[] file;
    private final PngHeader header;
    private final byte[] plte;
    private final byte[] trns;
    private final List<Chunk> chunks;
    private final List<Chunk> idat;
    /** The image data inflated by the check ({@link PngImageData#check}), until the image is decoded whole; or null. */
    private byte[] inflated;

    private PngChunks(byte[] file, PngHeader header, byte[] plte, byte[] trns, List<Chunk> chunks, List<Chunk> idat) {
        this.file = file;
        this.header = header;
        this.plte = plte;
        this.trns = trns;
        this.chunks = List.copyOf(chunks);
        this.idat = List.copyOf(idat);
    }

    PngHeader header() {
        return header;
    }

    /** The PLTE data, or null if there is none. */
    byte[] plte() {
        return plte == null ? null : plte.clone();
    }

    /** The tRNS data, or null if there is none. */
    byte[] trns() {
        return trns == null ? null : trns.clone();
    }

    /** Every chunk, in file order. */
    List<Chunk> chunks() {
        return chunks;
    }

    /**
     * The image data: a zlib stream, whose checks {@link #read} has already done; read from the bytes the check
     * inflated while they are kept.
     */
    PngImageData imageData() {
        return new PngImageData(file, idat, header, inflated);
    }

    /** Whether the bytes the check inflated are held (for the next decoding). */
    boolean holdsInflated() {
        return inflated != null;
    }

    /** Lets the bytes the check inflated go (once the image is decoded whole: they are not read again). */
    void dropInflated() {
        inflated = null;
    }

    /** The IDAT chunks' data concatenated: the image data's zlib stream as bytes (a new array). */
    byte[] concatenatedImageData() {
        int n = 0;
        for (Chunk c : idat) {
            n = Math.addExact(n, c.length());       // within the file, whose size is an int
        }
        byte[] out = new byte[n];
        int at = 0;
        for (Chunk c : idat) {
            System.arraycopy(file, c.offset(), out, at, c.length());
            at += c.length();
        }
        return out;
    }

    /** Checks the whole file (chunks and image data stream) and returns its chunks. */
    static PngChunks read(byte[] file, Limits limits) throws UnsupportedImageException {
        return read(file, limits, true);
    }

    /** {@code checkImageData}: false only for a skeleton whose IDAT is a placeholder (see {@link PngIO#checkKept}). */
    static PngChunks read(byte[] file, Limits limits, boolean checkImageData) throws UnsupportedImageException {
        if (file.length < SIGNATURE.length
                || !Arrays.equals(file, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            if (file.length < SIGNATURE.length && Arrays.equals(file, 0, file.length, SIGNATURE, 0, file.length)) {
                throw new UnsupportedImageException("truncated PNG: the file ends after " + file.length
                        + " bytes, inside the signature");
            }
            if (file.length >= 4 && file[1] == 'P' && file[2] == 'N' && file[3] == 'G') {
                throw new UnsupportedImageException("corrupt PNG: damaged signature (line endings changed by a "
                        + "text-mode transfer?)");
            }
            throw new UnsupportedImageException("not a PNG file");
        }
        PngHeader header = null;
        byte[] plte = null;
        byte[] trns = null;
        List<Chunk> chunks = new ArrayList<>();
        List<Chunk> idat = new ArrayList<>();
        boolean idatEnded = false;
        CRC32 crc = new CRC32();
        int pos = SIGNATURE.length;
        while (true) {
            if (pos == file.length) {
                throw new UnsupportedImageException("truncated PNG: no IEND chunk");
            }
            if (file.length - pos < 8) {
                throw new UnsupportedImageException("truncated PNG: the file ends inside a chunk header, "
                        + (file.length - pos) + " bytes after " + lastType(chunks));
            }
            long length = u32(file, pos);
            String type = chunkType(file, pos + 4);
            if (length > Integer.MAX_VALUE) {
                throw new UnsupportedImageException("corrupt PNG: " + type + " chunk length " + length
                        + " exceeds 2^31-1");
            }
            long available = (long) file.length - pos - 12;
            if (length > available) {
                throw new UnsupportedImageException("truncated PNG: the file ends inside the " + type + " chunk ("
                        + Math.max(0, available + 12) + " of " + (length + 12) + " bytes)");
            }
            if ((file[pos + 6] & 0x20) != 0) {
                throw new UnsupportedImageException("corrupt PNG: chunk '" + type
                        + "' has the reserved bit set (third letter lower case)");
            }
            crc.reset();
            crc.update(file, pos + 4, 4 + (int) length);
            if ((int) crc.getValue() != (int) u32(file, pos + 8 + (int) length)) {
                throw new UnsupportedImageException("corrupt PNG: bad CRC in " + type + " chunk");
            }
            Chunk chunk = new Chunk(type, pos + 8, (int) length);
            if (chunks.isEmpty() && !type.equals("IHDR")) {
                throw new UnsupportedImageException("corrupt PNG: the first chunk is " + type + ", not IHDR");
            }
            chunks.add(chunk);
            pos += 12 + (int) length;
            if (!type.equals("IDAT") && !idat.isEmpty()) {
                idatEnded = true;
            }
            switch (type) {
                case "IHDR" -> {
                    if (header != null) {
                        throw new UnsupportedImageException("corrupt PNG: second IHDR chunk");
                    }
                    header = header(file, chunk);
                    if (!limits.admits(header.width(), header.height())) {
                        throw new UnsupportedImageException(limits.refusal(header.width(), header.height()));
                    }
                }
                case "PLTE" -> {
                    checkPlte(header, chunk, plte != null, !idat.isEmpty(), trns != null);
                    plte = Arrays.copyOfRange(file, chunk.offset(), chunk.offset() + chunk.length());
                }
                case "tRNS" -> {
                    checkTrns(header, chunk, plte, trns != null, !idat.isEmpty());
                    trns = Arrays.copyOfRange(file, chunk.offset(), chunk.offset() + chunk.length());
                }
                case "IDAT" -> {
                    if (idatEnded) {
                        throw new UnsupportedImageException("corrupt PNG: IDAT chunks are not consecutive");
                    }
                    if (header.colorType() == PngImage.PALETTE && plte == null) {
                        throw new UnsupportedImageException("corrupt PNG: palette image without a PLTE chunk "
                                + "before its image data");
                    }
                    idat.add(chunk);
                }
                case "IEND" -> {
                    if (chunk.length() != 0) {
                        throw new UnsupportedImageException("corrupt PNG: IEND chunk is not empty ("
                                + chunk.length() + " bytes)");
                    }
                    if (idat.isEmpty()) {
                        throw new UnsupportedImageException("corrupt PNG: no IDAT chunk (no image data)");
                    }
                    if (pos != file.length) {
                        throw new UnsupportedImageException("corrupt PNG: " + (file.length - pos)
                                + " bytes after the IEND chunk");
                    }
                    PngChunks result = new PngChunks(file, header, plte, trns, chunks, idat);
                    if (checkImageData) {
                        result.inflated = PngImageData.check(file, idat, header);
                    }
                    return result;
                }
                default -> {
                    if (chunk.critical()) {
                        throw new UnsupportedImageException("corrupt PNG: unknown critical chunk '" + type + "'");
                    }
                    checkAncillaryPlace(type, chunks, plte != null, !idat.isEmpty());
                }
            }
        }
    }

    /** Known ancillary chunks that must come before PLTE (and IDAT). libpng warns about these and drops them. */
    private static final java.util.Set<String> BEFORE_PLTE = java.util.Set.of("cHRM", "gAMA", "iCCP", "sBIT", "sRGB",
            "cICP", "mDCv", "cLLi");
    /** ... that must come after PLTE and before IDAT. */
    private static final java.util.Set<String> AFTER_PLTE = java.util.Set.of("bKGD", "hIST");
    /** ... that must come before IDAT. */
    private static final java.util.Set<String> BEFORE_IDAT = java.util.Set.of("pHYs", "sPLT", "oFFs", "pCAL",
            "sCAL", "eXIf");
    /** ... that may appear once at most. */
    private static final java.util.Set<String> UNIQUE = java.util.Set.of("cHRM", "gAMA", "iCCP", "sBIT", "sRGB",
            "cICP", "mDCv", "cLLi", "bKGD", "hIST", "pHYs", "oFFs", "pCAL", "sCAL", "tIME", "eXIf");

    /**
     * A known ancillary chunk out of its place or repeated: libpng warns and drops it, so lcompress
     * refuses it (the chunk list already holds this chunk as its last entry).
     */
    private static void checkAncillaryPlace(String type, List<Chunk> chunks, boolean afterPlte, boolean afterIdat)
            throws UnsupportedImageException {
        if (UNIQUE.contains(type)) {
            for (int i = 0; i < chunks.size() - 1; i++) {
                if (chunks.get(i).type().equals(type)) {
                    throw new UnsupportedImageException("corrupt PNG: second " + type + " chunk");
                }
            }
        }
        if (BEFORE_PLTE.contains(type) && (afterPlte || afterIdat)) {
            throw new UnsupportedImageException("corrupt PNG: " + type + " chunk after " + (afterIdat ? "IDAT" : "PLTE")
                    + " (it must come before both)");
        }
        if ((AFTER_PLTE.contains(type) || BEFORE_IDAT.contains(type)) && afterIdat) {
            throw new UnsupportedImageException("corrupt PNG: " + type + " chunk after the image data");
        }
        if (type.equals("hIST") && !afterPlte) {
            throw new UnsupportedImageException("corrupt PNG: hIST chunk without a PLTE before it");
        }
    }

    private static PngHeader header(byte[] file, Chunk chunk) throws UnsupportedImageException {
        if (chunk.length() != 13) {
            throw new UnsupportedImageException("corrupt PNG: IHDR chunk of " + chunk.length() + " bytes, not 13");
        }
        int at = chunk.offset();
        long width = u32(file, at);
        long height = u32(file, at + 4);
        int depth = file[at + 8] & 0xFF;
        int colorType = file[at + 9] & 0xFF;
        int compression = file[at + 10] & 0xFF;
        int filter = file[at + 11] & 0xFF;
        int interlace = file[at + 12] & 0xFF;
        if (width < 1 || width > Integer.MAX_VALUE || height < 1 || height > Integer.MAX_VALUE) {
            throw new UnsupportedImageException("corrupt PNG: image size " + width + "x" + height
                    + " (width and height must be 1 to 2^31-1)");
        }
        int[] depths = switch (colorType) {
            case PngImage.GRAY -> new int[]{1, 2, 4, 8, 16};
            case PngImage.PALETTE -> new int[]{1, 2, 4, 8};
            case PngImage.RGB, PngImage.GRAY_ALPHA, PngImage.RGBA -> new int[]{8, 16};
            default -> throw new UnsupportedImageException("corrupt PNG: unknown colour type " + colorType);
        };
        if (Arrays.stream(depths).noneMatch(d -> d == depth)) {
            throw new UnsupportedImageException("corrupt PNG: bit depth " + depth + " is not allowed for "
                    + PngImage.describe(colorType) + " images (only " + Arrays.toString(depths) + ")");
        }
        if (compression != 0) {
            throw new UnsupportedImageException("corrupt PNG: unknown compression method " + compression);
        }
        if (filter != 0) {
            throw new UnsupportedImageException("corrupt PNG: unknown filter method " + filter);
        }
        if (interlace > 1) {
            throw new UnsupportedImageException("corrupt PNG: unknown interlace method " + interlace);
        }
        return new PngHeader((int) width, (int) height, depth, colorType, interlace == 1);
    }

    private static void checkPlte(PngHeader header, Chunk chunk, boolean second, boolean afterIdat,
                                  boolean afterTrns) throws UnsupportedImageException {
        if (second) {
            throw new UnsupportedImageException("corrupt PNG: second PLTE chunk");
        }
        if (afterIdat) {
            throw new UnsupportedImageException("corrupt PNG: PLTE chunk after the image data");
        }
        if (afterTrns) {
            throw new UnsupportedImageException("corrupt PNG: PLTE chunk after tRNS");
        }
        int type = header.colorType();
        if (type == PngImage.GRAY || type == PngImage.GRAY_ALPHA) {
            throw new UnsupportedImageException("corrupt PNG: PLTE chunk in a " + PngImage.describe(type)
                    + " image");
        }
        int length = chunk.length();
        if (length % 3 != 0 || length == 0 || length > 3 * 256) {
            throw new UnsupportedImageException("corrupt PNG: PLTE chunk of " + length
                    + " bytes (must be 1 to 256 entries of 3 bytes)");
        }
        if (type == PngImage.PALETTE && length / 3 > 1 << header.bitDepth()) {
            throw new UnsupportedImageException("corrupt PNG: PLTE has " + length / 3 + " entries but a "
                    + header.bitDepth() + "-bit image can index only " + (1 << header.bitDepth()));
        }
    }

    private static void checkTrns(PngHeader header, Chunk chunk, byte[] plte, boolean second, boolean afterIdat)
            throws UnsupportedImageException {
        if (second) {
            throw new UnsupportedImageException("corrupt PNG: second tRNS chunk");
        }
        if (afterIdat) {
            throw new UnsupportedImageException("corrupt PNG: tRNS chunk after the image data");
        }
        int type = header.colorType();
        int length = chunk.length();
        switch (type) {
            case PngImage.PALETTE -> {
                if (plte == null) {
                    throw new UnsupportedImageException("corrupt PNG: tRNS chunk before PLTE");
                }
                if (length == 0 || length > plte.length / 3) {
                    throw new UnsupportedImageException("corrupt PNG: tRNS has " + length
                            + " entries but the palette has " + plte.length / 3);
                }
            }
            case PngImage.GRAY -> {
                if (length != 2) {
                    throw new UnsupportedImageException("corrupt PNG: tRNS of a grey image has " + length
                            + " bytes, not 2");
                }
            }
            case PngImage.RGB -> {
                if (length != 6) {
                    throw new UnsupportedImageException("corrupt PNG: tRNS of an RGB image has " + length
                            + " bytes, not 6");
                }
            }
            default -> throw new UnsupportedImageException("corrupt PNG: tRNS chunk in "
                    + (type == PngImage.RGBA ? "an " : "a ") + PngImage.describe(type)
                    + " image, which has an alpha channel");
        }
    }

    /** The chunk type at {@code at}: four ASCII letters, else a refusal naming the bytes. */
    private static String chunkType(byte[] file, int at) throws UnsupportedImageException {
        for (int i = 0; i < 4; i++) {
            int b = file[at + i] & 0xFF;
            if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z')) {
                throw new UnsupportedImageException(String.format(
                        "corrupt PNG: invalid chunk type %02x %02x %02x %02x at byte %d", file[at] & 0xFF,
                        file[at + 1] & 0xFF, file[at + 2] & 0xFF, file[at + 3] & 0xFF, at - 4));
            }
        }
        return new String(file, at, 4, StandardCharsets.US_ASCII);
    }

    private static String lastType(List<Chunk> chunks) {
        return chunks.isEmpty() ? "the signature" : "the " + chunks.get(chunks.size() - 1).type() + " chunk";
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
