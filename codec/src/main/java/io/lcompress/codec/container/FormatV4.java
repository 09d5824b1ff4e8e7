package io.lcompress.codec.container;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Format version 4 (docs/FORMAT.md): the compact header. Small integers are LEB128 varints, the stripe
 * height is stored only when it is not the default plan's, built-in models are named by a one-byte id,
 * the last stripe's length is implied by the file's end, and the palette, the alphabets and the kept PNG
 * chunks are {@link PackedBlock}s. A 32x32 RGB image coded with a built-in model has a 14-byte header.
 *
 * <pre>
 * magic 8A 4C, version 04
 * image byte: colour type (bits 0-2), log2 bit depth (bits 3-5), interlaced (bit 6), flags follow (bit 7)
 * varint width - 1, varint height - 1
 * [varint flags: 1 stripe rows stored, 2 PNG chunks kept, 4 PNG stream, 8 transposed]
 * [varint stripe rows]
 * [palette block]                           palette images
 * planes, until every coded channel is covered (and, 16-bit, the low bytes)   not for a PNG stream
 * [alphabets block]                         when a model plane has a colour set or masks
 * [chunks block]
 * stripe table: varint length of every stripe of every plane with stripes, but the last
 * pixel CRC (4, big-endian), header check (1: low byte of the CRC-32C of every header byte before it)
 * payload
 * </pre>
 */
final class FormatV4 {
    static final int VERSION = 4;
    static final int FLAG_STRIPE_ROWS = 1;
    static final int FLAG_CHUNKS = 2;
    static final int FLAG_PNG_STREAM = 4;
    /** The coded image is the PNG's transpose (2026-12-03; earlier readers refuse it). */
    static final int FLAG_TRANSPOSED = 8;
    static final int KNOWN_FLAGS = FLAG_STRIPE_ROWS | FLAG_CHUNKS | FLAG_PNG_STREAM | FLAG_TRANSPOSED;
    /**
     * Options of a model plane: bits 0-1 and 7-11 the stages, bit 2 a colour set, bits 3-6 a mask per
     * channel.
     */
    static final int OPTION_COLOUR_SET = 4;
    static final int OPTION_MASKS_SHIFT = 3;
    static final int OPTION_MASKS = 0xF;
    /** The options this version knows (bit 11, CDF calibration version 2, since 2026-12-04); later stages take bits 12 and up. */
    static final int KNOWN_OPTIONS = 0xFFF;
    /** Most bytes an alphabets block may take once unpacked: 8 planes of a 1024-colour set in 5-byte steps. */
    static final int MAX_ALPHABET_BYTES = 8 * (2 + 1024 * 5 + 4 * 32);
    /** Most bytes the kept chunks may take once unpacked. */
    static final int MAX_CHUNK_BYTES = 1 << 28;

    private FormatV4() {
    }

    static byte[] write(LcHeader h, List<byte[]> payloads) {
        HeaderWriter out = new HeaderWriter();
        out.bytes(LcFormat.SHORT_MAGIC).u8(VERSION);
        int flags = (h.stripeRows() != StripePlan.defaultRows(h.width(), h.height()) && !h.isPngStream()
                ? FLAG_STRIPE_ROWS : 0)
                | (h.chunks().isEmpty() ? 0 : FLAG_CHUNKS) | (h.isPngStream() ? FLAG_PNG_STREAM : 0)
                | (h.transposed() ? FLAG_TRANSPOSED : 0);
        out.u8(h.colorType() | Integer.numberOfTrailingZeros(h.bitDepth()) << 3 | (h.interlaced() ? 0x40 : 0)
                | (flags != 0 ? 0x80 : 0));
        out.varint(h.width() - 1L).varint(h.height() - 1L);
        if (flags != 0) {
            out.varint(flags);
        }
        if ((flags & FLAG_STRIPE_ROWS) != 0) {
            out.varint(h.stripeRows());
        }
        if (h.colorType() == 3) {
            PackedBlock.write(out, paletteBlock(h.palette(), h.paletteMode()));
        }
        List<Integer> stripeLengths = new ArrayList<>();
        if (!h.isPngStream()) {
            HeaderWriter alphabets = new HeaderWriter();
            for (Plane p : h.planes()) {
                writePlane(out, alphabets, p);
                if (p.stripes() != null) {
                    for (int s = 0; s < p.stripes().count(); s++) {
                        stripeLengths.add(p.stripes().lengths()[s]);
                    }
                }
            }
            if (alphabets.size() > 0) {
                PackedBlock.write(out, alphabets.toByteArray());
            }
        }
        if ((flags & FLAG_CHUNKS) != 0) {
            PackedBlock.write(out, chunkBlock(h.chunks()));
        }
        for (int i = 0; i < stripeLengths.size() - 1; i++) {
            out.varint(stripeLengths.get(i));
        }
        out.i32(h.pixelCrc());
        CRC32C crc = new CRC32C();
        byte[] soFar = out.toByteArray();
        crc.update(soFar);
        out.u8((int) crc.getValue() & 0xFF);
        return LcFormat.assemble(out.toByteArray(), payloads);
    }

