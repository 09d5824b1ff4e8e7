package io.lcompress.codec.image;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
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

    public static PngImage read(byte[] data, io.lcompress.codec.Limits limits) throws IOException {
        return read(data);   // placeholder until the strict reader lands
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
                Chunks chunks = scanChunks(data);
                BufferedImage img = reader.read(0);
                return fromBufferedImage(img, chunks);
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

    /** The chunks that define the samples' meaning: IHDR fields, PLTE and tRNS (read directly). */
    private record Chunks(int bitDepth, int colorType, boolean interlaced, byte[] plte, byte[] trns) {
    }

    private static Chunks scanChunks(byte[] data) throws UnsupportedImageException {
        int pos = 8;
        Integer depth = null;
        int colorType = -1;
        boolean interlaced = false;
        byte[] plte = null;
        byte[] trns = null;
        while (pos + 8 <= data.length) {
            long length = ((data[pos] & 0xFFL) << 24) | ((data[pos + 1] & 0xFF) << 16) | ((data[pos + 2] & 0xFF) << 8)
                    | (data[pos + 3] & 0xFF);
            String type = new String(data, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            long next = pos + 12 + length;
            if (length > Integer.MAX_VALUE || next > data.length) {
                throw new UnsupportedImageException("corrupt PNG: truncated " + type + " chunk");
            }
            int start = pos + 8;
            switch (type) {
                case "IHDR" -> {
                    if (length < 13) {
                        throw new UnsupportedImageException("corrupt PNG: short IHDR");
                    }
                    depth = data[start + 8] & 0xFF;
                    colorType = data[start + 9] & 0xFF;
                    interlaced = data[start + 12] != 0;
                }
                case "PLTE" -> plte = java.util.Arrays.copyOfRange(data, start, start + (int) length);
                case "tRNS" -> trns = java.util.Arrays.copyOfRange(data, start, start + (int) length);
                default -> {
                }
            }
            if (type.equals("IEND") || type.equals("IDAT")) {
                break;   // PLTE and tRNS come before the image data
            }
            pos = (int) next;
        }
        if (depth == null) {
            throw new UnsupportedImageException("corrupt PNG: no IHDR");
        }
        return new Chunks(depth, colorType, interlaced, plte, trns);
    }

    private static PngImage fromBufferedImage(BufferedImage img, Chunks chunks) throws UnsupportedImageException {
        int bitDepth = chunks.bitDepth();
        int colorType = chunks.colorType();
        if (colorType != 0 && colorType != 2 && colorType != 3 && colorType != 4 && colorType != 6) {
            throw new UnsupportedImageException("unknown PNG colour type " + colorType);
        }
        boolean interlaced = chunks.interlaced();
        if (chunks.trns() != null && colorType != PngImage.PALETTE) {
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
            byte[] plte = chunks.plte();
            if (plte == null || plte.length % 3 != 0 || plte.length == 0 || plte.length / 3 > (1 << bitDepth)) {
                throw new UnsupportedImageException("corrupt PNG: palette image with a bad PLTE");
            }
            int n = plte.length / 3;
            palette = new int[n];
            byte[] trns = chunks.trns();
            for (int i = 0; i < n; i++) {
                int a = trns != null && i < trns.length ? trns[i] & 0xFF : 0xFF;
                palette[i] = (plte[3 * i] & 0xFF) << 24 | (plte[3 * i + 1] & 0xFF) << 16 | (plte[3 * i + 2] & 0xFF) << 8 | a;
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
        return PngWriter.write(image);
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
