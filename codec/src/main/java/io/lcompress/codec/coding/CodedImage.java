package io.lcompress.codec.coding;

import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;

import java.util.HashMap;
import java.util.Map;

/**
 * The reversible mapping between a {@link PngImage} and the 8-bit channels that are coded.
 *
 * <ul>
 *   <li>grey below 8 bits: values scaled to 0..255 ({@code v * 255 / (2^d - 1)}), so the model sees the
 *       intensities it was trained on; the alphabet of the plane then holds only those levels;</li>
 *   <li>palette: the colours the indices show (R, G, B and A when an entry is translucent), mapped
 *       back through the palette on decode; when two entries share a colour, the indices themselves;</li>
 *   <li>16 bits: the high bytes here, the low bytes separately ({@link LowByteCoder});</li>
 *   <li>everything else: the samples as they are.</li>
 * </ul>
 *
 * @param high      coded channels (high bytes for 16-bit)
 * @param low       16-bit only: low bytes of the coded channels; null otherwise
 * @param paletteMode {@link LcHeader#PALETTE_EXPANDED} or {@link LcHeader#PALETTE_INDICES}
 */
record CodedImage(Raster high, Raster low, int paletteMode) {

    static CodedImage of(PngImage img) {
        Raster s = img.samples();
        int ct = img.colorType();
        if (ct == PngImage.PALETTE) {
            int[] pal = img.palette();
            Map<Integer, Integer> seen = new HashMap<>();
            boolean unique = true;
            for (int i = 0; i < pal.length && unique; i++) {
                unique = seen.put(pal[i], i) == null;
            }
            if (!unique) {
                return new CodedImage(s, null, LcHeader.PALETTE_INDICES);
            }
            int channels = LcHeader.paletteHasAlpha(pal) ? 4 : 3;
            Raster out = new Raster(s.width(), s.height(), channels);
            byte[] o = out.samples();
            byte[] idx = s.samples();
            for (int p = 0, j = 0; p < idx.length; p++) {
                int e = pal[idx[p] & 0xFF];
                o[j++] = (byte) (e >>> 24);
                o[j++] = (byte) (e >>> 16);
                o[j++] = (byte) (e >>> 8);
                if (channels == 4) {
                    o[j++] = (byte) e;
                }
            }
            return new CodedImage(out, null, LcHeader.PALETTE_EXPANDED);
        }
        if (ct == PngImage.GRAY && img.bitDepth() < 8) {
            int step = 255 / ((1 << img.bitDepth()) - 1);
            Raster out = new Raster(s.width(), s.height(), 1);
            byte[] o = out.samples();
            byte[] in = s.samples();
            for (int i = 0; i < in.length; i++) {
                o[i] = (byte) ((in[i] & 0xFF) * step);
            }
            return new CodedImage(out, null, 0);
        }
        return new CodedImage(s, img.low(), 0);
    }

    /** Inverse of {@link #of}: the PNG image the header and decoded channels describe. */
    static PngImage toPng(LcHeader h, Raster high, Raster low) throws FormatException {
        int ct = h.colorType();
        if (ct == PngImage.PALETTE) {
            if (h.paletteMode() == LcHeader.PALETTE_INDICES) {
                byte[] idx = high.samples();
                for (byte b : idx) {
                    if ((b & 0xFF) >= h.palette().length) {
                        throw new FormatException("corrupt file: palette index out of range");
                    }
                }
                return new PngImage(ct, h.bitDepth(), h.interlaced(), high, null, h.palette(), Chunks.toPng(h.chunks()));
            }
            Map<Integer, Integer> index = new HashMap<>();
            int[] pal = h.palette();
            for (int i = 0; i < pal.length; i++) {
                index.put(pal[i], i);
            }
            int channels = high.channels();
            Raster out = new Raster(high.width(), high.height(), 1);
            byte[] o = out.samples();
            byte[] in = high.samples();
            for (int p = 0, j = 0; p < o.length; p++) {
                int e = (in[j] & 0xFF) << 24 | (in[j + 1] & 0xFF) << 16 | (in[j + 2] & 0xFF) << 8
                        | (channels == 4 ? in[j + 3] & 0xFF : 0xFF);
                j += channels;
                Integer i = index.get(e);
                if (i == null) {
                    throw new FormatException("corrupt file: decoded colour is not in the palette");
                }
                o[p] = (byte) (int) i;
            }
            return new PngImage(ct, h.bitDepth(), h.interlaced(), out, null, pal, Chunks.toPng(h.chunks()));
        }
        if (ct == PngImage.GRAY && h.bitDepth() < 8) {
            int step = 255 / ((1 << h.bitDepth()) - 1);
            Raster out = new Raster(high.width(), high.height(), 1);
            byte[] o = out.samples();
            byte[] in = high.samples();
            for (int i = 0; i < in.length; i++) {
                int v = in[i] & 0xFF;
                if (v % step != 0) {
                    throw new FormatException("corrupt file: grey level " + v + " impossible at " + h.bitDepth() + " bits");
                }
                o[i] = (byte) (v / step);
            }
            return new PngImage(ct, h.bitDepth(), h.interlaced(), out, null, null, Chunks.toPng(h.chunks()));
        }
        return new PngImage(ct, h.bitDepth(), h.interlaced(), high, low, null, Chunks.toPng(h.chunks()));
    }
}
