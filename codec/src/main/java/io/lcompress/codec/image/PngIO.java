package io.lcompress.codec.image;

import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * PNG reading and writing through the JDK's ImageIO, sample-exact: the colour type, bit depth and
 * interlacing come from the file's IHDR, the samples straight from the decoded raster (no colour
 * conversion, gamma or ICC applied), the palette from PLTE and tRNS. Writing restores colour type, bit
 * depth, palette and interlacing. Other ancillary chunks (text, gamma, ICC profiles) are not kept:
 * lcompress codes pixels.
 *
 * <p>Every PNG kind is supported (grey 1/2/4/8/16, grey+alpha 8/16, RGB 8/16, RGBA 8/16, palette
 * 1/2/4/8 with or without tRNS, interlaced or not), except a tRNS colour key on grey or RGB images,
 * which is refused with a message rather than silently dropped.
 */
public final class PngIO {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final String FORMAT = "javax_imageio_png_1.0";

    private PngIO() {
    }

    /** Thrown for input that is not a PNG lcompress can code; the message is for the user. */
    public static final class UnsupportedImageException extends IOException {
        public UnsupportedImageException(String message) {
            super(message);
        }
    }

    public static PngImage read(Path path) throws IOException {
        return read(Files.readAllBytes(path));
    }

    public static PngImage read(byte[] data) throws IOException {
        if (!startsWith(data, PNG_MAGIC)) {
            if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
                throw new UnsupportedImageException("JPEG input is not supported: its pixels are already lossy, "
                        + "and coding them losslessly is larger than the JPEG itself");
            }
            throw new UnsupportedImageException("not a PNG file");
        }
        try (InputStream in = new ByteArrayInputStream(data);
             ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
            if (!readers.hasNext()) {
                throw new IOException("no PNG reader in this JVM");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, false);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h * 4 > Integer.MAX_VALUE - 8) {
                    throw new UnsupportedImageException("image too large: " + w + "x" + h
                            + " (at most 2^31 samples per image)");
                }
                IIOMetadata meta = reader.getImageMetadata(0);
                Node root = meta.getAsTree(FORMAT);
                BufferedImage img = reader.read(0);
                return fromBufferedImage(img, root);
            } finally {
                reader.dispose();
            }
        } catch (IIOException e) {
            throw new UnsupportedImageException("corrupt PNG: " + rootMessage(e));
        } catch (UnsupportedImageException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            throw new UnsupportedImageException("corrupt PNG: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static Node child(Node n, String name) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeName().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private static String attr(Node n, String name) {
        NamedNodeMap a = n.getAttributes();
        Node v = a == null ? null : a.getNamedItem(name);
        return v == null ? null : v.getNodeValue();
    }

    private static PngImage fromBufferedImage(BufferedImage img, Node root) throws UnsupportedImageException {
        Node ihdr = child(root, "IHDR");
        if (ihdr == null) {
            throw new UnsupportedImageException("corrupt PNG: no IHDR");
        }
        int bitDepth = Integer.parseInt(attr(ihdr, "bitDepth"));
        int colorType = switch (attr(ihdr, "colorType")) {
            case "Gray" -> PngImage.GRAY;
            case "RGB" -> PngImage.RGB;
            case "Palette" -> PngImage.PALETTE;
            case "GrayAlpha" -> PngImage.GRAY_ALPHA;
            case "RGBAlpha" -> PngImage.RGBA;
            default -> throw new UnsupportedImageException("unknown PNG colour type " + attr(ihdr, "colorType"));
        };
        boolean interlaced = "adam7".equals(attr(ihdr, "interlaceMethod"));
        Node trns = child(root, "tRNS");
        if (trns != null && colorType != PngImage.PALETTE) {
            throw new UnsupportedImageException(PngImage.describe(colorType)
                    + " PNG with a tRNS transparent colour is not supported yet (the colour key would be lost)");
        }
        int channels = switch (colorType) {
            case PngImage.GRAY, PngImage.PALETTE -> 1;
            case PngImage.GRAY_ALPHA -> 2;
            case PngImage.RGB -> 3;
            default -> 4;
        };
        int[] palette = null;
        if (colorType == PngImage.PALETTE) {
            Node plte = child(root, "PLTE");
            if (plte == null) {
                throw new UnsupportedImageException("corrupt PNG: palette image without PLTE");
            }
            int n = 0;
            for (Node e = plte.getFirstChild(); e != null; e = e.getNextSibling()) {
                n = Math.max(n, Integer.parseInt(attr(e, "index")) + 1);
            }
            palette = new int[n];
            for (Node e = plte.getFirstChild(); e != null; e = e.getNextSibling()) {
                int i = Integer.parseInt(attr(e, "index"));
                palette[i] = Integer.parseInt(attr(e, "red")) << 24 | Integer.parseInt(attr(e, "green")) << 16
                        | Integer.parseInt(attr(e, "blue")) << 8 | 0xFF;
            }
            Node tp = trns == null ? null : child(trns, "TRNS_Palette");
            if (tp != null) {
                for (Node e = tp.getFirstChild(); e != null; e = e.getNextSibling()) {
                    int i = Integer.parseInt(attr(e, "index"));
                    if (i < n) {
                        palette[i] = (palette[i] & 0xFFFFFF00) | Integer.parseInt(attr(e, "alpha"));
                    }
                }
            }
        }
        WritableRaster r = img.getRaster();
        if (r.getNumBands() != channels) {
            throw new UnsupportedImageException("unexpected PNG layout: " + r.getNumBands() + " bands for "
                    + PngImage.describe(colorType));
        }
        int width = img.getWidth();
        int height = img.getHeight();
        Raster hi = new Raster(width, height, channels);
        Raster lo = bitDepth == 16 ? new Raster(width, height, channels) : null;
        byte[] hs = hi.samples();
        byte[] ls = lo == null ? null : lo.samples();
        int max = (1 << bitDepth) - 1;
        int[] row = new int[width * channels];
        int i = 0;
        for (int y = 0; y < height; y++) {
            r.getPixels(0, y, width, 1, row);
            for (int v : row) {
                if (v < 0 || v > max) {
                    throw new UnsupportedImageException("corrupt PNG: sample " + v + " out of range");
                }
                if (ls != null) {
                    hs[i] = (byte) (v >>> 8);
                    ls[i] = (byte) v;
                } else {
                    hs[i] = (byte) v;
                }
                if (palette != null && v >= palette.length) {
                    throw new UnsupportedImageException("corrupt PNG: palette index " + v + " >= " + palette.length);
                }
                i++;
            }
        }
        return new PngImage(colorType, bitDepth, interlaced, hi, lo, palette);
    }

    /** Encodes the image as PNG bytes with its colour type, bit depth, palette and interlacing. */
    public static byte[] encode(PngImage image) throws IOException {
        Raster src = image.samples();
        int width = src.width();
        int height = src.height();
        int channels = src.channels();
        int depth = image.bitDepth();
        BufferedImage img = switch (image.colorType()) {
            case PngImage.PALETTE -> {
                int[] p = image.palette();
                byte[] rr = new byte[p.length];
                byte[] gg = new byte[p.length];
                byte[] bb = new byte[p.length];
                byte[] aa = new byte[p.length];
                boolean alpha = false;
                for (int k = 0; k < p.length; k++) {
                    rr[k] = (byte) (p[k] >>> 24);
                    gg[k] = (byte) (p[k] >>> 16);
                    bb[k] = (byte) (p[k] >>> 8);
                    aa[k] = (byte) p[k];
                    alpha |= (p[k] & 0xFF) != 0xFF;
                }
                IndexColorModel cm = alpha ? new IndexColorModel(depth, p.length, rr, gg, bb, aa)
                        : new IndexColorModel(depth, p.length, rr, gg, bb);
                yield depth == 8 ? new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, cm)
                        : new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY, cm);
            }
            case PngImage.GRAY -> {
                if (depth < 8) {
                    int n = 1 << depth;
                    byte[] ramp = new byte[n];
                    for (int k = 0; k < n; k++) {
                        ramp[k] = (byte) (k * 255 / (n - 1));
                    }
                    yield new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY,
                            new IndexColorModel(depth, n, ramp, ramp, ramp));
                }
                yield depth == 16 ? new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY)
                        : new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            }
            default -> {
                boolean alpha = image.colorType() == PngImage.GRAY_ALPHA || image.colorType() == PngImage.RGBA;
                ColorSpace cs = ColorSpace.getInstance(image.colorType() == PngImage.GRAY_ALPHA
                        ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
                ColorModel cm = new ComponentColorModel(cs, alpha, false,
                        alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                        depth == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
                yield new BufferedImage(cm, cm.createCompatibleWritableRaster(width, height), false, null);
            }
        };
        WritableRaster r = img.getRaster();
        int[] row = new int[width * channels];
        byte[] hs = src.samples();
        byte[] ls = image.low() == null ? null : image.low().samples();
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int k = 0; k < row.length; k++, i++) {
                row[k] = ls == null ? hs[i] & 0xFF : (hs[i] & 0xFF) << 8 | (ls[i] & 0xFF);
            }
            r.setPixels(0, y, width, 1, row);
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer in this JVM");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(image.interlaced() ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
            IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
            writer.write(null, new IIOImage(img, null, meta), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
