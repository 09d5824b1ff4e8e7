package io.lcompress.codec.coding;

import io.lcompress.codec.image.PngSource;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.ColourSet;

/**
 * The encoder's first reading of an image: what {@link PlanePlanner} needs to know about the coded
 * channels, gathered block by block - whether the colour is grey, whether alpha is constant, whether the
 * low bytes of a 16-bit image are a widened 8-bit image's, the values each channel uses, the colours (up
 * to a limit) - and the pixel checksum.
 */
final class Survey implements PngSource.BlockSink {
    final PngSource source;
    final long pixels;
    int paletteMode = -1;
    int coded;
    int colour;
    boolean alpha;
    boolean grey = true;
    int alphaValue = -1;            // the constant alpha (high byte), -2 when alpha varies
    boolean lowRepeatsHigh = true;  // 16-bit: every low byte equals its high byte (widened v * 257)
    boolean lowZero = true;         // 16-bit: every low byte is 0 (widened v * 256)
    byte[][] masks;                 // values used, per coded channel
    ColourCounter colours;          // null: more than the limit, or fewer than two colour channels
    final PixelCrc crc = new PixelCrc();

    Survey(PngSource source) {
        this.source = source;
        this.pixels = (long) source.width() * source.height();
        this.colours = new ColourCounter(PlanePlanner.colourSetLimit(pixels));
    }

    @Override
    public void block(int y0, Raster samples, Raster low) {
        crc.updateHigh(samples.samples());
        if (low != null) {
            crc.updateLow(low.samples());
        }
        CodedImage ci = CodedImage.of(LcEncoder.blockImage(source, samples, low));
        Raster hi = ci.high();
        if (masks == null) {
            paletteMode = ci.paletteMode();
            coded = hi.channels();
            alpha = coded == 2 || coded == 4;
            colour = alpha ? coded - 1 : coded;
            masks = new byte[coded][32];
            if (colour < 2) {
                colours = null;
            }
        }
        byte[] s = hi.samples();
        int n = coded;
        for (int c = 0; c < n; c++) {
            byte[] used = Alphabet.usedMask(s, n, c);
            for (int k = 0; k < used.length; k++) {
                masks[c][k] |= used[k];
            }
        }
        if (grey && colour == 3) {
            for (int i = 0; i < s.length && grey; i += n) {
                grey = s[i] == s[i + 1] && s[i] == s[i + 2];
            }
        }
        if (ci.low() != null && (lowRepeatsHigh || lowZero)) {
            byte[] l = ci.low().samples();
            for (int i = 0; i < l.length; i++) {
                lowRepeatsHigh &= l[i] == s[i];
                lowZero &= l[i] == 0;
            }
        }
        if (alpha) {
            alphaValue = constant(alphaValue, s, colour, n);
        }
        if (colours != null) {
            for (int i = 0; i < s.length; i += n) {
                int col = 0;
                for (int c = 0; c < colour; c++) {
                    col = col << 8 | (s[i + c] & 0xFF);
                }
                if (!colours.add(col)) {
                    colours = null;
                    break;
                }
            }
        }
    }

    /** The running constant of channel c: its value while every sample so far had it, else -2. */
    private static int constant(int running, byte[] s, int c, int n) {
        if (running == -2) {
            return -2;
        }
        int v = running == -1 ? s[c] & 0xFF : running;
        for (int i = c; i < s.length; i += n) {
            if ((s[i] & 0xFF) != v) {
                return -2;
            }
        }
        return v;
    }

    /**
     * Per-channel alphabets of the values that occur. A mask costs 256 bits in the header, so it is
     * used only where it pays: on images of at least 16384 pixels, or when at most 32 values occur.
     */
    Alphabet[] alphabets(int first, int count) {
        Alphabet[] a = new Alphabet[count];
        for (int c = 0; c < count; c++) {
            Alphabet used = Alphabet.fromMask(masks[first + c]);
            a[c] = pixels >= 16384 || used.size() <= 32 ? used : Alphabet.FULL;
        }
        return a;
    }

    ColourSet colourSet() {
        if (colours == null) {
            return null;
        }
        int[] sorted = colours.sorted();
        byte[] bytes = new byte[sorted.length * colour];
        int j = 0;
        for (int col : sorted) {
            for (int c = colour - 1; c >= 0; c--) {
                bytes[j++] = (byte) (col >>> (8 * c));
            }
        }
        return ColourSet.fromBytes(colour, bytes);
    }
}
