package io.lcompress.codec.imageio;

import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageWriterSpi;
import java.util.Locale;

/**
 * The ImageIO service provider of {@link LcImageWriter}: format names {@code lc} and {@code LC}, suffix
 * {@code lc}, MIME type {@code image/x-lc}. {@link #canEncodeImage} is false for image types that cannot
 * be stored exactly ({@link AwtImages}), so {@code ImageIO.write} returns false for them.
 */
public final class LcImageWriterSpi extends ImageWriterSpi {
    public LcImageWriterSpi() {
        super(LcImageReaderSpi.VENDOR, LcImageReaderSpi.VERSION, LcImageReaderSpi.NAMES, LcImageReaderSpi.SUFFIXES,
                LcImageReaderSpi.MIME_TYPES, "io.lcompress.codec.imageio.LcImageWriter", STANDARD_OUTPUT_TYPE,
                new String[]{"io.lcompress.codec.imageio.LcImageReaderSpi"},
                false, null, null, null, null, false, null, null, null, null);
    }

    @Override
    public boolean canEncodeImage(ImageTypeSpecifier type) {
        return AwtImages.refusal(type.getColorModel(), type.getSampleModel()) == null;
    }

    @Override
    public ImageWriter createWriterInstance(Object extension) {
        return new LcImageWriter(this);
    }

    @Override
    public String getDescription(Locale locale) {
        return "lcompress lossless image (.lc) writer";
    }
}
