package io.lcompress.codec.model.neural;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightFileTest {
    @Test
    void roundTrip() throws IOException {
        WeightFile f = TestWeights.random(1, 3, 5, 32, 24);
        byte[] bytes = f.toBytes();
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        f.write(bo);
        assertArrayEquals(bytes, bo.toByteArray());
        WeightFile g = WeightFile.read(new ByteArrayInputStream(bytes));
        assertArrayEquals(f.widths(), g.widths());
        assertEquals(f.components(), g.components());
        assertEquals(f.channels(), g.channels());
        for (int l = 0; l < f.layers(); l++) {
            assertArrayEquals(f.weights(l), g.weights(l));
            assertArrayEquals(f.biases(l), g.biases(l));
        }
        assertArrayEquals(bytes, g.toBytes());
        assertEquals(4 + 2 + 2 + 5 + 3 + 4 * 4 + 4 * f.parameterCount() + 4, bytes.length);
        assertEquals(0x4C434E57, ByteBuffer.wrap(bytes).getInt());
    }

    @Test
    void greyRoundTrip() throws IOException {
        WeightFile f = TestWeights.random(2, 1, 4, 16);
        WeightFile g = WeightFile.parse(f.toBytes());
        assertEquals(1, g.channels());
        assertEquals(ContextFeatures.sizeFor(1), g.widths()[0]);
        assertEquals(12, g.widths()[2]);
    }

    @Test
    void fingerprintIsSha256PrefixOfTheBytes() throws Exception {
        WeightFile f = TestWeights.random(3, 3, 5, 16);
        byte[] bytes = f.toBytes();
        NeuralPixelModel m = NeuralPixelModel.fromBytes("x", bytes);
        byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        assertEquals(ByteBuffer.wrap(d).getLong(), m.fingerprint());
        assertEquals("x", m.name());
        NeuralPixelModel other = NeuralPixelModel.of("y", TestWeights.random(4, 3, 5, 16));
        assertNotEquals(m.fingerprint(), other.fingerprint());
    }

    /** Re-signs modified bytes so that only the tested field is wrong. */
    private static byte[] withCrc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    private static String rejectMessage(byte[] bytes) {
        IOException e = assertThrows(IOException.class, () -> WeightFile.parse(bytes));
        return e.getMessage();
    }

    @Test
    void rejectsCorruptFiles() {
        byte[] good = TestWeights.random(5, 3, 5, 20, 12).toBytes();

        assertTrue(rejectMessage(new byte[0]).contains("too short"));
        assertTrue(rejectMessage(Arrays.copyOf(good, 20)).contains("too short")
                || rejectMessage(Arrays.copyOf(good, 20)).contains("truncated"));
        assertTrue(rejectMessage(Arrays.copyOf(good, good.length - 1)).contains("bytes"));
        byte[] longer = Arrays.copyOf(good, good.length + 4);
        assertTrue(rejectMessage(longer).contains("bytes"));

        byte[] magic = good.clone();
        magic[0] = 'X';
        assertTrue(rejectMessage(magic).contains("magic"));

        byte[] version = good.clone();
        version[5] = 2;
        assertTrue(rejectMessage(withCrc(version)).contains("version"));

        byte[] spec = good.clone();
        spec[7] = 9;
        assertTrue(rejectMessage(withCrc(spec)).contains("feature spec"));

        byte[] channels = good.clone();
        channels[8] = 2;
        assertTrue(rejectMessage(withCrc(channels)).contains("channel"));

        byte[] k = good.clone();
        k[9] = 0;
        assertTrue(rejectMessage(withCrc(k)).contains("components"));
        k[9] = (byte) 200;
        assertTrue(rejectMessage(withCrc(k)).contains("components"));

        byte[] act = good.clone();
        act[10] = 7;
        assertTrue(rejectMessage(withCrc(act)).contains("activation"));

        byte[] head = good.clone();
        head[11] = 0;
        assertTrue(rejectMessage(withCrc(head)).contains("head"));

        byte[] layers = good.clone();
        layers[12] = 0;
        assertTrue(rejectMessage(withCrc(layers)).contains("layer count"));
        layers[12] = (byte) 255;
        assertTrue(rejectMessage(withCrc(layers)).contains("layer count"));

        byte[] reserved = good.clone();
        reserved[14] = 1;
        assertTrue(rejectMessage(withCrc(reserved)).contains("reserved"));

        // a huge width must be rejected before anything is allocated
        byte[] width = good.clone();
        ByteBuffer.wrap(width).putInt(16 + 4, Integer.MAX_VALUE);
        assertTrue(rejectMessage(withCrc(width)).contains("width"));
        ByteBuffer.wrap(width).putInt(16 + 4, -5);
        assertTrue(rejectMessage(withCrc(width)).contains("width"));

        // a width that does not match the features
        byte[] input = good.clone();
        ByteBuffer.wrap(input).putInt(16, 85);
        assertTrue(rejectMessage(withCrc(input)).contains("input width"));

        // output width that does not match the head
        byte[] output = good.clone();
        ByteBuffer.wrap(output).putInt(16 + 12, 61);
        assertTrue(rejectMessage(withCrc(output)).contains("output width"));

        // a flipped weight bit is caught by the checksum
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        assertTrue(rejectMessage(flipped).contains("checksum"));

        // NaN weights
        byte[] nan = good.clone();
        ByteBuffer.wrap(nan).putFloat(16 + 16, Float.NaN);
        assertTrue(rejectMessage(withCrc(nan)).contains("non-finite"));

        // every truncation is rejected with an IOException, never another exception
        for (int n = 0; n < good.length; n += 97) {
            byte[] t = Arrays.copyOf(good, n);
            assertThrows(IOException.class, () -> WeightFile.parse(t));
        }
    }

    @Test
    void rejectsOversizedStreams() {
        byte[] big = new byte[WeightFile.MAX_FILE_BYTES + 1];
        IOException e = assertThrows(IOException.class, () -> WeightFile.read(new ByteArrayInputStream(big)));
        assertTrue(e.getMessage().contains("larger"));
    }

    @Test
    void constructorValidates() {
        WeightFile f = TestWeights.random(6, 3, 5, 8);
        int[] widths = f.widths();
        float[][] w = {f.weights(0), f.weights(1)};
        float[][] b = {f.biases(0), f.biases(1)};
        assertThrows(IllegalArgumentException.class, () -> new WeightFile(1, 3, 5, 1, 1, widths,
                new float[][]{new float[3], w[1]}, b));
        assertThrows(IllegalArgumentException.class, () -> new WeightFile(1, 3, 6, 1, 1, widths, w, b));
    }
}
