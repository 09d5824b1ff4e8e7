package io.lcompress.codec.container;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import io.lcompress.codec.image.PngChunk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads and writes the {@code .lc} container; docs/FORMAT.md is the specification and this class
 * follows it field by field. All integers are big-endian.
 *
 * <p>The reader validates every field before using it to size anything and checks that the planes
 * cover every coded channel exactly once: a hostile file makes it throw {@link FormatException}, never
 * allocate by an unchecked field.
 */
public final class LcFormat {
    public static final byte[] MAGIC = {(byte) 0x8A, 'L', 'C', 'F', 0x0D, 0x0A, 0x1A, 0x0A};
    /**
     * The version written. 3: the header of version 2; every arithmetic-coded stream is stored to
     * within {@link io.lcompress.codec.arith.RangeEncoder#MAX_TRIMMED_ZEROS} trailing zero bytes, and a
     * stream that reads further past its end, or leaves stored bytes unread, is corrupt.
     */
    public static final int VERSION = 3;
    /** The oldest version this reader still decodes (version 1: no per-plane tools byte). */
    public static final int OLDEST_VERSION = 1;
    public static final int MAX_DIMENSION = 1 << 24;
    /**
     * Version 3: most pixels a stripe may hold (stripe rows x width), so that a decoder's memory - a
     * few stripes - is bounded whatever the header claims. Encoders lower the stripe height of images
     * wider than 32768 pixels to stay within it.
     */
    public static final int MAX_STRIPE_PIXELS = 1 << 24;
    public static final int MAX_NAME_BYTES = 64;
    public static final int MAX_PLANES = 8;
    /** Most PNG chunks a file keeps (version 3). */
    public static final int MAX_CHUNKS = 0xFFFF;
    /** Alphabet flags value that announces a colour set instead of per-channel masks. */
    static final int COLOUR_SET_FLAG = 0x80;

    private LcFormat() {
    }

