package io.lcompress.codec.image;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
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
 * PNG reading and writing through the JDK's ImageIO, sample-exact: samples are taken from the
 * decoded raster as stored (no colour conversion, gamma or ICC applied), and written back the same way.
 * Ancillary chunks (text, gamma, ICC profiles) are not kept: lcompress codes pixels.
 *
 * <p>Supported now: 8-bit grey, grey+alpha, RGB and RGBA. Other kinds are refused with a message
 * naming the kind, never silently converted.
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
                reader.setInput(iis, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h * 4 > Integer.MAX_VALUE - 8) {
                    throw new UnsupportedImageException("image too large: " + w + "x" + h);
                }
                BufferedImage img = reader.read(0);
                return fromBufferedImage(img);
            } finally {
                reader.dispose();
            }
        } catch (IIOException e) {
            throw new UnsupportedImageException("corrupt PNG: " + rootMessage(e));
        } catch (RuntimeException e) {
            throw new UnsupportedImageException("corrupt PNG: " + e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static PngImage fromBufferedImage(BufferedImage img) throws UnsupportedImageException {
        ColorModel cm = img.getColorModel();
        WritableRaster r = img.getRaster();
        if (cm instanceof IndexColorModel) {
            throw new UnsupportedImageException("palette (or 1/2/4-bit) PNGs are not supported yet");
        }
        int bands = r.getNumBands();
        for (int b = 0; b < bands; b++) {
            int size = r.getSampleModel().getSampleSize(b);
            if (size != 8) {
                throw new UnsupportedImageException(size + "-bit PNGs are not supported yet (only 8-bit)");
            }
        }
        if (bands < 1 || bands > 4) {
            throw new UnsupportedImageException("PNG with " + bands + " channels is not supported");
        }
        if (cm.hasAlpha() != (bands == 2 || bands == 4)) {
            throw new UnsupportedImageException("unexpected PNG layout: " + bands + " bands, alpha " + cm.hasAlpha());
        }
        int width = img.getWidth();
        int height = img.getHeight();
        Raster out = new Raster(width, height, bands);
        byte[] samples = out.samples();
        int[] row = new int[width * bands];
        int i = 0;
        for (int y = 0; y < height; y++) {
            r.getPixels(0, y, width, 1, row);
            for (int v : row) {
                samples[i++] = (byte) v;
            }
        }
        return new PngImage(out, PngImage.colorTypeFor(bands));
    }

    /** Encodes the image as PNG bytes with the colour type recorded in it. */
    public static byte[] encode(PngImage image) throws IOException {
        Raster src = image.raster();
        int width = src.width();
        int height = src.height();
        int channels = src.channels();
        BufferedImage img = switch (channels) {
            case 1 -> new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            case 3 -> new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            case 4 -> new BufferedImage(width, height, BufferedImage.TYPE_4BYTE_ABGR);
            case 2 -> {
                ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                        Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
                yield new BufferedImage(cm, cm.createCompatibleWritableRaster(width, height), false, null);
            }
            default -> throw new IllegalArgumentException(channels + " channels");
        };
        WritableRaster r = img.getRaster();
        int[] row = new int[width * channels];
        byte[] samples = src.samples();
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int k = 0; k < row.length; k++) {
                row[k] = samples[i++] & 0xFF;
            }
            r.setPixels(0, y, width, 1, row);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer for " + channels + " channels");
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
