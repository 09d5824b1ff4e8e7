package io.lcompress.codec.container;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Format versions 1 to 3, the long header (docs/FORMAT.md, "Versions 1 to 3"): read into the same types as
 * version 4, so every file ever written keeps decoding; written only by tests (old-version fixtures and
 * hostile variants of them). All integers are big-endian.
 *
 * <p>The reader validates every field before using it to size anything and checks that the planes
 * cover every coded channel exactly once: a hostile file makes it throw {@link FormatException}, never
 * allocate by an unchecked field.
 */
final class LegacyFormat {
    /** The last version of the long header. */
    static final int LAST_VERSION = 3;
    static final int OLDEST_VERSION = 1;
    /** Alphabet flags value that announces a colour set instead of per-channel masks. */
    static final int COLOUR_SET_FLAG = 0x80;
    static final int KIND_MODEL = 0;
    static final int KIND_CONSTANT = 1;
    static final int KIND_COPY = 2;
    static final int KIND_LOW_BYTES = 3;
    static final int TOOL_CHROMA_REPEAT = 1;

    private LegacyFormat() {
    }

    /** Writes {@code h} in the layout of {@code version} (1 to 3): for tests of the readers of old files. */
    static byte[] write(LcHeader h, List<byte[]> payloads, int version) {
        if (version < OLDEST_VERSION || version > LAST_VERSION || h.isPngStream() || h.transposed()) {
            throw new IllegalArgumentException("version " + version);
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(LcFormat.MAGIC);
            out.writeByte(version);
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
            for (Plane p : h.planes()) {
                out.writeByte(legacyKind(p));
                out.writeByte(p.firstChannel());
                out.writeByte(p.channels());
                if (p instanceof ModelPlane m) {
                        if (m.hasStage(ModelPlane.STAGE_CDF_CALIBRATION) || m.hasStage(ModelPlane.STAGE_CDF_CALIBRATION_2)) {
                            throw new IllegalArgumentException("CDF calibration needs format version 4");
                        }
                        if (m.hasStage(ModelPlane.STAGE_COLOUR_HISTOGRAM)) {
                            throw new IllegalArgumentException("the colour histogram needs format version 4");
                        }
                        if (m.hasStage(ModelPlane.STAGE_CHROMA_SPIKES) || m.hasStage(ModelPlane.STAGE_CHROMA_NEAR_SPIKES)) {
                            throw new IllegalArgumentException("chroma repeat versions 2 and 3 need format version 4");
                        }
                        out.writeLong(m.fingerprint());
                        byte[] name = m.modelName().getBytes(StandardCharsets.UTF_8);
                        out.writeByte(name.length);
                        out.write(name);
                        int flags = 0;
                        if (m.colourSet() != null) {
                            flags = COLOUR_SET_FLAG;
                        } else {
                            for (int c = 0; c < m.channels(); c++) {
                                if (m.alphabetMasks()[c] != null) {
                                    flags |= 1 << c;
                                }
                            }
                        }
                        out.writeByte(flags);
                        if (m.colourSet() != null) {
                            out.writeShort(m.colourSet().length / m.channels());
                            out.write(m.colourSet());
                        } else {
                            for (int c = 0; c < m.channels(); c++) {
                                if (m.alphabetMasks()[c] != null) {
                                    out.write(m.alphabetMasks()[c]);
                                }
                            }
                        }
                        if (version >= 2) {
                            out.writeByte(m.hasStage(ModelPlane.STAGE_CHROMA_REPEAT) ? TOOL_CHROMA_REPEAT : 0);
                        }
                        writeStripes(out, m.stripes());
                } else if (p instanceof ConstantPlane c) {
                    out.writeByte(c.value());
                } else if (p instanceof CopyPlane c) {
                    out.writeByte(c.source());
                } else {
                    writeStripes(out, p.stripes());
                }
            }
            if (version >= 3) {
                out.writeShort(h.chunks().size());
                for (KeptChunk c : h.chunks()) {
                    out.writeByte(c.position());
                    out.write(c.typeBytes());
                    out.writeInt(c.data().length);
                    out.write(c.data());
                }
            }
            out.writeInt(h.pixelCrc());
            out.flush();
            byte[] header = bytes.toByteArray();
            CRC32C crc = new CRC32C();
            crc.update(header);
            byte[] withCrc = Arrays.copyOf(header, header.length + 4);
            ByteBuffer.wrap(withCrc).putInt(header.length, (int) crc.getValue());
            return LcFormat.assemble(withCrc, payloads);
        } catch (IOException e) {
            throw new IllegalStateException(e);   // ByteArrayOutputStream does not throw
        }
    }

