package io.lcompress.cli;

import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;

/**
 * Renders "where the bits go": the original image beside a colour-mapped picture of each pixel's
 * code length (bits summed over its channels), with a viridis colour scale (a JFreeChart
 * {@link PaintScaleLegend}) in bits per pixel and a title naming the image, the model and the total.
 * Small images are enlarged by an integer factor (nearest neighbour) and very large ones reduced by
 * an integer factor (block means), identically in both panels.
 */
final class Heatmap {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final int MARGIN = 20;
    static final int GAP = 24;
    static final int TITLE_HEIGHT = 64;
    static final int CAPTION_HEIGHT = 34;
    static final int LEGEND_WIDTH = 130;
    static final int MIN_WIDTH = 720;
    /** Panels smaller than this (longest side) are enlarged by the smallest integer factor reaching it. */
    static final int SMALL = 400;
    /** Panels larger than this (longest side) are reduced by an integer factor. */
    static final int LARGE = 1200;
    /** Percentile of the per-pixel code lengths where the colour scale ends by default. */
    static final double CLIP_PERCENTILE = 99.5;

    private Heatmap() {
    }

    /**
     * Geometry of the output picture: image pixels are shown at {@code up} x {@code up} display pixels,
     * or {@code down} x {@code down} image pixels per display pixel (one of them is 1).
     */
    record Layout(int up, int down, int panelWidth, int panelHeight, int width, int height) {
        int heatX() {
            return MARGIN + panelWidth + GAP;
        }

        int legendX() {
            return heatX() + panelWidth + 8;
        }

        String scaleNote() {
            return up > 1 ? ", shown " + up + "x" : down > 1 ? ", shown 1/" + down : "";
        }
    }

    static Layout layout(int width, int height) {
        int longest = Math.max(width, height);
        int up = 1;
        int down = 1;
        if (longest < SMALL) {
            up = (SMALL + longest - 1) / longest;
        } else if (longest > LARGE) {
            down = (longest + LARGE - 1) / LARGE;
        }
        int pw = up > 1 ? width * up : (width + down - 1) / down;
        int ph = up > 1 ? height * up : (height + down - 1) / down;
        int w = Math.max(MIN_WIDTH, MARGIN + pw + GAP + pw + 8 + LEGEND_WIDTH + MARGIN);
        int h = TITLE_HEIGHT + ph + CAPTION_HEIGHT + MARGIN / 2;
        return new Layout(up, down, pw, ph, w, h);
    }

    /** The colour scale's upper end: a percentile of the code lengths, rounded up to a whole bit. */
    static double defaultScaleMax(float[] bits) {
        float[] sorted = bits.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.min(sorted.length - 1, Math.floor(sorted.length * CLIP_PERCENTILE / 100.0));
        double v = Math.ceil(sorted[idx]);
        return Math.max(1.0, v);
    }