    private static void writePlane(HeaderWriter out, HeaderWriter alphabets, Plane p) {
        out.u8(p.kind() | p.firstChannel() << 3 | (p.channels() - 1) << 5);
        if (p instanceof ModelPlane m) {
            m.writeV4(out, alphabets);
        } else if (p instanceof ConstantPlane c) {
            c.writeV4(out);
        } else if (p instanceof CopyPlane c) {
            c.writeV4(out);
        } else if (p instanceof WidenedLowBytes w) {
            w.writeV4(out);
        }                                       // low bytes: nothing but their stripes
    }

    /**
     * The palette block: mode (bit 0: the indices are coded; bit 1: the entries' alpha follows), the entry
     * count - 1, then each channel's values over all entries (R of every entry, then G, B, and A when bit 1
     * is set), each as its difference from the previous entry's value modulo 256 (the first from 0).
     */
    static byte[] paletteBlock(int[] palette, int mode) {
        boolean alpha = LcHeader.paletteHasAlpha(palette);
        int channels = alpha ? 4 : 3;
        byte[] b = new byte[2 + channels * palette.length];
        b[0] = (byte) (mode | (alpha ? 2 : 0));
        b[1] = (byte) (palette.length - 1);
        for (int c = 0; c < channels; c++) {
            int previous = 0;
            for (int i = 0; i < palette.length; i++) {
                int v = palette[i] >>> (24 - 8 * c) & 0xFF;
                b[2 + c * palette.length + i] = (byte) (v - previous);
                previous = v;
            }
        }
        return b;
    }

    /** The chunks block: per chunk its position (1 byte), type (4), varint data length and data. */
    static byte[] chunkBlock(List<KeptChunk> chunks) {
        HeaderWriter b = new HeaderWriter();
        for (KeptChunk c : chunks) {
            b.u8(c.position()).bytes(c.typeBytes()).varint(c.data().length).bytes(c.data());
        }
        return b.toByteArray();
    }

