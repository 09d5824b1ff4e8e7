package io.lcompress.codec.imageio;

import io.lcompress.codec.Limits;
import io.lcompress.codec.coding.LcDecoder;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;

import javax.imageio.ImageTypeSpecifier;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;

/**
 * Exact conversion between {@link BufferedImage}s and the images the codec codes ({@link PngImage}: the
 * samples as a PNG stores them). Samples are copied as they are, never converted: an image whose samples
 * a PNG cannot hold exactly is refused, with a message that says why, instead of being converted.
 *
 * <p>Encoding: which images map to which PNG kind.
 * <table>
 *   <caption>BufferedImage to PNG kind</caption>
 *   <tr><th>BufferedImage</th><th>PNG kind</th></tr>
 *   <tr><td>{@code TYPE_BYTE_GRAY}</td><td>grey 8-bit</td></tr>
 *   <tr><td>{@code TYPE_USHORT_GRAY}</td><td>grey 16-bit</td></tr>
 *   <tr><td>{@code TYPE_BYTE_BINARY} whose colour map is the opaque grey ramp of 2, 4 or 16 entries
 *       (what {@link #imageType} gives grey 1/2/4-bit, and ImageIO's PNG reader too)</td>
 *       <td>grey 1, 2 or 4-bit</td></tr>
 *   <tr><td>any other {@link IndexColorModel} ({@code TYPE_BYTE_BINARY}, {@code TYPE_BYTE_INDEXED}, custom)
 *       of at most 256 entries</td>
 *       <td>palette, 1, 2, 4 or 8-bit (the smallest depth holding the colour map and the raster's
 *       pixel size); the map's alpha becomes the palette's transparency</td></tr>
 *   <tr><td>{@code TYPE_3BYTE_BGR}, {@code TYPE_INT_RGB}, {@code TYPE_INT_BGR}</td><td>RGB 8-bit</td></tr>
 *   <tr><td>{@code TYPE_4BYTE_ABGR}, {@code TYPE_INT_ARGB}</td><td>RGBA 8-bit</td></tr>
 *   <tr><td>{@code TYPE_CUSTOM} with a {@link ComponentColorModel} in the standard grey
 *       ({@link ColorSpace#CS_GRAY}) or sRGB colour space, 8 bits per sample ({@code byte}) or
 *       16 ({@code ushort}), with or without straight (non-premultiplied) alpha</td>
 *       <td>grey, grey+alpha, RGB or RGBA, 8 or 16-bit</td></tr>
 * </table>
 * Refused: premultiplied alpha ({@code TYPE_INT_ARGB_PRE}, {@code TYPE_4BYTE_ABGR_PRE}), samples of other
 * sizes ({@code TYPE_USHORT_565_RGB}, {@code TYPE_USHORT_555_RGB}, 12-bit components), signed, {@code int},
 * {@code float} or {@code double} component samples, colour spaces other than sRGB and the standard grey
 * (linear RGB, CMYK, ICC profiles), colour maps of more than 256 entries, and indexed pixels beyond
 * their colour map.
 *
 * <p>Decoding: each PNG kind becomes one image type ({@link #imageType}), which encodes back to the same
 * kind: grey 1/2/4-bit {@code TYPE_BYTE_BINARY} with the grey ramp, grey 8-bit {@code TYPE_BYTE_GRAY},
 * grey 16-bit {@code TYPE_USHORT_GRAY}, grey+alpha a {@code TYPE_CUSTOM} grey {@code ComponentColorModel}
 * with alpha ({@code byte} or {@code ushort} samples), RGB 8-bit {@code TYPE_3BYTE_BGR}, RGBA 8-bit
 * {@code TYPE_4BYTE_ABGR}, RGB(A) 16-bit a {@code TYPE_CUSTOM} sRGB {@code ComponentColorModel} of
 * {@code ushort} samples, palettes {@code TYPE_BYTE_INDEXED} (8-bit) or {@code TYPE_BYTE_BINARY} (1, 2
 * or 4-bit) with the palette as {@link IndexColorModel} (with alpha when an entry is not opaque). The
 * PNG's other chunks that an {@code .lc} file keeps (colour key, gamma, ICC profile, text) are not
 * applied: a grey or RGB image with a {@code tRNS} colour key decodes without alpha, its samples as stored.
 */
