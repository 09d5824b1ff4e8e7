package io.lcompress.codec.imageio;

import io.lcompress.codec.Limits;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;

import javax.imageio.IIOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * Reads {@code .lc} files through ImageIO: one image per file, of the type {@link AwtImages#imageType}
 * gives its PNG kind, its samples checked against the file's pixel checksum. The whole stream is read
 * into memory (the codec decodes from bytes), then decoded with one thread per processor within the
 * default pixel limit ({@link Limits#DEFAULT}); {@link #getWidth} and {@link #getHeight} tell the size
 * before anything of it is allocated. An invalid file throws {@link IIOException} whose cause is the
 * codec's {@link FormatException}. {@link ImageReadParam}'s source region, subsampling, bands,
 * destination offset and destination (of the same number and sizes of bands) are honoured, after the
 * whole image is decoded. No metadata.
 */
public final class LcImageReader extends ImageReader {
    private byte[] file;
    private LcHeader header;
    private IIOException failure;

    LcImageReader(ImageReaderSpi spi) {
        super(spi);
    }

    @Override
    public void setInput(Object input, boolean seekForwardOnly, boolean ignoreMetadata) {
        super.setInput(input, seekForwardOnly, ignoreMetadata);
        file = null;
        header = null;
        failure = null;
    }

    @Override
    public void reset() {
        super.reset();
        file = null;
        header = null;
        failure = null;
    }

    @Override
    public void dispose() {
        file = null;
        header = null;
    }

    /** Reads the stream (once) and validates the header. */
    private LcHeader header() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (header == null) {
            Object input = getInput();
            if (input == null) {
                throw new IllegalStateException("no input set");
            }
            byte[] bytes = readAll((ImageInputStream) input);
            try {
                header = LcFormat.read(bytes).header();
                file = bytes;
            } catch (FormatException e) {
                failure = new IIOException("not a valid .lc file: " + e.getMessage(), e);
                throw failure;
            }
        }
        return header;
    }

    private static byte[] readAll(ImageInputStream in) throws IOException {
        long length = in.length();
        long remaining = length < 0 ? -1 : length - in.getStreamPosition();
        if (remaining > Integer.MAX_VALUE - 8) {
            throw new IIOException("file of " + remaining + " bytes too large to read");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(remaining > 0 ? (int) remaining : 1 << 16);
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }

    private static void checkIndex(int imageIndex) {
        if (imageIndex != 0) {
            throw new IndexOutOfBoundsException("an .lc file holds one image (index 0): " + imageIndex);
        }
    }

    @Override
    public int getNumImages(boolean allowSearch) throws IOException {
        header();
        return 1;
    }

    @Override
    public int getWidth(int imageIndex) throws IOException {
        checkIndex(imageIndex);
        return header().pngWidth();
    }

    @Override
    public int getHeight(int imageIndex) throws IOException {
        checkIndex(imageIndex);
        return header().pngHeight();
    }

    @Override
    public ImageTypeSpecifier getRawImageType(int imageIndex) throws IOException {
        checkIndex(imageIndex);
        return AwtImages.imageType(header());
    }

    @Override
    public Iterator<ImageTypeSpecifier> getImageTypes(int imageIndex) throws IOException {
        return List.of(getRawImageType(imageIndex)).iterator();
    }

    @Override
    public IIOMetadata getStreamMetadata() {
        return null;
    }

    @Override
    public IIOMetadata getImageMetadata(int imageIndex) {
        checkIndex(imageIndex);
        return null;
    }

    /** Thrown from the decoder's progress callback when {@link #abort()} was called. */
    private static final class Aborted extends IOException {
        final BufferedImage partial;

        Aborted(BufferedImage partial) {
            super("aborted", null);
            this.partial = partial;
        }
    }

    @Override
    public BufferedImage read(int imageIndex, ImageReadParam param) throws IOException {
        checkIndex(imageIndex);
        LcHeader h = header();
        clearAbortRequest();
        processImageStarted(imageIndex);
        BufferedImage decoded;
        try {
            decoded = AwtImages.decode(file, Runtime.getRuntime().availableProcessors(), Limits.DEFAULT,
                    (image, done) -> {
                        processImageProgress(100f * done / h.pngHeight());
                        if (abortRequested()) {
                            throw new Aborted(image);
                        }
                    });
        } catch (Aborted a) {
            processReadAborted();
            return a.partial;
        } catch (FormatException e) {
            throw new IIOException("not a valid .lc file: " + e.getMessage(), e);
        }
        BufferedImage out = isDefault(param) ? decoded : applyParam(decoded, param, imageIndex);
        processImageComplete();
        return out;
    }

    private static boolean isDefault(ImageReadParam p) {
        return p == null || p.getSourceRegion() == null && p.getSourceXSubsampling() == 1
                && p.getSourceYSubsampling() == 1 && p.getSubsamplingXOffset() == 0 && p.getSubsamplingYOffset() == 0
                && p.getSourceBands() == null && p.getDestinationBands() == null && p.getDestination() == null
                && p.getDestinationType() == null && p.getDestinationOffset().equals(new Point(0, 0));
    }

    /** Copies the decoded image into the destination the parameters ask for. */
    private BufferedImage applyParam(BufferedImage decoded, ImageReadParam param, int imageIndex) throws IOException {
        int w = decoded.getWidth();
        int h = decoded.getHeight();
        BufferedImage dest = getDestination(param, getImageTypes(imageIndex), w, h);
        Raster src = decoded.getRaster();
        checkReadParamBandSettings(param, src.getNumBands(), dest.getSampleModel().getNumBands());
        if (param.getSourceBands() != null) {
            src = src.createChild(0, 0, w, h, 0, 0, param.getSourceBands());
        }
        WritableRaster dst = dest.getRaster();
        if (param.getDestinationBands() != null) {
            dst = dst.createWritableChild(dst.getMinX(), dst.getMinY(), dst.getWidth(), dst.getHeight(),
                    dst.getMinX(), dst.getMinY(), param.getDestinationBands());
        }
        int bands = src.getNumBands();
        if (dst.getNumBands() != bands) {
            throw new IIOException("the destination has " + dst.getNumBands() + " bands for " + bands + " source bands");
        }
        for (int b = 0; b < bands; b++) {
            if (dst.getSampleModel().getSampleSize(b) != src.getSampleModel().getSampleSize(b)) {
                throw new IIOException("the destination's band " + b + " has " + dst.getSampleModel().getSampleSize(b)
                        + " bits per sample, the image's " + src.getSampleModel().getSampleSize(b));
            }
        }
        Rectangle srcRegion = new Rectangle();
        Rectangle dstRegion = new Rectangle();
        computeRegions(param, w, h, dest, srcRegion, dstRegion);
        int periodX = param.getSourceXSubsampling();
        int periodY = param.getSourceYSubsampling();
        if (dstRegion.width <= 0 || dstRegion.height <= 0) {
            return dest;
        }
        int span = (dstRegion.width - 1) * periodX + 1;
        int[] row = new int[span * bands];
        int[] out = new int[dstRegion.width * bands];
        for (int j = 0; j < dstRegion.height; j++) {
            src.getPixels(srcRegion.x, srcRegion.y + j * periodY, span, 1, row);
            for (int i = 0; i < dstRegion.width; i++) {
                System.arraycopy(row, i * periodX * bands, out, i * bands, bands);
            }
            dst.setPixels(dst.getMinX() + dstRegion.x, dst.getMinY() + dstRegion.y + j, dstRegion.width, 1, out);
        }
        return dest;
    }
}
