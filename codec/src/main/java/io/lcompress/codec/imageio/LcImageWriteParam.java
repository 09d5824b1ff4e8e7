package io.lcompress.codec.imageio;

import io.lcompress.codec.coding.Effort;

import javax.imageio.ImageWriteParam;
import java.util.Locale;

/**
 * Write parameters of {@link LcImageWriter}: the effort level, 1 (fastest) to 9 (smallest), by
 * {@link #setEffort} or, as for ImageIO's PNG writer, by the compression quality in explicit
 * compression mode: quality 1 is the fastest level, 0 the smallest, effort = 9 - round(8 x quality).
 * Without either the writer uses the default level ({@link Effort#DEFAULT}). Compression is always
 * lossless.
 */
public final class LcImageWriteParam extends ImageWriteParam {
    /** The one compression type. */
    public static final String COMPRESSION_TYPE = "lc";

    public LcImageWriteParam(Locale locale) {
        super(locale);
        canWriteCompressed = true;
        compressionTypes = new String[]{COMPRESSION_TYPE};
        compressionType = COMPRESSION_TYPE;
        compressionQuality = qualityFor(Effort.DEFAULT.level());
    }

    /** Sets explicit compression mode at this effort level, 1..9. */
    public void setEffort(int level) {
        Effort.of(level);
        setCompressionMode(MODE_EXPLICIT);
        if (getCompressionType() == null) {
            setCompressionType(COMPRESSION_TYPE);
        }
        setCompressionQuality(qualityFor(level));
    }

    /** The effort level these parameters ask for: from the quality in explicit mode, else the default. */
    public int getEffort() {
        return effortOf(this);
    }

    @Override
    public boolean isCompressionLossless() {
        super.isCompressionLossless();      // checks the mode and type as ImageWriteParam specifies
        return true;
    }

    /** The compression quality of an effort level: (9 - level) / 8. */
    public static float qualityFor(int level) {
        return (Effort.MAX - level) / (float) (Effort.MAX - Effort.MIN);
    }

    /** The effort level of any write parameters (null: the default). */
    static int effortOf(ImageWriteParam p) {
        if (p != null && p.canWriteCompressed() && p.getCompressionMode() == MODE_EXPLICIT
                && p.getCompressionType() != null) {
            return Effort.MAX - Math.round(p.getCompressionQuality() * (Effort.MAX - Effort.MIN));
        }
        return Effort.DEFAULT.level();
    }
}