    /**
     * Draws the picture.
     *
     * @param image    the image
     * @param channels the channels its bits per subpixel count (palette images: those of the colours)
     * @param bits     code length of every pixel (width x height, raster order), bits summed over channels
     * @param scaleMax upper end of the colour scale (larger values get the top colour)
     * @param title    first title line (the image's name)
     * @param subtitle second title line (model, totals)
     */
    static BufferedImage render(PngImage image, int channels, float[] bits, double scaleMax, String title,
                                String subtitle) {
        int w = image.width();
        int h = image.height();
        if (bits.length != w * h) {
            throw new IllegalArgumentException("bits per pixel: " + bits.length + " values for " + w + "x" + h);
        }
        Layout lay = layout(w, h);
        Viridis scale = new Viridis(0, scaleMax);
        BufferedImage original = imagePanel(lay, w, h, (x, y) -> displayRgb(image, x, y));
        BufferedImage heat = heatPanel(lay, w, h, (x, y) -> bits[y * w + x], scale);

        BufferedImage out = new BufferedImage(lay.width(), lay.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, lay.width(), lay.height());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            drawFitted(g, title, MARGIN, 28, lay.width() - 2 * MARGIN);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(new Color(0x333333));
            drawFitted(g, subtitle, MARGIN, 50, lay.width() - 2 * MARGIN);

            int top = TITLE_HEIGHT;
            g.drawImage(original, MARGIN, top, null);
            g.drawImage(heat, lay.heatX(), top, null);
            g.setColor(new Color(0x888888));
            g.setStroke(new BasicStroke(1f));
            g.drawRect(MARGIN - 1, top - 1, lay.panelWidth() + 1, lay.panelHeight() + 1);
            g.drawRect(lay.heatX() - 1, top - 1, lay.panelWidth() + 1, lay.panelHeight() + 1);

            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int capY = top + lay.panelHeight() + 18;
            drawFitted(g, "original, " + w + "x" + h + lay.scaleNote(), MARGIN, capY, lay.panelWidth());
            drawFitted(g, "code length: bits per pixel, sum of " + channels + " channel"
                    + (channels == 1 ? "" : "s"), lay.heatX(), capY, lay.panelWidth());

            NumberAxis axis = new NumberAxis("bits per pixel");
            axis.setRange(0, scaleMax);
            axis.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            axis.setAxisLinePaint(Color.DARK_GRAY);
            axis.setTickMarkPaint(Color.DARK_GRAY);
            PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
            legend.setStripWidth(20);
            legend.setSubdivisionCount(256);
            legend.setStripOutlineVisible(true);
            legend.setStripOutlinePaint(new Color(0x888888));
            legend.setAxisOffset(2);
            legend.setMargin(new RectangleInsets(0, 4, 0, 0));
            legend.setBackgroundPaint(Color.WHITE);
            legend.draw(g, new Rectangle2D.Double(lay.legendX(), top, LEGEND_WIDTH, lay.panelHeight()));
        } finally {
            g.dispose();
        }
        return out;
    }

    private interface RgbSource {
        int rgb(int x, int y);
    }

    private interface ValueSource {
        double value(int x, int y);
    }

    /** A panel of RGB pixels, enlarged (nearest) or reduced (block means per channel). */
    private static BufferedImage imagePanel(Layout lay, int w, int h, RgbSource src) {
        BufferedImage img = new BufferedImage(lay.panelWidth(), lay.panelHeight(), BufferedImage.TYPE_INT_RGB);
        int d = lay.down();
        int u = lay.up();
        for (int py = 0; py < lay.panelHeight(); py++) {
            for (int px = 0; px < lay.panelWidth(); px++) {
                int rgb;
                if (u > 1) {
                    rgb = src.rgb(px / u, py / u);
                } else {
                    long r = 0;
                    long gg = 0;
                    long b = 0;
                    int n = 0;
                    for (int y = py * d; y < Math.min(h, py * d + d); y++) {
                        for (int x = px * d; x < Math.min(w, px * d + d); x++) {
                            int c = src.rgb(x, y);
                            r += (c >> 16) & 0xFF;
                            gg += (c >> 8) & 0xFF;
                            b += c & 0xFF;
                            n++;
                        }
                    }
                    rgb = (int) ((r + n / 2) / n) << 16 | (int) ((gg + n / 2) / n) << 8 | (int) ((b + n / 2) / n);
                }
                img.setRGB(px, py, rgb);
            }
        }
        return img;
    }

    /** A panel of colour-mapped values (block means of the values when reduced). */
    private static BufferedImage heatPanel(Layout lay, int w, int h, ValueSource src, Viridis scale) {
        BufferedImage img = new BufferedImage(lay.panelWidth(), lay.panelHeight(), BufferedImage.TYPE_INT_RGB);
        int d = lay.down();
        int u = lay.up();
        for (int py = 0; py < lay.panelHeight(); py++) {
            for (int px = 0; px < lay.panelWidth(); px++) {
                double v;
                if (u > 1) {
                    v = src.value(px / u, py / u);
                } else {
                    double sum = 0;
                    int n = 0;
                    for (int y = py * d; y < Math.min(h, py * d + d); y++) {
                        for (int x = px * d; x < Math.min(w, px * d + d); x++) {
                            sum += src.value(x, y);
                            n++;
                        }
                    }
                    v = sum / n;
                }
                img.setRGB(px, py, scale.rgb(v));
            }
        }
        return img;
    }

    /**
     * The pixel as shown: grey replicated (below 8 bits scaled to 0..255), palette indices looked up, 16-bit
     * samples by their high bytes; alpha composited over a light checkerboard.
     */
    static int displayRgb(PngImage img, int x, int y) {
        Raster r = img.samples();
        int red;
        int green;
        int blue;
        int alpha = 255;
        switch (img.colorType()) {
            case PngImage.PALETTE -> {
                int[] pal = img.palette();
                int i = r.get(x, y, 0);
                int e = pal != null && i < pal.length ? pal[i] : 0;
                red = (e >>> 24) & 0xFF;
                green = (e >>> 16) & 0xFF;
                blue = (e >>> 8) & 0xFF;
                alpha = e & 0xFF;
            }
            case PngImage.GRAY, PngImage.GRAY_ALPHA -> {
                int v = r.get(x, y, 0);
                if (img.bitDepth() < 8) {
                    v = v * 255 / ((1 << img.bitDepth()) - 1);
                }
                red = green = blue = v;
                if (img.colorType() == PngImage.GRAY_ALPHA) {
                    alpha = r.get(x, y, 1);
                }
            }
            default -> {
                red = r.get(x, y, 0);
                green = r.get(x, y, 1);
                blue = r.get(x, y, 2);
                if (r.channels() == 4) {
                    alpha = r.get(x, y, 3);
                }
            }
        }
        if (alpha != 255) {
            int bg = ((x >> 3) + (y >> 3)) % 2 == 0 ? 0xFF : 0xCC;
            red = (red * alpha + bg * (255 - alpha) + 127) / 255;
            green = (green * alpha + bg * (255 - alpha) + 127) / 255;
            blue = (blue * alpha + bg * (255 - alpha) + 127) / 255;
        }
        return red << 16 | green << 8 | blue;
    }

    /** Draws {@code s} at (x, baseline), cut with an ellipsis to fit {@code maxWidth}. */
    private static void drawFitted(Graphics2D g, String s, int x, int y, int maxWidth) {
        FontMetrics fm = g.getFontMetrics();
        String t = s;
        if (fm.stringWidth(t) > maxWidth) {
            while (t.length() > 1 && fm.stringWidth(t + "…") > maxWidth) {
                t = t.substring(0, t.length() - 1);
            }
            t = t + "…";
        }
        g.drawString(t, x, y);
    }

    static String describeScale(double scaleMax, float[] bits, boolean userMax) {
        float max = 0;
        for (float b : bits) {
            max = Math.max(max, b);
        }
        if (max <= scaleMax) {
            return String.format(Locale.ROOT, "colour scale 0..%.4g bits per pixel", scaleMax);
        }
        return String.format(Locale.ROOT, "colour scale 0..%.4g bits per pixel (%s; the largest, %.1f bits, shows as %.4g)",
                scaleMax, userMax ? "--max" : CLIP_PERCENTILE + "th percentile", max, scaleMax);
    }
}
