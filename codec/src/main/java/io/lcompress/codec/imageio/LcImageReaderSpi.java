package io.lcompress.codec.imageio;

import io.lcompress.codec.container.LcFormat;

import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The ImageIO service provider of {@link LcImageReader}: format names {@code lc} and {@code LC}, suffix
 * {@code lc}, MIME type {@code image/x-lc}. Registered in {@code META-INF/services}, so
 * {@code ImageIO.read(new File("x.lc"))} works with the codec jar on the class path.
 */
public final class LcImageReaderSpi extends ImageReaderSpi {
    static final String VENDOR = "lcompress";
    static final String VERSION = "0.1.0";
    static final String[] NAMES = {"lc", "LC"};
    static final String[] SUFFIXES = {"lc"};
    static final String[] MIME_TYPES = {"image/x-lc"};

    public LcImageReaderSpi() {
        super(VENDOR, VERSION, NAMES, SUFFIXES, MIME_TYPES, "io.lcompress.codec.imageio.LcImageReader",
                STANDARD_INPUT_TYPE, new String[]{"io.lcompress.codec.imageio.LcImageWriterSpi"},
                false, null, null, null, null, false, null, null, null, null);
    }

    /** Whether the stream starts with the {@code .lc} magic bytes; the stream's position is kept. */
    @Override
    public boolean canDecodeInput(Object source) throws IOException {
        if (!(source instanceof ImageInputStream in)) {
            return false;
        }
        byte[] magic = new byte[3];
        in.mark();
        try {
            for (int n = 0; n < magic.length; ) {
                int r = in.read(magic, n, magic.length - n);
                if (r < 0) {
                    return false;
                }
                n += r;
            }
            return LcFormat.hasMagic(magic);
        } finally {
            in.reset();
        }
    }

    @Override
    public ImageReader createReaderInstance(Object extension) {
        return new LcImageReader(this);
    }

    @Override
    public String getDescription(Locale locale) {
        return "lcompress lossless image (.lc) reader";
    }
}
