package io.lcompress.model;

import io.lcompress.codec.image.Raster;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** PNG reading for training (javax.imageio), exact 8-bit samples. */
public final class Images {
    private Images() {
    }

    /**
     * Reads an 8-bit PNG as a raster with 3 (RGB) or 1 (grey) channels. Palette images are expanded to
     * RGB exactly. Refuses images with alpha or with more than 8 bits per sample.
     */
    public static Raster read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not a readable image");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel) {
            if (cm.hasAlpha()) {
                throw new IOException(file + ": palette image with transparency is not supported");
            }
            byte[] s = new byte[w * h * 3];
            int o = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = img.getRGB(x, y);
                    s[o++] = (byte) (rgb >> 16);
                    s[o++] = (byte) (rgb >> 8);
                    s[o++] = (byte) rgb;
                }
            }
            return Raster.wrap(w, h, 3, s);
        }
        if (cm.hasAlpha()) {
            throw new IOException(file + ": images with alpha are not supported");
        }
        java.awt.image.Raster r = img.getRaster();
        SampleModel sm = r.getSampleModel();
        int bands = sm.getNumBands();
        if (bands != 3 && bands != 1) {
            throw new IOException(file + ": " + bands + " bands not supported");
        }
        for (int b = 0; b < bands; b++) {
            if (sm.getSampleSize(b) != 8) {
                throw new IOException(file + ": " + sm.getSampleSize(b) + "-bit samples not supported (8-bit only)");
            }
        }
        byte[] s = new byte[w * h * bands];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            r.getPixels(0, y, w, 1, row);
            int o = y * w * bands;
            for (int i = 0; i < row.length; i++) {
                s[o + i] = (byte) row[i];
            }
        }
        return Raster.wrap(w, h, bands, s);
    }

    /** The *.png files of a folder, sorted by file name. */
    public static List<Path> pngs(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".png")).sorted().forEach(out::add);
        }
        if (out.isEmpty()) {
            throw new IOException(dir + ": no .png files");
        }
        return out;
    }
}