    static LcFormat.Parsed read(byte[] file, boolean complete) throws FormatException {
        HeaderReader in = new HeaderReader(file, LcFormat.SHORT_MAGIC.length + 1, file.length);
        int image = in.u8();
        int colorType = image & 7;
        int depthBits = image >>> 3 & 7;
        HeaderReader.verify(depthBits <= 4, "bit depth 2^" + depthBits);
        int bitDepth = 1 << depthBits;
        HeaderReader.verify(LcFormat.validDepth(colorType, bitDepth),
                "colour type " + colorType + " with bit depth " + bitDepth);
        boolean interlaced = (image & 0x40) != 0;
        int width = in.varint(LcFormat.MAX_DIMENSION - 1, "width - 1") + 1;
        int height = in.varint(LcFormat.MAX_DIMENSION - 1, "height - 1") + 1;
        int flags = 0;
        if ((image & 0x80) != 0) {
            flags = in.varint(KNOWN_FLAGS, "flags");
            HeaderReader.verify(flags != 0, "empty flags");
        }
        boolean pngStream = (flags & FLAG_PNG_STREAM) != 0;
        boolean transposed = (flags & FLAG_TRANSPOSED) != 0;
        HeaderReader.verify(!transposed || !pngStream, "a transposed PNG stream");
        HeaderReader.verify(!transposed || (long) width * height <= LcHeader.MAX_TRANSPOSED_PIXELS,
                "a transposed image of " + width + "x" + height + " pixels (at most " + LcHeader.MAX_TRANSPOSED_PIXELS + ")");
        int stripeRows = StripePlan.defaultRows(width, height);
        if ((flags & FLAG_STRIPE_ROWS) != 0) {
            HeaderReader.verify(!pngStream, "stripe rows for a PNG stream");
            stripeRows = in.varint(height, "stripe rows");
            HeaderReader.verify(StripePlan.valid(width, height, stripeRows)
                            && stripeRows != StripePlan.defaultRows(width, height),
                    "stripe rows " + stripeRows);
        }
        int[] palette = null;
        int paletteMode = 0;
        if (colorType == 3) {
            byte[] b = PackedBlock.read(in, 2 + 4 * (1 << bitDepth), "palette");
            HeaderReader.verify(b.length >= 2 && (b[0] & ~3) == 0, "palette block");
            paletteMode = b[0] & 1;
            int channels = (b[0] & 2) != 0 ? 4 : 3;
            int n = (b[1] & 0xFF) + 1;
            HeaderReader.verify(n <= 1 << bitDepth && b.length == 2 + channels * n,
                    "palette of " + n + " entries in " + b.length + " bytes");
            palette = new int[n];
            for (int c = 0; c < 4; c++) {
                int v = 0;
                for (int i = 0; i < n; i++) {
                    v = c < channels ? (v + b[2 + c * n + i]) & 0xFF : 0xFF;
                    palette[i] |= v << (24 - 8 * c);
                }
            }
            HeaderReader.verify(channels == 3 || LcHeader.paletteHasAlpha(palette), "palette alpha all opaque");
            HeaderReader.verify(!pngStream || paletteMode == LcHeader.PALETTE_EXPANDED, "palette mode of a PNG stream");
        }
        int coded = LcHeader.codedChannels(colorType, palette, paletteMode);
        int pngChannels = LcHeader.pngChannels(colorType);
        HeaderReader.verify((long) width * height * Math.max(coded, pngChannels) <= Integer.MAX_VALUE - 8,
                "image of " + width + "x" + height + " too large");
        int stripes = LcHeader.stripesFor(height, stripeRows);
        List<Plane> planes = new ArrayList<>();
        if (!pngStream) {
            readPlanes(in, planes, coded, bitDepth == 16, stripes);
        }
        List<ModelPlane> withAlphabets = new ArrayList<>();
        for (Plane p : planes) {
            if (p instanceof ModelPlane m && (m.colourSet() != null || hasMask(m))) {
                withAlphabets.add(m);
            }
        }
        if (!withAlphabets.isEmpty()) {
            byte[] b = PackedBlock.read(in, MAX_ALPHABET_BYTES, "alphabets");
            HeaderReader a = new HeaderReader(b, 0, b.length);
            for (ModelPlane m : withAlphabets) {
                planes.set(planes.indexOf(m), m.withAlphabetsV4(a));
            }
            HeaderReader.verify(a.remaining() == 0, a.remaining() + " bytes left in the alphabets block");
        }
        List<KeptChunk> chunks = List.of();
        if ((flags & FLAG_CHUNKS) != 0) {
            byte[] b = PackedBlock.read(in, MAX_CHUNK_BYTES, "chunks");
            chunks = readChunks(b);
        }
        // stripe table: every stripe's length but the last, which the file's end gives
        int striped = 0;
        for (Plane p : planes) {
            if (p.stripes() != null) {
                striped++;
            }
        }
        int tableEntries = striped * stripes - 1;
        in.need(Math.max(0, tableEntries));       // each entry is at least a byte: bounded by the file
        long[] lengths = new long[Math.max(0, striped * stripes)];
        for (int i = 0; i < tableEntries; i++) {
            lengths[i] = in.varint(Integer.MAX_VALUE, "stripe length");
        }
        int pixelCrc = in.i32();
        int checkAt = in.position();
        int check = in.u8();
        if (complete) {
            CRC32C crc = new CRC32C();
            crc.update(file, 0, checkAt);
            if (((int) crc.getValue() & 0xFF) != check) {
                throw new FormatException("corrupt header (checksum mismatch)");
            }
        }
        int payloadOffset = in.position();
        long payload = file.length - payloadOffset;
        int streamBytes = -1;
        if (pngStream) {
            streamBytes = (int) payload;
        } else if (lengths.length > 0) {
            long stored = 0;
            for (int i = 0; i < tableEntries; i++) {
                stored += lengths[i];
            }
            if (complete) {
                if (stored > payload) {
                    throw new FormatException("truncated file: payload has " + payload + " of at least "
                            + stored + " bytes");
                }
                lengths[lengths.length - 1] = payload - stored;
            }
            int i = 0;
            for (int pi = 0; pi < planes.size(); pi++) {
                Plane p = planes.get(pi);
                if (p.stripes() == null) {
                    continue;
                }
                int[] l = new int[stripes];
                boolean[] raw = new boolean[stripes];
                for (int s = 0; s < stripes; s++, i++) {
                    int rows = Math.min(stripeRows, height - s * stripeRows);
                    long rawSize = (long) rows * width * p.channels();
                    if (lengths[i] > rawSize) {
                        throw new FormatException(i == lengths.length - 1 && complete
                                ? "corrupt file: " + (lengths[i] - rawSize) + " unexpected bytes after the payload"
                                : "corrupt header: stripe of " + lengths[i] + " bytes, more than its "
                                + rawSize + " samples");
                    }
                    l[s] = (int) lengths[i];
                    raw[s] = lengths[i] == rawSize;
                }
                Stripes st = new Stripes(l, raw);
                planes.set(pi, p instanceof ModelPlane m ? m.withStripes(st) : ((LowBytePlane) p).withStripes(st));
            }
        } else if (complete && payload != 0) {
            throw new FormatException("corrupt file: " + payload + " unexpected bytes after the header");
        }
        if (!complete) {
            return new LcFormat.Parsed(VERSION, null, payloadOffset);
        }
        LcHeader h = new LcHeader(width, height, colorType, bitDepth, interlaced, palette, paletteMode, stripeRows,
                planes, pixelCrc, chunks, streamBytes, transposed);
        return new LcFormat.Parsed(VERSION, h, payloadOffset);
    }

