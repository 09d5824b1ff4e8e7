package io.lcompress.codec.imageio;

import io.lcompress.codec.coding.Effort;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.image.PngImage;

import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes {@code .lc} files through ImageIO: one image per file, stored exactly as the PNG kind its type
 * maps to ({@link AwtImages}); an image that cannot be stored exactly throws {@link IIOException} saying
 * why. The effort level comes from {@link LcImageWriteParam} (or any parameters' compression quality in
 * explicit mode), else the default, 7. Source region and subsampling are honoured, source bands are not.
 * Encodes with one thread per processor (the file does not depend on it). No metadata; rasters without a
 * colour model cannot be written.
 */
public final class LcImageWriter extends ImageWriter {
    LcImageWriter(ImageWriterSpi spi) {
        super(spi);
    }

    @Override
    public ImageWriteParam getDefaultWriteParam() {
        return new LcImageWriteParam(getLocale());
    }

    @Override
    public IIOMetadata getDefaultStreamMetadata(ImageWriteParam param) {
        return null;
    }

    @Override
    public IIOMetadata getDefaultImageMetadata(ImageTypeSpecifier imageType, ImageWriteParam param) {
        return null;
    }

    @Override
    public IIOMetadata convertStreamMetadata(IIOMetadata inData, ImageWriteParam param) {
        return null;
    }

    @Override
    public IIOMetadata convertImageMetadata(IIOMetadata inData, ImageTypeSpecifier imageType, ImageWriteParam param) {
        return null;
    }

    @Override
    public void write(IIOMetadata streamMetadata, IIOImage image, ImageWriteParam param) throws IOException {
        Object output = getOutput();
        if (output == null) {
            throw new IllegalStateException("no output set");
        }
        if (image == null) {
            throw new IllegalArgumentException("image is null");
        }
        if (image.hasRaster()) {
            throw new UnsupportedOperationException("the lc writer cannot write a Raster (it has no colour model)");
        }
        BufferedImage img = selectRegion(toBufferedImage(image.getRenderedImage()), param);
        int effort = LcImageWriteParam.effortOf(param);
        clearAbortRequest();
        processImageStarted(0);
        PngImage png;
        try {
            png = AwtImages.toPngImage(img);
        } catch (IllegalArgumentException e) {
            throw new IIOException(e.getMessage(), e);
        }
        byte[] file;
        try {
            file = LcCodec.encode(png, Effort.of(effort).model(), Runtime.getRuntime().availableProcessors()).file();
        } catch (UncheckedIOException e) {          // too large for the format
            throw new IIOException(e.getCause().getMessage(), e.getCause());
        }
        if (abortRequested()) {
            processWriteAborted();
            return;
        }
        ImageOutputStream out = (ImageOutputStream) output;
        out.write(file);
        out.flush();
        processImageProgress(100f);
        processImageComplete();
    }

    private static BufferedImage toBufferedImage(RenderedImage image) throws IIOException {
        if (image instanceof BufferedImage b) {
            return b;
        }
        ColorModel cm = image.getColorModel();
        if (cm == null) {
            throw new IIOException("the image has no colour model");
        }
        Raster data = image.getData();
        WritableRaster raster = data.createCompatibleWritableRaster(image.getWidth(), image.getHeight());
        raster.setRect(-data.getMinX(), -data.getMinY(), data);
        try {
            return new BufferedImage(cm, raster, cm.isAlphaPremultiplied(), null);
        } catch (IllegalArgumentException e) {
            throw new IIOException("the image's colour model does not fit its samples: " + e.getMessage(), e);
        }
    }

    /** The part of the image the parameters' source region and subsampling select (a copy, or the image). */
    private static BufferedImage selectRegion(BufferedImage img, ImageWriteParam param) throws IIOException {
        if (param == null) {
            return img;
        }
        if (param.getSourceBands() != null) {
            throw new IIOException("the lc writer does not write a selection of bands");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        Rectangle region = new Rectangle(0, 0, w, h);
        if (param.getSourceRegion() != null) {
            region = region.intersection(param.getSourceRegion());
        }
        int periodX = param.getSourceXSubsampling();
        int periodY = param.getSourceYSubsampling();
        int x0 = region.x + param.getSubsamplingXOffset();
        int y0 = region.y + param.getSubsamplingYOffset();
        int width = (region.x + region.width - x0 + periodX - 1) / periodX;
        int height = (region.y + region.height - y0 + periodY - 1) / periodY;
        if (region.isEmpty() || width <= 0 || height <= 0) {
            throw new IIOException("the source region selects no pixels");
        }
        if (x0 == 0 && y0 == 0 && periodX == 1 && periodY == 1 && width == w && height == h) {
            return img;
        }
        ColorModel cm = img.getColorModel();
        WritableRaster out = cm.createCompatibleWritableRaster(width, height);
        Raster src = img.getRaster();
        int bands = src.getNumBands();
        int span = (width - 1) * periodX + 1;
        int[] row = new int[span * bands];
        int[] picked = new int[width * bands];
        for (int j = 0; j < height; j++) {
            src.getPixels(src.getMinX() + x0, src.getMinY() + y0 + j * periodY, span, 1, row);
            for (int i = 0; i < width; i++) {
                System.arraycopy(row, i * periodX * bands, picked, i * bands, bands);
            }
            out.setPixels(0, j, width, 1, picked);
        }
        return new BufferedImage(cm, out, cm.isAlphaPremultiplied(), null);
    }
}