public final class AwtImages {
    private AwtImages() {
    }

    /** A PNG kind: colour type and bit depth. */
    private record Kind(int colorType, int bitDepth) {
    }

    /** An image that cannot be coded exactly. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Why images of this colour model and sample model cannot be coded exactly, or null when they can
     * (indexed images are checked pixel by pixel only when converted: their pixels must lie within the
     * colour map).
     */
    public static String refusal(ColorModel cm, SampleModel sm) {
        try {
            kind(cm, sm);
            return null;
        } catch (Refused e) {
            return e.getMessage();
        }
    }

    /**
     * The image's samples, exactly, as the PNG kind its type maps to (see the class description).
     *
     * @throws IllegalArgumentException when the image cannot be coded exactly; the message says why
     */
    public static PngImage toPngImage(BufferedImage image) {
        Kind k;
        try {
            k = kind(image.getColorModel(), image.getSampleModel());
        } catch (Refused e) {
            throw new IllegalArgumentException(describe(image) + " cannot be stored exactly: " + e.getMessage());
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int channels = LcHeader.pngChannels(k.colorType());
        Raster hi = new Raster(w, h, channels);
        Raster lo = k.bitDepth() == 16 ? new Raster(w, h, channels) : null;
        byte[] hs = hi.samples();
        byte[] ls = lo == null ? null : lo.samples();
        int[] palette = null;
        int entries = Integer.MAX_VALUE;
        if (k.colorType() == PngImage.PALETTE) {
            IndexColorModel icm = (IndexColorModel) image.getColorModel();
            entries = icm.getMapSize();
            palette = new int[entries];
            for (int i = 0; i < entries; i++) {
                palette[i] = icm.getRed(i) << 24 | icm.getGreen(i) << 16 | icm.getBlue(i) << 8 | icm.getAlpha(i);
            }
        }
        java.awt.image.Raster r = image.getRaster();
        int x0 = r.getMinX();
        int y0 = r.getMinY();
        int[] row = new int[w * channels];
        for (int y = 0, o = 0; y < h; y++) {
            r.getPixels(x0, y0 + y, w, 1, row);
            if (ls != null) {
                for (int v : row) {
                    hs[o] = (byte) (v >>> 8);
                    ls[o++] = (byte) v;
                }
            } else {
                for (int i = 0; i < row.length; i++) {
                    int v = row[i];
                    if (v >= entries) {
                        throw new IllegalArgumentException(describe(image) + " cannot be stored exactly: pixel ("
                                + i + ", " + y + ") has colour index " + v + ", beyond the colour map's "
                                + entries + " entries");
                    }
                    hs[o++] = (byte) v;
                }
            }
        }
        return new PngImage(k.colorType(), k.bitDepth(), false, hi, lo, palette);
    }

    /**
     * The image type a decoded image of this PNG kind has (see the class description).
     *
     * @param palette colour type 3: the entries as 0xRRGGBBAA; else ignored
     */
    public static ImageTypeSpecifier imageType(int colorType, int bitDepth, int[] palette) {
        boolean wide = bitDepth == 16;
        int dataType = wide ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
        ColorSpace srgb = ColorSpace.getInstance(ColorSpace.CS_sRGB);
        return switch (colorType) {
            case PngImage.GRAY -> bitDepth == 8 ? ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_BYTE_GRAY)
                    : wide ? ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_USHORT_GRAY)
                    : ImageTypeSpecifier.createGrayscale(bitDepth, DataBuffer.TYPE_BYTE, false);
            case PngImage.GRAY_ALPHA -> ImageTypeSpecifier.createGrayscale(bitDepth, dataType, false, false);
            case PngImage.RGB -> wide ? ImageTypeSpecifier.createInterleaved(srgb, new int[]{0, 1, 2}, dataType, false, false)
                    : ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_3BYTE_BGR);
            case PngImage.RGBA -> wide ? ImageTypeSpecifier.createInterleaved(srgb, new int[]{0, 1, 2, 3}, dataType, true, false)
                    : ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_4BYTE_ABGR);
            case PngImage.PALETTE -> {
                int n = palette.length;
                byte[] r = new byte[n];
                byte[] g = new byte[n];
                byte[] b = new byte[n];
                byte[] a = new byte[n];
                boolean opaque = true;
                for (int i = 0; i < n; i++) {
                    r[i] = (byte) (palette[i] >>> 24);
                    g[i] = (byte) (palette[i] >>> 16);
                    b[i] = (byte) (palette[i] >>> 8);
                    a[i] = (byte) palette[i];
                    opaque &= (palette[i] & 0xFF) == 0xFF;
                }
                IndexColorModel icm = opaque ? new IndexColorModel(bitDepth, n, r, g, b)
                        : new IndexColorModel(bitDepth, n, r, g, b, a);
                SampleModel sm = bitDepth == 8 ? new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, 1, 1, 1, 1, new int[]{0})
                        : new MultiPixelPackedSampleModel(DataBuffer.TYPE_BYTE, 1, 1, bitDepth);
                yield new ImageTypeSpecifier(icm, sm);
            }
            default -> throw new IllegalArgumentException("colour type " + colorType);
        };
    }

    /** The image type of a decoded {@code .lc} file. */
    public static ImageTypeSpecifier imageType(LcHeader header) {
        return imageType(header.colorType(), header.bitDepth(), header.palette());
    }

    /** The image's samples in a new image of the type {@link #imageType} gives its kind. */
    public static BufferedImage toBufferedImage(PngImage image) {
        BufferedImage out = imageType(image.colorType(), image.bitDepth(), image.palette())
                .createBufferedImage(image.width(), image.height());
        putRows(out.getRaster(), 0, image.samples(), image.low());
        return out;
    }

    /**
     * Writes rows {@code y0 ..} as a PNG stores them (samples, and the low bytes of 16-bit samples or
     * null) into a raster of the type {@link #imageType} gives.
     */
    public static void putRows(WritableRaster dst, int y0, Raster samples, Raster low) {
        int w = samples.width();
        int n = w * samples.channels();
        byte[] hs = samples.samples();
        byte[] ls = low == null ? null : low.samples();
        int[] row = new int[n];
        for (int y = 0; y < samples.height(); y++) {
            int o = y * n;
            if (ls != null) {
                for (int i = 0; i < n; i++) {
                    row[i] = (hs[o + i] & 0xFF) << 8 | (ls[o + i] & 0xFF);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    row[i] = hs[o + i] & 0xFF;
                }
            }
            dst.setPixels(dst.getMinX(), dst.getMinY() + y0 + y, w, 1, row);
        }
    }

    /** Told of the rows decoded so far into {@code image} (not yet checked); may throw to stop decoding. */
    public interface Progress {
        void rows(BufferedImage image, int done) throws IOException;
    }

    /**
     * Decodes an {@code .lc} file straight into a new image of the type {@link #imageType} gives (memory:
     * the image and a few stripes). Nothing of the image's size is allocated before the header is
     * checked and the image is within {@code limits}.
     *
     * @param progress told after each block of rows, or null
     * @throws FormatException the file is not one this version decodes within {@code limits}
     */
    public static BufferedImage decode(byte[] file, int threads, Limits limits, Progress progress)
            throws FormatException, IOException {
        BufferedImage[] out = new BufferedImage[1];
        LcDecoder.decode(file, null, threads, limits, new LcDecoder.RowSink() {
            @Override
            public void begin(LcHeader h) {
                out[0] = imageType(h).createBufferedImage(h.width(), h.height());
            }

            @Override
            public void rows(int y0, Raster samples, Raster low) throws IOException {
                putRows(out[0].getRaster(), y0, samples, low);
                if (progress != null) {
                    progress.rows(out[0], y0 + samples.height());
                }
            }
        });
        return out[0];
    }

    private static Kind kind(ColorModel cm, SampleModel sm) throws Refused {
        if (cm == null) {
            throw new Refused("it has no colour model");
        }
        int bands = sm.getNumBands();
        if (cm instanceof IndexColorModel icm) {
            if (bands != 1) {
                throw new Refused("an indexed image of " + bands + " bands");
            }
            int bits = sm.getSampleSize(0);
            int n = icm.getMapSize();
            if (n > 256) {
                throw new Refused("its colour map has " + n + " entries; a PNG palette holds at most 256");
            }
            if ((bits == 1 || bits == 2 || bits == 4) && isGreyRamp(icm, bits)) {
                return new Kind(PngImage.GRAY, bits);
            }
            int need = Math.max(bits <= 8 ? bits : 1, n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8);
            return new Kind(PngImage.PALETTE, need <= 1 ? 1 : need <= 2 ? 2 : need <= 4 ? 4 : 8);
        }
        if (!(cm instanceof ComponentColorModel) && !(cm instanceof DirectColorModel)) {
            throw new Refused("its colour model is a " + cm.getClass().getName()
                    + " (lcompress codes component, packed and indexed colour models)");
        }
        if (cm.isAlphaPremultiplied()) {
            throw new Refused("its alpha is premultiplied; PNG stores straight alpha and un-premultiplying "
                    + "is not exact (convert it with ColorModel.coerceData(raster, false) if that is acceptable)");
        }
        ColorSpace cs = cm.getColorSpace();
        int colours = cm.getNumColorComponents();
        boolean grey = colours == 1 && cs == ColorSpace.getInstance(ColorSpace.CS_GRAY);
        boolean rgb = colours == 3 && cs.isCS_sRGB();
        if (!grey && !rgb) {
            throw new Refused("its colour space is " + describe(cs) + "; lcompress codes the standard grey "
                    + "(CS_GRAY) and sRGB samples (encode the original PNG file to keep an ICC profile)");
        }
        if (bands != cm.getNumComponents()) {
            throw new Refused(bands + " bands for " + cm.getNumComponents() + " colour model components");
        }
        int dataType = sm.getDataType();
        if (cm instanceof ComponentColorModel && dataType != DataBuffer.TYPE_BYTE && dataType != DataBuffer.TYPE_USHORT) {
            throw new Refused("its samples are of data type " + dataTypeName(dataType)
                    + " (lcompress codes byte and ushort samples)");
        }
        int size = sm.getSampleSize(0);
        for (int b = 0; b < bands; b++) {
            if (sm.getSampleSize(b) != size || cm.getComponentSize(b) != size) {
                throw new Refused("its samples are of " + describeSizes(cm, sm)
                        + " bits; PNG stores 8 or 16 bits per sample, the same for every channel");
            }
        }
        if (size != 8 && size != 16) {
            throw new Refused("its samples are of " + describeSizes(cm, sm) + " bits; PNG stores 8 or 16 bits per sample");
        }
        boolean alpha = cm.hasAlpha();
        int colorType = grey ? (alpha ? PngImage.GRAY_ALPHA : PngImage.GRAY) : alpha ? PngImage.RGBA : PngImage.RGB;
        return new Kind(colorType, size);
    }

    /** Whether the map is exactly the opaque grey ramp of {@code bits}-bit grey (as PNG and ImageIO scale it). */
    private static boolean isGreyRamp(IndexColorModel icm, int bits) {
        int n = 1 << bits;
        if (icm.getMapSize() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int v = i * 255 / (n - 1);
            if (icm.getRed(i) != v || icm.getGreen(i) != v || icm.getBlue(i) != v || icm.getAlpha(i) != 255) {
                return false;
            }
        }
        return true;
    }

    private static String describeSizes(ColorModel cm, SampleModel sm) {
        StringBuilder s = new StringBuilder();
        for (int b = 0; b < sm.getNumBands(); b++) {
            s.append(b == 0 ? "" : "/").append(sm.getSampleSize(b));
            if (b < cm.getNumComponents() && cm.getComponentSize(b) != sm.getSampleSize(b)) {
                s.append(" (").append(cm.getComponentSize(b)).append(" significant)");
            }
        }
        return s.toString();
    }

    private static String describe(ColorSpace cs) {
        if (cs == ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB)) {
            return "linear RGB";
        }
        if (cs == ColorSpace.getInstance(ColorSpace.CS_GRAY)) {
            return "grey with colour components other than one";
        }
        String type = switch (cs.getType()) {
            case ColorSpace.TYPE_GRAY -> "grey";
            case ColorSpace.TYPE_RGB -> "RGB";
            case ColorSpace.TYPE_CMYK -> "CMYK";
            case ColorSpace.TYPE_YCbCr -> "YCbCr";
            case ColorSpace.TYPE_Lab -> "Lab";
            case ColorSpace.TYPE_XYZ -> "XYZ";
            default -> "of type " + cs.getType();
        };
        return (cs instanceof ICC_ColorSpace ? "an ICC profile's " : "a ") + type + " colour space"
                + (cs.getType() == ColorSpace.TYPE_GRAY || cs.getType() == ColorSpace.TYPE_RGB ? " other than the standard one" : "");
    }

    private static String dataTypeName(int dataType) {
        return switch (dataType) {
            case DataBuffer.TYPE_BYTE -> "byte";
            case DataBuffer.TYPE_USHORT -> "ushort";
            case DataBuffer.TYPE_SHORT -> "short (signed)";
            case DataBuffer.TYPE_INT -> "int";
            case DataBuffer.TYPE_FLOAT -> "float";
            case DataBuffer.TYPE_DOUBLE -> "double";
            default -> String.valueOf(dataType);
        };
    }

    /** e.g. "a 640x480 TYPE_INT_ARGB_PRE image". */
    static String describe(BufferedImage image) {
        return "a " + image.getWidth() + "x" + image.getHeight() + " " + typeName(image.getType()) + " image";
    }

    private static String typeName(int type) {
        return switch (type) {
            case BufferedImage.TYPE_INT_RGB -> "TYPE_INT_RGB";
            case BufferedImage.TYPE_INT_ARGB -> "TYPE_INT_ARGB";
            case BufferedImage.TYPE_INT_ARGB_PRE -> "TYPE_INT_ARGB_PRE";
            case BufferedImage.TYPE_INT_BGR -> "TYPE_INT_BGR";
            case BufferedImage.TYPE_3BYTE_BGR -> "TYPE_3BYTE_BGR";
            case BufferedImage.TYPE_4BYTE_ABGR -> "TYPE_4BYTE_ABGR";
            case BufferedImage.TYPE_4BYTE_ABGR_PRE -> "TYPE_4BYTE_ABGR_PRE";
            case BufferedImage.TYPE_USHORT_565_RGB -> "TYPE_USHORT_565_RGB";
            case BufferedImage.TYPE_USHORT_555_RGB -> "TYPE_USHORT_555_RGB";
            case BufferedImage.TYPE_BYTE_GRAY -> "TYPE_BYTE_GRAY";
            case BufferedImage.TYPE_USHORT_GRAY -> "TYPE_USHORT_GRAY";
            case BufferedImage.TYPE_BYTE_BINARY -> "TYPE_BYTE_BINARY";
            case BufferedImage.TYPE_BYTE_INDEXED -> "TYPE_BYTE_INDEXED";
            default -> "TYPE_CUSTOM";
        };
    }
}
