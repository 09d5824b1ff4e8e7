package io.lcompress.codec.container;

import java.util.List;

/**
 * Reads and writes the {@code .lc} container; docs/FORMAT.md is the specification. Files of version 4
 * (the compact header, {@link FormatV4}) are written; versions 1 to 3 (the long header,
 * {@link LegacyFormat}) are still read. Both start with the bytes {@code 8A 4C}: the long header goes on
 * with {@code 43 46 0D 0A 1A 0A} and its version, the compact one with its version.
 *
 * <p>Every reader validates every field before using it to size anything and checks that the planes
 * cover every coded channel exactly once: a hostile file makes it throw {@link FormatException}, never
 * allocate by an unchecked field. This package depends on nothing else in the codec.
 */
public final class LcFormat {
    /** The magic of versions 1 to 3 ({@code \x8ALCF CR LF \x1A LF}, PNG-style), followed by the version. */
    public static final byte[] MAGIC = {(byte) 0x8A, 'L', 'C', 'F', 0x0D, 0x0A, 0x1A, 0x0A};
    /** The magic of version 4 on ({@code \x8AL}), followed by the version. */
    public static final byte[] SHORT_MAGIC = {(byte) 0x8A, 'L'};
    /** The version written. */
    public static final int VERSION = FormatV4.VERSION;
    /** The oldest version this reader still decodes (version 1: no per-plane tools byte). */
    public static final int OLDEST_VERSION = LegacyFormat.OLDEST_VERSION;
    public static final int MAX_DIMENSION = 1 << 24;
    /** Most pixels a stripe may hold (version 3 on); see {@link StripePlan}. */
    public static final int MAX_STRIPE_PIXELS = StripePlan.MAX_STRIPE_PIXELS;
    public static final int MAX_NAME_BYTES = 64;
    public static final int MAX_PLANES = 8;
    /** Most PNG chunks a file keeps. */
    public static final int MAX_CHUNKS = 0xFFFF;

    private LcFormat() {
    }

    /** A parsed file: its version, its header and where the payload starts. */
    public record Parsed(int version, LcHeader header, int payloadOffset) {
        /** Whether its streams end strictly (version 3 on). */
        public boolean strictStreamEnds() {
            return version >= 3;
        }
    }

    /** Serializes header and payloads (per plane with stripes, per stripe; or the PNG stream) as version 4. */
    public static byte[] write(LcHeader h, List<byte[]> payloads) {
        return FormatV4.write(h, payloads);
    }

    /** Whether {@code head} starts like an {@code .lc} file of any version. */
    public static boolean hasMagic(byte[] head) {
        return head.length >= 3 && head[0] == SHORT_MAGIC[0] && head[1] == SHORT_MAGIC[1]
                && (head[2] == MAGIC[2] || (head[2] & 0xFF) >= FormatV4.VERSION);
    }

    /** Parses and validates the header of {@code file}; the payload is checked for exact length. */
    public static Parsed read(byte[] file) throws FormatException {
        return parse(file, true);
    }

    /**
     * Where the header check lies in {@code file} and how long it is: the header is parsed and validated
     * like {@link #read} does, except for the check and the payload's length. For tools that repair or
     * craft headers (the header-aware fuzz target), never for decoding.
     *
     * @return {offset, length} of the header check
     */
    public static int[] headerCheck(byte[] file) throws FormatException {
        Parsed p = parse(file, false);
        return p.version() >= FormatV4.VERSION ? new int[]{p.payloadOffset() - 1, 1}
                : new int[]{p.payloadOffset() - 4, 4};
    }

    private static Parsed parse(byte[] file, boolean complete) throws FormatException {
        if (file.length == 0) {
            throw new FormatException("empty file (0 bytes), not an .lc file");
        }
        int prefix = Math.min(file.length, SHORT_MAGIC.length);
        if (!java.util.Arrays.equals(file, 0, prefix, SHORT_MAGIC, 0, prefix)) {
            throw new FormatException(file.length < SHORT_MAGIC.length ? "not an .lc file (too short)"
                    : "not an .lc file (bad magic)");
        }
        if (file.length < 3) {
            throw new FormatException("truncated .lc file: it ends after " + file.length
                    + " bytes, inside the signature");
        }
        if (file[2] == MAGIC[2]) {
            int n = Math.min(file.length, MAGIC.length);
            if (!java.util.Arrays.equals(file, 0, n, MAGIC, 0, n)) {
                throw new FormatException("not an .lc file (bad magic)");
            }
            if (file.length <= MAGIC.length) {
                throw new FormatException(file.length < MAGIC.length
                        ? "truncated .lc file: it ends after " + file.length + " bytes, inside the signature"
                        : "truncated file (header incomplete)");
            }
            return LegacyFormat.read(file, complete);
        }
        int version = file[2] & 0xFF;
        if (version < FormatV4.VERSION) {
            throw new FormatException("not an .lc file (bad magic: version " + version + " after the short "
                    + "signature; versions 1 to 3 have the long signature 8A 4C 43 46 0D 0A 1A 0A)");
        }
        if (version != FormatV4.VERSION) {
            throw new FormatException("unsupported .lc format version " + version
                    + " (this lcompress reads versions " + OLDEST_VERSION + " to " + VERSION + ")");
        }
        return FormatV4.read(file, complete);
    }

    /** The header followed by the payloads, allocated once. */
    static byte[] assemble(byte[] header, List<byte[]> payloads) {
        long size = header.length;
        for (byte[] p : payloads) {
            size += p.length;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("file over 2 GiB");
        }
        byte[] file = new byte[(int) size];
        System.arraycopy(header, 0, file, 0, header.length);
        int at = header.length;
        for (byte[] p : payloads) {
            System.arraycopy(p, 0, file, at, p.length);
            at += p.length;
        }
        return file;
    }

    /** The plane that codes (the high or only byte of) {@code channel}. */
    static Plane planeOf(List<Plane> planes, int channel) {
        for (Plane p : planes) {
            if (!p.lowBytes() && channel >= p.firstChannel() && channel < p.firstChannel() + p.channels()) {
                return p;
            }
        }
        throw new IllegalStateException("channel " + channel + " not covered");
    }

    static boolean isEmpty(byte[] mask) {
        for (byte b : mask) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the colours ({@code channels} bytes each, compared as unsigned numbers) strictly ascend. */
    static boolean strictlyAscending(byte[] colours, int channels) {
        long previous = -1;
        for (int i = 0; i < colours.length; i += channels) {
            long v = 0;
            for (int c = 0; c < channels; c++) {
                v = v << 8 | (colours[i + c] & 0xFF);
            }
            if (v <= previous) {
                return false;
            }
            previous = v;
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
}