    /** Serializes header and payloads (per plane with stripes, per stripe) into one file image. */
    public static byte[] write(LcHeader h, List<byte[]> payloads) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(0);
            out.writeInt(h.width());
            out.writeInt(h.height());
            out.writeByte(h.colorType());
            out.writeByte(h.bitDepth());
            out.writeByte(h.interlaced() ? 1 : 0);
            if (h.colorType() == 3) {
                out.writeShort(h.palette().length);
                for (int e : h.palette()) {
                    out.writeInt(e);
                }
                out.writeByte(h.paletteMode());
            }
            out.writeInt(h.stripeRows());
            out.writeByte(h.planes().size());
            for (PlaneHeader p : h.planes()) {
                out.writeByte(p.kind());
                out.writeByte(p.firstChannel());
                out.writeByte(p.channels());
                switch (p.kind()) {
                    case PlaneHeader.MODEL -> {
                        out.writeLong(p.fingerprint());
                        byte[] name = p.modelName().getBytes(StandardCharsets.UTF_8);
                        if (name.length > MAX_NAME_BYTES) {
                            throw new IllegalArgumentException("model name too long");
                        }
                        out.writeByte(name.length);
                        out.write(name);
                        int flags = 0;
                        if (p.colourSet() != null) {
                            flags = COLOUR_SET_FLAG;
                        } else {
                            for (int c = 0; c < p.channels(); c++) {
                                if (p.alphabetMasks() != null && p.alphabetMasks()[c] != null) {
                                    flags |= 1 << c;
                                }
                            }
                        }
                        out.writeByte(flags);
                        if (p.colourSet() != null) {
                            out.writeShort(p.colourSet().length / p.channels());
                            out.write(p.colourSet());
                        }
                        for (int c = 0; c < p.channels(); c++) {
                            if ((flags >> c & 1) != 0 && flags != COLOUR_SET_FLAG) {
                                out.write(p.alphabetMasks()[c]);
                            }
                        }
                        out.writeByte(p.tools());
                        writeStripes(out, p);
                    }
                    case PlaneHeader.CONSTANT, PlaneHeader.COPY -> out.writeByte(p.value());
                    case PlaneHeader.LOW_BYTES -> writeStripes(out, p);
                    default -> throw new IllegalArgumentException("plane kind " + p.kind());
                }
            }
            writeChunks(out, h.chunks());
            out.writeInt(h.pixelCrc());
            out.flush();
            byte[] header = bytes.toByteArray();
            long size = header.length + 4L;
            for (byte[] p : payloads) {
                size += p.length;
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("file over 2 GiB");
            }
            byte[] file = new byte[(int) size];          // allocated once: the payloads are not copied twice
            System.arraycopy(header, 0, file, 0, header.length);
            CRC32C crc = new CRC32C();
            crc.update(header);
            ByteBuffer.wrap(file).putInt(header.length, (int) crc.getValue());
            int at = header.length + 4;
            for (byte[] p : payloads) {
                System.arraycopy(p, 0, file, at, p.length);
                at += p.length;
            }
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);   // ByteArrayOutputStream does not throw
        }
    }

    /** Version 3: the PNG's other chunks: count (u16), then position (u8), type (4), length (u32), data each. */
    private static void writeChunks(DataOutputStream out, List<PngChunk> chunks) throws IOException {
        if (chunks.size() > MAX_CHUNKS) {
            throw new IllegalArgumentException(chunks.size() + " chunks");
        }
        out.writeShort(chunks.size());
        for (PngChunk c : chunks) {
            out.writeByte(c.position());
            out.write(c.typeBytes());
            out.writeInt(c.data().length);
            out.write(c.data());
        }
    }

    private static void writeStripes(DataOutputStream out, PlaneHeader p) throws IOException {
        for (int i = 0; i < p.stripeLengths().length; i++) {
            out.writeByte(p.stripeMethods()[i]);
            out.writeInt(p.stripeLengths()[i]);
        }
    }

    /** A parsed file: its version, its header and where the payload starts. */
    public record Parsed(int version, LcHeader header, int payloadOffset) {
        /** Whether its streams end strictly (version 3 on; see {@link #VERSION}). */
        public boolean strictStreamEnds() {
            return version >= 3;
        }
    }

    /** Parses and validates the header of {@code file}; the payload is checked for exact length. */
    public static Parsed read(byte[] file) throws FormatException {
        return parse(file, true);
    }

    /**
     * Where the header checksum lies in {@code file}: the header is parsed and validated like
     * {@link #read} does, except for the checksum and the payload's length. For tools that repair or
     * craft headers (the header-aware fuzz target), never for decoding.
     */
    public static int headerChecksumOffset(byte[] file) throws FormatException {
        return parse(file, false).payloadOffset() - 4;
    }

    private static Parsed parse(byte[] file, boolean complete) throws FormatException {
        ByteBuffer in = ByteBuffer.wrap(file);
        if (file.length == 0) {
            throw new FormatException("empty file (0 bytes), not an .lc file");
        }
        if (file.length < MAGIC.length) {
            throw new FormatException(java.util.Arrays.equals(file, 0, file.length, MAGIC, 0, file.length)
                    ? "truncated .lc file: it ends after " + file.length + " bytes, inside the signature"
                    : "not an .lc file (too short)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (file[i] != MAGIC[i]) {
                throw new FormatException("not an .lc file (bad magic)");
            }
        }
        in.position(MAGIC.length);
        int version = u8(in);
        if (version < OLDEST_VERSION || version > VERSION) {
            throw new FormatException("unsupported .lc format version " + version
                    + " (this lcompress reads versions " + OLDEST_VERSION + " to " + VERSION + ")");
        }
        int flags = u8(in);
        if (flags != 0) {
            throw new FormatException("unsupported .lc flags " + flags);
        }
        int width = i32(in);
        int height = i32(in);
        if (width < 1 || width > MAX_DIMENSION || height < 1 || height > MAX_DIMENSION) {
            throw new FormatException("corrupt header: dimensions " + Integer.toUnsignedString(width) + "x"
                    + Integer.toUnsignedString(height));
        }
        int colorType = u8(in);
        int bitDepth = u8(in);
        if (!validDepth(colorType, bitDepth)) {
            throw new FormatException("corrupt header: colour type " + colorType + " with bit depth " + bitDepth);
        }
        int interlace = u8(in);
        if (interlace > 1) {
            throw new FormatException("corrupt header: interlace " + interlace);
        }
        int[] palette = null;
        int paletteMode = 0;
        if (colorType == 3) {
            int n = u16(in);
            if (n < 1 || n > (1 << bitDepth)) {
                throw new FormatException("corrupt header: palette of " + n + " entries");
            }
            need(in, 4L * n + 1);
            palette = new int[n];
            for (int i = 0; i < n; i++) {
                palette[i] = in.getInt();
            }
            paletteMode = u8(in);
            if (paletteMode > 1) {
                throw new FormatException("corrupt header: palette mode " + paletteMode);
            }
        }
        int stripeRows = i32(in);
        if (stripeRows < 1 || stripeRows > height) {
            throw new FormatException("corrupt header: stripe rows " + stripeRows);
        }
        if (version >= 3 && (long) stripeRows * width > MAX_STRIPE_PIXELS) {
            throw new FormatException("corrupt header: stripes of " + stripeRows + " rows of " + width
                    + " pixels exceed " + MAX_STRIPE_PIXELS + " pixels");
        }
        int stripes = LcHeader.stripesFor(height, stripeRows);
        int planeCount = u8(in);
        if (planeCount < 1 || planeCount > MAX_PLANES) {
            throw new FormatException("corrupt header: " + planeCount + " planes");
        }
        LcHeader shape = new LcHeader(width, height, colorType, bitDepth, interlace == 1, palette, paletteMode,
                stripeRows, List.of(), 0);
        int coded = shape.codedChannels();
        if ((long) width * height * Math.max(coded, shape.pngChannels()) > Integer.MAX_VALUE - 8) {
            throw new FormatException("image too large for this version: " + width + "x" + height);
        }
        List<PlaneHeader> planes = new ArrayList<>(planeCount);
        int[] coverage = new int[coded];       // how many planes code each channel (high/only byte)
        boolean lowBytes = false;
        long payload = 0;
        for (int pi = 0; pi < planeCount; pi++) {
            int kind = u8(in);
            int first = u8(in);
            int channels = u8(in);
            if (channels < 1 || first + channels > coded) {
                throw new FormatException("corrupt header: plane of channels " + first + ".." + (first + channels - 1));
            }
            PlaneHeader p;
            switch (kind) {
                case PlaneHeader.MODEL -> {
                    long fp = i64(in);
                    int nameLength = u8(in);
                    if (nameLength > MAX_NAME_BYTES) {
                        throw new FormatException("corrupt header: model name length " + nameLength);
                    }
                    need(in, nameLength + 1);
                    byte[] name = new byte[nameLength];
                    in.get(name);
                    int alphabetFlags = u8(in);
                    byte[] colourSet = null;
                    if (alphabetFlags == COLOUR_SET_FLAG) {
                        int count = u16(in);
                        if (channels < 2 || count < 1 || count > io.lcompress.codec.mixture.ColourSet.MAX_COLOURS) {
                            throw new FormatException("corrupt header: colour set of " + count);
                        }
                        need(in, (long) count * channels);
                        colourSet = new byte[count * channels];
                        in.get(colourSet);
                        try {
                            io.lcompress.codec.mixture.ColourSet.fromBytes(channels, colourSet);
                        } catch (IllegalArgumentException e) {
                            throw new FormatException("corrupt header: " + e.getMessage());
                        }
                        alphabetFlags = 0;
                    } else if (alphabetFlags >> channels != 0) {
                        throw new FormatException("corrupt header: alphabet flags");
                    }
                    byte[][] masks = new byte[channels][];
                    for (int c = 0; c < channels; c++) {
                        if ((alphabetFlags >> c & 1) != 0) {
                            need(in, 32);
                            masks[c] = new byte[32];
                            in.get(masks[c]);
                            if (isEmpty(masks[c])) {
                                throw new FormatException("corrupt header: empty alphabet");
                            }
                        }
                    }
                    int tools = 0;
                    if (version >= 2) {
                        tools = u8(in);
                        if ((tools & ~PlaneHeader.KNOWN_TOOLS) != 0) {
                            throw new FormatException("unsupported coding tools " + tools + " (a newer lcompress wrote this file)");
                        }
                    }
                    need(in, 5L * stripes);           // before allocating by the header's stripe count
                    int[] lengths = new int[stripes];
                    byte[] methods = new byte[stripes];
                    payload += readStripes(in, methods, lengths, width, height, stripeRows, channels);
                    p = new PlaneHeader(kind, first, channels, fp, new String(name, StandardCharsets.UTF_8), masks,
                            colourSet, 0, methods, lengths, tools);
                }
                case PlaneHeader.CONSTANT -> {
                    if (channels != 1) {
                        throw new FormatException("corrupt header: constant plane of " + channels + " channels");
                    }
                    p = PlaneHeader.constant(first, u8(in));
                }
                case PlaneHeader.COPY -> {
                    int source = u8(in);
                    if (source >= coded || (source >= first && source < first + channels)) {
                        throw new FormatException("corrupt header: copy from channel " + source);
                    }
                    p = PlaneHeader.copy(first, channels, source);
                }
                case PlaneHeader.LOW_BYTES -> {
                    if (bitDepth != 16 || lowBytes || first != 0 || channels != coded) {
                        throw new FormatException("corrupt header: unexpected low-byte plane");
                    }
                    lowBytes = true;
                    need(in, 5L * stripes);
                    int[] lengths = new int[stripes];
                    byte[] methods = new byte[stripes];
                    payload += readStripes(in, methods, lengths, width, height, stripeRows, channels);
                    p = new PlaneHeader(kind, first, channels, 0, "", null, null, 0, methods, lengths);
                }
                default -> throw new FormatException("corrupt header: unknown plane kind " + kind);
            }
            if (kind != PlaneHeader.LOW_BYTES) {
                for (int c = first; c < first + channels; c++) {
                    coverage[c]++;
                }
            }
            planes.add(p);
        }
        for (int c = 0; c < coded; c++) {
            if (coverage[c] != 1) {
                throw new FormatException("corrupt header: channel " + c + " coded " + coverage[c] + " times");
            }
        }
        for (PlaneHeader p : planes) {
            if (p.kind() == PlaneHeader.COPY && planeOf(planes, p.value()).kind() == PlaneHeader.COPY) {
                throw new FormatException("corrupt header: copy of a copy");
            }
        }
        if (lowBytes != (bitDepth == 16)) {
            throw new FormatException("corrupt header: low-byte plane " + (lowBytes ? "unexpected" : "missing"));
        }
        List<PngChunk> chunks = version >= 3 ? readChunks(in, colorType) : List.of();
        try {
            io.lcompress.codec.image.PngIO.checkKept(colorType, bitDepth, palette, chunks);
        } catch (io.lcompress.codec.image.PngIO.UnsupportedImageException e) {
            throw new FormatException("corrupt header: the kept PNG chunks would make an invalid PNG ("
                    + e.getMessage() + ")");
        }
        int pixelCrc = i32(in);
        int headerEnd = in.position();
        int headerCrc = i32(in);
        if (!complete) {
            return new Parsed(version, null, in.position());
        }
        CRC32C crc = new CRC32C();
        crc.update(file, 0, headerEnd);
        if ((int) crc.getValue() != headerCrc) {
            throw new FormatException("corrupt header (checksum mismatch)");
        }
        long remaining = file.length - in.position();
        if (payload != remaining) {
            throw new FormatException(payload > remaining
                    ? "truncated file: payload has " + remaining + " of " + payload + " bytes"
                    : "corrupt file: " + (remaining - payload) + " unexpected bytes after the payload");
        }
        LcHeader h = new LcHeader(width, height, colorType, bitDepth, interlace == 1, palette, paletteMode,
                stripeRows, List.copyOf(planes), pixelCrc, chunks);
        return new Parsed(version, h, in.position());
    }

    /**
     * The kept PNG chunks, each checked so that the PNG written back is valid: an ancillary type, or a
     * suggested palette (PLTE) before the image data of an RGB(A) image; after the palette only in
     * palette images; never a tRNS in a palette image (its palette holds the alpha).
     */
    private static List<PngChunk> readChunks(ByteBuffer in, int colorType) throws FormatException {
        int count = u16(in);
        need(in, 9L * count);
        List<PngChunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int position = u8(in);
            byte[] type = new byte[4];
            in.get(type);
            String name = new String(type, StandardCharsets.US_ASCII);
            int length = i32(in);
            if (position > PngChunk.AFTER_IDAT || !PngChunk.isValidType(name) || length < 0) {
                throw new FormatException("corrupt header: PNG chunk " + (i + 1) + " of " + count);
            }
            boolean palette = colorType == 3;
            boolean suggestedPalette = name.equals("PLTE") && (colorType == 2 || colorType == 6)
                    && position == PngChunk.BEFORE_PLTE;
            if (!(Character.isLowerCase(name.charAt(0)) || suggestedPalette)
                    || (position == PngChunk.AFTER_PLTE && !palette) || (palette && name.equals("tRNS"))) {
                throw new FormatException("corrupt header: PNG chunk '" + name + "' cannot be kept here");
            }
            need(in, length);
            byte[] data = new byte[length];
            in.get(data);
            chunks.add(new PngChunk(position, name, data));
        }
        return chunks;
    }

    static PlaneHeader planeOf(List<PlaneHeader> planes, int channel) {
        for (PlaneHeader p : planes) {
            if (p.kind() != PlaneHeader.LOW_BYTES && channel >= p.firstChannel()
                    && channel < p.firstChannel() + p.channels()) {
                return p;
            }
        }
        throw new IllegalStateException("channel " + channel + " not covered");
    }

    private static long readStripes(ByteBuffer in, byte[] methods, int[] lengths, int width, int height,
                                    int stripeRows, int channels) throws FormatException {
        need(in, 5L * lengths.length);
        long sum = 0;
        for (int i = 0; i < lengths.length; i++) {
            methods[i] = in.get();
            lengths[i] = in.getInt();
            if (lengths[i] < 0) {
                throw new FormatException("corrupt header: stripe length");
            }
            int rows = Math.min(stripeRows, height - i * stripeRows);
            if (methods[i] == PlaneHeader.STRIPE_RAW) {
                if (lengths[i] != (long) rows * width * channels) {
                    throw new FormatException("corrupt header: raw stripe of " + lengths[i] + " bytes");
                }
            } else if (methods[i] != PlaneHeader.STRIPE_CODED) {
                throw new FormatException("corrupt header: unknown stripe method " + methods[i]);
            }
            sum += lengths[i];
        }
        return sum;
    }

    private static boolean isEmpty(byte[] mask) {
        for (byte b : mask) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean validDepth(int colorType, int bitDepth) {
        return switch (colorType) {
            case 0 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case 3 -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            case 2, 4, 6 -> bitDepth == 8 || bitDepth == 16;
            default -> false;
        };
    }

    private static void need(ByteBuffer in, long n) throws FormatException {
        if (in.remaining() < n) {
            throw new FormatException("truncated file (header incomplete)");
        }
    }

    private static int u8(ByteBuffer in) throws FormatException {
        need(in, 1);
        return in.get() & 0xFF;
    }

    private static int u16(ByteBuffer in) throws FormatException {
        need(in, 2);
        return in.getShort() & 0xFFFF;
    }

    private static int i32(ByteBuffer in) throws FormatException {
        need(in, 4);
        return in.getInt();
    }

    private static long i64(ByteBuffer in) throws FormatException {
        need(in, 8);
        return in.getLong();
    }
}