    private static int legacyKind(Plane p) {
        if (p instanceof ModelPlane) {
            return KIND_MODEL;
        } else if (p instanceof ConstantPlane) {
            return KIND_CONSTANT;
        } else if (p instanceof CopyPlane) {
            return KIND_COPY;
        } else if (p instanceof LowBytePlane l && !l.predicted()) {
            return KIND_LOW_BYTES;
        }
        throw new IllegalArgumentException(p.kindName() + " planes are version 4's");
    }

    private static void writeStripes(DataOutputStream out, Stripes stripes) throws IOException {
        for (int i = 0; i < stripes.count(); i++) {
            out.writeByte(stripes.raw()[i] ? STRIPE_RAW : STRIPE_CODED);
            out.writeInt(stripes.lengths()[i]);
        }
    }

    static final byte STRIPE_CODED = 0;
    static final byte STRIPE_RAW = 1;

    static LcFormat.Parsed read(byte[] file, boolean complete) throws FormatException {
        ByteBuffer in = ByteBuffer.wrap(file);
        in.position(LcFormat.MAGIC.length);
        int version = u8(in);
        if (version < OLDEST_VERSION || version > LAST_VERSION) {
            throw new FormatException("unsupported .lc format version " + version + " with the long header "
                    + "(this lcompress reads versions " + OLDEST_VERSION + " to " + LAST_VERSION + " with it, and "
                    + FormatV4.VERSION + " with the short one)");
        }
        int flags = u8(in);
        if (flags != 0) {
            throw new FormatException("unsupported .lc flags " + flags);
        }
        int width = i32(in);
        int height = i32(in);
        if (width < 1 || width > LcFormat.MAX_DIMENSION || height < 1 || height > LcFormat.MAX_DIMENSION) {
            throw new FormatException("corrupt header: dimensions " + Integer.toUnsignedString(width) + "x"
                    + Integer.toUnsignedString(height));
        }
        int colorType = u8(in);
        int bitDepth = u8(in);
        if (!LcFormat.validDepth(colorType, bitDepth)) {
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
        if (version >= 3 && (long) stripeRows * width > StripePlan.MAX_STRIPE_PIXELS) {
            throw new FormatException("corrupt header: stripes of " + stripeRows + " rows of " + width
                    + " pixels exceed " + StripePlan.MAX_STRIPE_PIXELS + " pixels");
        }
        int stripes = LcHeader.stripesFor(height, stripeRows);
        int planeCount = u8(in);
        if (planeCount < 1 || planeCount > LcFormat.MAX_PLANES) {
            throw new FormatException("corrupt header: " + planeCount + " planes");
        }
        int coded = LcHeader.codedChannels(colorType, palette, paletteMode);
        if ((long) width * height * Math.max(coded, LcHeader.pngChannels(colorType)) > Integer.MAX_VALUE - 8) {
            throw new FormatException("image too large for this version: " + width + "x" + height);
        }
        List<Plane> planes = new ArrayList<>(planeCount);
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
            Plane p;
            switch (kind) {
                case KIND_MODEL -> {
                    long fp = i64(in);
                    int nameLength = u8(in);
                    if (nameLength > LcFormat.MAX_NAME_BYTES) {
                        throw new FormatException("corrupt header: model name length " + nameLength);
                    }
                    need(in, nameLength + 1);
                    byte[] name = new byte[nameLength];
                    in.get(name);
                    int alphabetFlags = u8(in);
                    byte[] colourSet = null;
                    if (alphabetFlags == COLOUR_SET_FLAG) {
                        int count = u16(in);
                        if (channels < 2 || count < 1 || count > ModelPlane.MAX_COLOURS) {
                            throw new FormatException("corrupt header: colour set of " + count);
                        }
                        need(in, (long) count * channels);
                        colourSet = new byte[count * channels];
                        in.get(colourSet);
                        if (!LcFormat.strictlyAscending(colourSet, channels)) {
                            throw new FormatException("corrupt header: colour set not strictly ascending");
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
                            if (LcFormat.isEmpty(masks[c])) {
                                throw new FormatException("corrupt header: empty alphabet");
                            }
                        }
                    }
                    int tools = 0;
                    if (version >= 2) {
                        tools = u8(in);
                        if ((tools & ~TOOL_CHROMA_REPEAT) != 0) {
                            throw new FormatException("unsupported coding tools " + tools + " (a newer lcompress wrote this file)");
                        }
                    }
                    if (channels > ModelPlane.MAX_CHANNELS) {
                        throw new FormatException("corrupt header: model plane of " + channels + " channels");
                    }
                    Stripes st = readStripes(in, stripes, width, height, stripeRows, channels);
                    payload += st.bytes();
                    // versions 1 to 3 applied the colour-copy stage whenever a plane had a colour set
                    int stages = (tools & TOOL_CHROMA_REPEAT) != 0 ? ModelPlane.STAGE_CHROMA_REPEAT : 0;
                    if (colourSet != null) {
                        stages |= ModelPlane.STAGE_COLOUR_COPY;
                    }
                    p = new ModelPlane(first, channels, fp, new String(name, StandardCharsets.UTF_8), masks,
                            colourSet, stages, st);
                }
                case KIND_CONSTANT -> {
                    if (channels != 1) {
                        throw new FormatException("corrupt header: constant plane of " + channels + " channels");
                    }
                    p = new ConstantPlane(first, u8(in));
                }
                case KIND_COPY -> {
                    int source = u8(in);
                    if (source >= coded || (source >= first && source < first + channels)) {
                        throw new FormatException("corrupt header: copy from channel " + source);
                    }
                    p = new CopyPlane(first, channels, source);
                }
                case KIND_LOW_BYTES -> {
                    if (bitDepth != 16 || lowBytes || first != 0 || channels != coded) {
                        throw new FormatException("corrupt header: unexpected low-byte plane");
                    }
                    lowBytes = true;
                    Stripes st = readStripes(in, stripes, width, height, stripeRows, channels);
                    payload += st.bytes();
                    p = new LowBytePlane(false, channels, st);
                }
                default -> throw new FormatException("corrupt header: unknown plane kind " + kind);
            }
            if (kind != KIND_LOW_BYTES) {
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
        for (Plane p : planes) {
            if (p instanceof CopyPlane c && LcFormat.planeOf(planes, c.source()) instanceof CopyPlane) {
                throw new FormatException("corrupt header: copy of a copy");
            }
        }
        if (lowBytes != (bitDepth == 16)) {
            throw new FormatException("corrupt header: low-byte plane " + (lowBytes ? "unexpected" : "missing"));
        }
        List<KeptChunk> chunks = version >= 3 ? readChunks(in) : List.of();
        int pixelCrc = i32(in);
        int headerEnd = in.position();
        int headerCrc = i32(in);
        if (!complete) {
            return new LcFormat.Parsed(version, null, in.position());
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
                stripeRows, planes, pixelCrc, chunks);
        return new LcFormat.Parsed(version, h, in.position());
    }

    /** Version 3's kept chunks: count (u16), then position (u8), type (4), length (u32), data each. */
    private static List<KeptChunk> readChunks(ByteBuffer in) throws FormatException {
        int count = u16(in);
        need(in, 9L * count);
        List<KeptChunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int position = u8(in);
            byte[] type = new byte[4];
            in.get(type);
            String name = new String(type, StandardCharsets.US_ASCII);
            int length = i32(in);
            if (position > KeptChunk.MAX_POSITION || !KeptChunk.validType(name) || length < 0) {
                throw new FormatException("corrupt header: PNG chunk " + (i + 1) + " of " + count);
            }
            need(in, length);
            byte[] data = new byte[length];
            in.get(data);
            chunks.add(new KeptChunk(position, name, data));
        }
        return chunks;
    }

    private static Stripes readStripes(ByteBuffer in, int count, int width, int height, int stripeRows, int channels)
            throws FormatException {
        need(in, 5L * count);            // before allocating by the header's stripe count
        int[] lengths = new int[count];
        boolean[] raw = new boolean[count];
        for (int i = 0; i < count; i++) {
            byte method = in.get();
            lengths[i] = in.getInt();
            if (lengths[i] < 0) {
                throw new FormatException("corrupt header: stripe length");
            }
            int rows = Math.min(stripeRows, height - i * stripeRows);
            if (method == STRIPE_RAW) {
                if (lengths[i] != (long) rows * width * channels) {
                    throw new FormatException("corrupt header: raw stripe of " + lengths[i] + " bytes");
                }
                raw[i] = true;
            } else if (method != STRIPE_CODED) {
                throw new FormatException("corrupt header: unknown stripe method " + method);
            }
        }
        return new Stripes(lengths, raw);
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
