package io.lcompress.codec.coding;

import java.util.zip.CRC32C;

/**
 * The pixel checksum of an {@code .lc} file (docs/FORMAT.md): CRC-32C of every sample as PNG stores it
 * (high bytes of 16-bit samples, indices of palette images), then of every low byte of 16-bit samples.
 * Computed row block by row block: the high bytes and the low bytes each have their own running CRC,
 * joined at the end with the standard CRC combination (zlib's {@code crc32_combine}, over the CRC-32C
 * polynomial), so a decoder that streams rows need not hold the image.
 */
final class PixelCrc {
    private static final int POLY = 0x82F63B78;     // CRC-32C, reflected
    private final CRC32C high = new CRC32C();
    private final CRC32C low = new CRC32C();
    private long lowBytes;

    void updateHigh(byte[] b) {
        high.update(b);
    }

    void updateLow(byte[] b) {
        low.update(b);
        lowBytes += b.length;
    }

    /** CRC-32C of the high bytes followed by the low bytes. */
    int value() {
        return combine((int) high.getValue(), (int) low.getValue(), lowBytes);
    }

    /** CRC of A followed by B, from CRC(A), CRC(B) and the length of B (zlib's algorithm). */
    static int combine(int crcA, int crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        int[] even = new int[32];
        int[] odd = new int[32];
        odd[0] = POLY;                 // the operator for one zero bit
        int row = 1;
        for (int n = 1; n < 32; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd);             // two zero bits
        square(odd, even);             // four zero bits
        int crc = crcA;
        long len = lengthB;
        do {                           // apply len zero bytes to crcA: operators for 1, 2, 4, ... bytes
            square(even, odd);
            if ((len & 1) != 0) {
                crc = times(even, crc);
            }
            len >>>= 1;
            if (len == 0) {
                break;
            }
            square(odd, even);
            if ((len & 1) != 0) {
                crc = times(odd, crc);
            }
            len >>>= 1;
        } while (len != 0);
        return crc ^ crcB;
    }

    private static int times(int[] mat, int vec) {
        int sum = 0;
        for (int i = 0; vec != 0; i++, vec >>>= 1) {
            if ((vec & 1) != 0) {
                sum ^= mat[i];
            }
        }
        return sum;
    }

    private static void square(int[] square, int[] mat) {
        for (int n = 0; n < 32; n++) {
            square[n] = times(mat, mat[n]);
        }
    }
}
