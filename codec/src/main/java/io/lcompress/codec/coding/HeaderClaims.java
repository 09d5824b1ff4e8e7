package io.lcompress.codec.coding;

import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.ConstantPlane;
import io.lcompress.codec.container.CopyPlane;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.container.Plane;
import io.lcompress.codec.container.WidenedLowBytes;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;

/**
 * Defence in depth for the encoder: every structural claim a header makes about the pixels - a constant
 * channel, channels that copy another, the values each channel uses (alphabet masks), the colours a
 * plane uses (colour set), that the planes cover every channel once, and that the coded channels map
 * back to the PNG's samples - is checked against the pixels before the file is written, by code that
 * shares nothing with the planner that made the claims (no {@code Alphabet}, {@code ColourSet} or
 * planner helper is used here). A planning mistake then fails the encode with a message instead of
 * writing a file its own decoder rejects. Cost: a few passes over the samples.
 */
final class HeaderClaims {
    private HeaderClaims() {
    }

    /** Thrown when a header claims something the pixels contradict: a bug in the encoder. */
    static final class ContradictionException extends IllegalStateException {
        ContradictionException(String message) {
            super("the encoder's plan contradicts the image (" + message + "); nothing was written - please report");
        }
    }

    /** Checks the whole image at once (see the class comment). */
    static void verify(LcHeader h, CodedImage coded, PngImage image) {
        check(h.width() == image.width() && h.height() == image.height(), "size");
        verifyStructure(h, coded.high().channels(), coded.low() != null);
        verifyBlock(h, coded, image);
    }

    /** The planes cover every one of the {@code channels} coded channels once; low bytes iff 16-bit. */
    static void verifyStructure(LcHeader h, int channels, boolean hasLow) {
        int n = channels;
        check(h.codedChannels() == n, "header codes " + h.codedChannels() + " channels, the image has " + n);
        int[] coverage = new int[n];
        boolean lowPlane = false;
        for (Plane p : h.planes()) {
            if (p.lowBytes()) {
                check(!lowPlane && hasLow && p.firstChannel() == 0 && p.channels() == n, "low-byte plane");
                lowPlane = true;
                continue;
            }
            int first = p.firstChannel();
            int end = first + p.channels();
            check(first >= 0 && p.channels() >= 1 && end <= n, "plane channels " + first + ".." + (end - 1));
            for (int c = first; c < end; c++) {
                coverage[c]++;
            }
            if (p instanceof CopyPlane copy) {
                check(copy.source() >= 0 && copy.source() < n && (copy.source() < first || copy.source() >= end),
                        "copy source " + copy.source());
            }
            if (p instanceof ModelPlane m) {
                check(m.stripes() != null, "stripes");
            }
        }
        for (int c = 0; c < n; c++) {
            check(coverage[c] == 1, "channel " + c + " is coded " + coverage[c] + " times");
        }
        check(lowPlane == hasLow, "low-byte plane " + (lowPlane ? "without" : "missing for") + " 16-bit samples");
    }

    /**
     * The header's claims hold for a block of whole rows: {@code coded} is the block mapped to coded
     * channels, {@code image} the same rows as the PNG stores them.
     */
    static void verifyBlock(LcHeader h, CodedImage coded, PngImage image) {
        Raster hi = coded.high();
        int n = hi.channels();
        int width = hi.width();
        byte[] s = hi.samples();
        check(h.width() == width && h.codedChannels() == n, "block shape");
        for (Plane p : h.planes()) {
            int first = p.firstChannel();
            int end = first + p.channels();
            if (p instanceof ConstantPlane constant) {
                for (int i = first; i < s.length; i += n) {
                    if ((s[i] & 0xFF) != constant.value()) {
                        check(false, "channel " + first + " is constant " + constant.value() + " but a pixel has "
                                + (s[i] & 0xFF));
                    }
                }
            } else if (p instanceof CopyPlane copy) {
                int src = copy.source();
                for (int i = 0; i < s.length; i += n) {
                    for (int c = first; c < end; c++) {
                        if (s[i + c] != s[i + src]) {
                            check(false, "channel " + c + " copies channel " + src + " but a pixel differs");
                        }
                    }
                }
            } else if (p instanceof ModelPlane m) {
                verifyValues(m, s, n, width);
            } else if (p instanceof WidenedLowBytes w) {
                byte[] low = coded.low().samples();
                for (int i = 0; i < low.length; i++) {
                    if (low[i] != (w.mode() == WidenedLowBytes.REPEAT_HIGH ? s[i] : 0)) {
                        check(false, "the low bytes are claimed to be " + w.kindName() + " but sample " + i + " differs");
                    }
                }
            }
        }
        PngImage back;
        try {
            back = CodedImage.toPng(h, hi, coded.low());
        } catch (FormatException e) {
            throw new ContradictionException("coded channels do not map back to the PNG: " + e.getMessage());
        }
        String difference = image.differenceFrom(back);
        check(difference == null, "coded channels map back to another PNG: " + difference);
    }

    /** A model plane's alphabet masks or colour set contain every value or colour the pixels use. */
    private static void verifyValues(ModelPlane p, byte[] s, int n, int width) {
        int first = p.firstChannel();
        int count = p.channels();
        if (p.colourSet() != null) {
            byte[] set = p.colourSet();
            check(set.length % count == 0, "colour set length");
            long[] colours = new long[set.length / count];
            for (int i = 0, j = 0; i < set.length; i += count, j++) {
                colours[j] = pack(set, i, count);
            }
            java.util.Arrays.sort(colours);
            long last = -1;                                     // the last colour found (pixels repeat them)
            for (int i = first; i < s.length; i += n) {
                long colour = pack(s, i, count);
                if (colour == last) {
                    continue;
                }
                last = colour;
                if (java.util.Arrays.binarySearch(colours, colour) < 0) {     // the message only when it fails
                    check(false, "pixel (" + (i / n % width) + ", " + (i / n / width)
                            + ") has a colour outside the colour set");
                }
            }
            return;
        }
        byte[][] masks = p.alphabetMasks();
        for (int c = 0; c < count; c++) {
            byte[] mask = masks == null ? null : masks[c];
            if (mask == null) {
                continue;
            }
            check(mask.length == 32, "mask length");
            for (int i = first + c; i < s.length; i += n) {
                int v = s[i] & 0xFF;
                if ((mask[v >>> 3] & (1 << (v & 7))) == 0) {        // the message only when it fails
                    check(false, "value " + v + " of channel " + (first + c) + " at pixel " + i / n
                            + " is outside its alphabet");
                }
            }
        }
    }

    private static long pack(byte[] b, int offset, int count) {
        long v = 0;
        for (int k = 0; k < count; k++) {
            v = v << 8 | (b[offset + k] & 0xFF);
        }
        return v;
    }

    private static void check(boolean condition, String claim) {
        if (!condition) {
            throw new ContradictionException(claim);
        }
    }
}