    private static boolean hasMask(ModelPlane m) {
        for (byte[] mask : m.alphabetMasks()) {
            if (mask != null) {
                return true;
            }
        }
        return false;
    }

    /** Planes until every coded channel is covered once and, for 16-bit images, the low bytes are read. */
    private static void readPlanes(HeaderReader in, List<Plane> planes, int coded, boolean sixteen, int stripes)
            throws FormatException {
        boolean[] covered = new boolean[coded];
        int uncovered = coded;
        boolean low = !sixteen;
        while (uncovered > 0 || !low) {
            int d = in.u8();
            int kind = d & 7;
            int first = d >>> 3 & 3;
            int channels = (d >>> 5 & 3) + 1;
            HeaderReader.verify((d & 0x80) == 0, "plane byte " + d);
            HeaderReader.verify(first + channels <= coded,
                    "plane of channels " + first + ".." + (first + channels - 1) + " in a " + coded + "-channel image");
            Plane p = switch (kind) {
                case Plane.MODEL -> ModelPlane.readV4(in, first, channels, stripes);
                case Plane.CONSTANT -> ConstantPlane.readV4(in, first, channels);
                case Plane.COPY -> CopyPlane.readV4(in, first, channels, coded);
                case Plane.LOW_BYTES_TREE, Plane.LOW_BYTES_PREDICTED -> new LowBytePlane(
                        kind == Plane.LOW_BYTES_PREDICTED, channels, Stripes.empty(stripes));
                case Plane.WIDENED_LOW_BYTES -> WidenedLowBytes.readV4(in, channels);
                default -> throw new FormatException("unsupported plane kind " + kind
                        + " (a newer lcompress wrote this file, or it is corrupt)");
            };
            if (p.lowBytes()) {
                HeaderReader.verify(sixteen && !low && first == 0 && channels == coded, "unexpected low-byte plane");
                low = true;
            } else {
                for (int c = first; c < first + channels; c++) {
                    HeaderReader.verify(!covered[c], "channel " + c + " coded twice");
                    covered[c] = true;
                    uncovered--;
                }
            }
            planes.add(p);
        }
        for (Plane p : planes) {
            if (p instanceof CopyPlane c) {
                HeaderReader.verify(!(LcFormat.planeOf(planes, c.source()) instanceof CopyPlane), "copy of a copy");
            }
        }
    }

    private static List<KeptChunk> readChunks(byte[] b) throws FormatException {
        HeaderReader in = new HeaderReader(b, 0, b.length);
        List<KeptChunk> chunks = new ArrayList<>();
        while (in.remaining() > 0) {
            HeaderReader.verify(chunks.size() < LcFormat.MAX_CHUNKS, "more than " + LcFormat.MAX_CHUNKS + " chunks");
            int position = in.u8();
            String type = new String(in.bytes(4), StandardCharsets.US_ASCII);
            int length = in.varint(Integer.MAX_VALUE, "chunk length");
            HeaderReader.verify(position <= KeptChunk.MAX_POSITION && KeptChunk.validType(type),
                    "PNG chunk " + (chunks.size() + 1));
            chunks.add(new KeptChunk(position, type, in.bytes(length)));
        }
        return chunks;
    }
}
