package io.lcompress.codec.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * An independent, minimal structural check of a PNG file (signature, chunk framing, CRCs of critical
 * chunks, IHDR first and only once, no unknown critical chunk, IEND present, tRNS no longer than the
 * palette). {@link FuzzChecks#readOrReject} uses it as an oracle: a file this finds malformed must not
 * be read as an image. It checks nothing the PNG specification leaves to the decoder (ancillary CRCs,
 * data after IEND).
 */
final class PngStructure {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private PngStructure() {
    }

    /** Why {@code png} is malformed, or null when its structure is sound. */
    static String problem(byte[] png) {
        if (png.length < SIGNATURE.length) {
            return "shorter than the signature";
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (png[i] != SIGNATURE[i]) {
                return "bad signature";
            }
        }
        int pos = SIGNATURE.length;
        int ihdrs = 0;
        int colourType = -1;
        int paletteEntries = -1;
        boolean first = true;
        while (true) {
            if (pos + 12 > png.length) {
                return "no IEND chunk";
            }
            long length = u32(png, pos);
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > Integer.MAX_VALUE || pos + 12 + length > png.length) {
                return "truncated " + type + " chunk";
            }
            int data = pos + 8;
            int n = (int) length;
            boolean critical = Character.isUpperCase(type.charAt(0));
            if (critical) {
                CRC32 crc = new CRC32();
                crc.update(png, pos + 4, 4 + n);
                if ((int) crc.getValue() != (int) u32(png, data + n)) {
                    return "bad CRC in " + type;
                }
            }
            if (first && !type.equals("IHDR")) {
                return "first chunk is " + type + ", not IHDR";
            }
            first = false;
            switch (type) {
                case "IHDR" -> {
                    if (++ihdrs > 1) {
                        return "second IHDR";
                    }
                    if (n != 13) {
                        return "IHDR of " + n + " bytes";
                    }
                    colourType = png[data + 9] & 0xFF;
                }
                case "PLTE" -> paletteEntries = n / 3;
                case "tRNS" -> {
                    if (colourType == 3 && paletteEntries >= 0 && n > paletteEntries) {
                        return "tRNS of " + n + " entries for a palette of " + paletteEntries;
                    }
                }
                case "IDAT" -> {
                }
                case "IEND" -> {
                    return null;
                }
                default -> {
                    if (critical) {
                        return "unknown critical chunk " + type;
                    }
                }
            }
            pos = data + n + 4;
        }
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }
}
