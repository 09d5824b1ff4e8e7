package io.lcompress.codec.fuzz;

import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The properties the fuzz targets check, shared by the Jazzer targets and {@link FuzzRegressionTest}.
 * Every method returns normally for an allowed outcome and throws (an assertion error, or the
 * unexpected exception itself, which Jazzer then reports with its stack) for a finding.
 */
final class FuzzChecks {
    private FuzzChecks() {
    }

    /** Any bytes: decoding gives an image or a {@link FormatException} with a message, nothing else. */
    static void decodeOrReject(byte[] file) {
        try {
            LcCodec.Decoded d = LcCodec.decode(file, null, 1);
            assertNotNull(d.image());
        } catch (FormatException e) {
            assertMessage(e);
        }
    }

    /**
     * Any bytes: reading gives an image or an {@link PngIO.UnsupportedImageException}. An image may
     * only come from a structurally sound file ({@link PngStructure}), and must then survive the fast
     * model's encode and decode sample for sample.
     */
    static void readOrReject(byte[] png) {
        PngImage img;
        try {
            img = PngIO.read(png);
        } catch (PngIO.UnsupportedImageException e) {
            assertMessage(e);
            if (ranOutOfMemory(e)) {
                throw new AssertionError("PngIO.read ran out of memory (reported as: " + e.getMessage()
                        + "): a small file must not make the reader allocate by its header's claims", e);
            }
            return;
        } catch (IOException e) {
            throw new AssertionError("PngIO.read threw a plain IOException instead of UnsupportedImageException", e);
        }
        assertNotNull(img);
        String malformed = PngStructure.problem(png);
        if (malformed != null) {
            fail("PngIO.read accepted a malformed PNG (" + malformed + ") as " + describe(img));
        }
        roundTripsThroughLc(img, ModelRegistry.fast());
    }

    /** A valid image: encode with {@code model}, decode without naming a model, compare everything. */
    static void roundTripsThroughLc(PngImage img, PixelModel model) {
        byte[] file = LcCodec.encode(img, model, 1).file();
        LcCodec.Decoded d;
        try {
            d = LcCodec.decode(file, null, 1);
        } catch (FormatException e) {
            throw new AssertionError("encoder wrote a file (" + file.length + " bytes, model " + model.name()
                    + ") its own decoder rejects: " + e.getMessage() + " [" + describe(img) + "]", e);
        }
        assertSameImage(img, d.image(), ".lc round trip, model " + model.name());
    }

    /** A valid image: write it as PNG, read it back, compare everything. */
    static void roundTripsThroughPng(PngImage img) {
        byte[] png;
        PngImage back;
        try {
            png = PngIO.encode(img);
            back = PngIO.read(png);
        } catch (IOException e) {
            throw new AssertionError("PNG written by PngIO.encode cannot be read back: " + e.getMessage()
                    + " [" + describe(img) + "]", e);
        }
        assertSameImage(img, back, "PNG round trip");
    }

    static void assertSameImage(PngImage expected, PngImage actual, String what) {
        String ctx = what + " [" + describe(expected) + "]";
        assertEquals(expected.colorType(), actual.colorType(), ctx + ": colour type");
        assertEquals(expected.bitDepth(), actual.bitDepth(), ctx + ": bit depth");
        assertEquals(expected.interlaced(), actual.interlaced(), ctx + ": interlacing");
        assertEquals(expected.width(), actual.width(), ctx + ": width");
        assertEquals(expected.height(), actual.height(), ctx + ": height");
        assertEquals(expected.samples().channels(), actual.samples().channels(), ctx + ": channels");
        assertArrayEquals(expected.samples().samples(), actual.samples().samples(), ctx + ": samples");
        if (expected.low() == null) {
            assertNull(actual.low(), ctx + ": unexpected low bytes");
        } else {
            assertNotNull(actual.low(), ctx + ": low bytes missing");
            assertArrayEquals(expected.low().samples(), actual.low().samples(), ctx + ": low bytes");
        }
        assertArrayEquals(expected.palette(), actual.palette(), ctx + ": palette");
    }

    static String describe(PngImage img) {
        return img.width() + "x" + img.height() + " " + img.describe()
                + (img.palette() == null ? "" : ", " + img.palette().length + " palette entries");
    }

    /** An OutOfMemoryError in the cause chain, or its message passed on as the reason for refusing. */
    static boolean ranOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError || String.valueOf(t.getMessage()).contains("Java heap space")) {
                return true;
            }
        }
        return false;
    }

    private static void assertMessage(Exception e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            fail(e.getClass().getSimpleName() + " without a message", e);
        }
        assertFalse(e.getMessage().isBlank());
    }
}
