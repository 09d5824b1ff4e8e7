import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bilevel benchmark's image tool (single-file Java program, no dependencies):
 * <pre>
 *   java docs/bilevel/Bilevel.java binarize IN.png OUT.png   1-bit grey PNG: grey = (299R + 587G + 114B + 500) / 1000
 *                                                           (integer; grey images: the sample, 16-bit: high byte),
 *                                                           white (1) where grey >= 128, black (0) below
 *   java docs/bilevel/Bilevel.java pbm IN.png OUT.pbm        raw PBM (P4) of a 1-bit grey PNG: 1 (ink) where the
 *                                                           PNG sample is 0
 *   java docs/bilevel/Bilevel.java optimize IN.png OUT.png   the same pixels re-written by ImageIO (1-bit grey)
 *   java docs/bilevel/Bilevel.java crop IN.png X Y W H OUT.png
 *   java docs/bilevel/Bilevel.java text W H POINTS SEED OUT.png   a page of random words (java.util.Random(SEED))
 *                                                           in the logical font Serif, no anti-aliasing, black on
 *                                                           white, 1-bit; fonts differ between machines, so the
 *                                                           benchmark uses the PNGs shipped in testdata/bilevel/
 * </pre>
 * The binarization is the one training uses (io.lcompress.model.Binarized).
 */
public final class Bilevel {
    public static void main(String[] a) throws IOException {
        switch (a[0]) {
            case "binarize" -> write(ink(ImageIO.read(Path.of(a[1]).toFile())), Path.of(a[2]));
            case "pbm" -> pbm(ink(ImageIO.read(Path.of(a[1]).toFile())), Path.of(a[2]));
            case "optimize" -> write(ink(ImageIO.read(Path.of(a[1]).toFile())), Path.of(a[2]));
            case "crop" -> {
                BufferedImage in = ImageIO.read(Path.of(a[1]).toFile());
                write(ink(in.getSubimage(Integer.parseInt(a[2]), Integer.parseInt(a[3]), Integer.parseInt(a[4]),
                        Integer.parseInt(a[5]))), Path.of(a[6]));
            }
            case "text" -> text(Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]),
                    Long.parseLong(a[4]), Path.of(a[5]));
            default -> throw new IllegalArgumentException("unknown command " + a[0]);
        }
    }

    private static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are "
            + "or his from at which but have an they you were her she there been one all we their has would "
            + "when if so no will can more other its into only some could time these two may then do first "
            + "any my now such like our over man me even most made after also did many before must through "
            + "back years where much your way well down should because each just those people how too little "
            + "state good very make world still own see men work long get here between both life being under "
            + "never day same another know while last might us great old year off come since against go came "
            + "right used take three compression entropy arithmetic model probability pixel image network").split(" ");

    static void text(int w, int h, int points, long seed, Path out) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(1, 2, new byte[]{0, -1}, new byte[]{0, -1}, new byte[]{0, -1}));
        java.awt.Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING,
                java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SERIF, java.awt.Font.PLAIN, points));
        java.util.Random rnd = new java.util.Random(seed);
        java.awt.FontMetrics fm = g.getFontMetrics();
        int margin = w / 12;
        int line = fm.getHeight();
        for (int y = margin + fm.getAscent(); y < h - margin; y += line) {
            StringBuilder sb = new StringBuilder();
            while (true) {
                String word = WORDS[rnd.nextInt(WORDS.length)];
                if (fm.stringWidth(sb + " " + word) > w - 2 * margin) {
                    break;
                }
                sb.append(sb.length() == 0 ? "" : " ").append(word);
            }
            g.drawString(sb.toString(), margin, y);
        }
        g.dispose();
        boolean[][] ink = new boolean[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                ink[y][x] = img.getRaster().getSample(x, y, 0) == 0;
            }
        }
        write(ink, out);
    }

    /** Ink bits (1 = black) by the stated rule; the image's samples through its raster, not its colour model. */
    static boolean[][] ink(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        boolean[][] ink = new boolean[h][w];
        java.awt.image.Raster r = img.getRaster();
        int bands = r.getNumBands();
        int bits = img.getColorModel().getComponentSize(0);
        boolean palette = img.getColorModel() instanceof IndexColorModel;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int g;
                if (palette || bands >= 3) {
                    int rgb = img.getRGB(x, y);
                    g = (299 * (rgb >> 16 & 255) + 587 * (rgb >> 8 & 255) + 114 * (rgb & 255) + 500) / 1000;
                } else {
                    int v = r.getSample(x, y, 0);
                    g = bits == 16 ? v >> 8 : bits < 8 ? v * 255 / ((1 << bits) - 1) : v;
                }
                ink[y][x] = g < 128;
            }
        }
        return ink;
    }

    static void write(boolean[][] ink, Path out) throws IOException {
        int h = ink.length;
        int w = ink[0].length;
        BufferedImage o = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(1, 2, new byte[]{0, -1}, new byte[]{0, -1}, new byte[]{0, -1}));
        // TYPE_BYTE_BINARY with a black/white map is written by ImageIO as a 1-bit grey PNG
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                o.getRaster().setSample(x, y, 0, ink[y][x] ? 0 : 1);
            }
        }
        if (!ImageIO.write(o, "png", out.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    static void pbm(boolean[][] ink, Path out) throws IOException {
        int h = ink.length;
        int w = ink[0].length;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("P4\n" + w + " " + h + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int y = 0; y < h; y++) {
            int acc = 0;
            int n = 0;
            for (int x = 0; x < w; x++) {
                acc = acc << 1 | (ink[y][x] ? 1 : 0);
                if (++n == 8) {
                    b.write(acc);
                    acc = 0;
                    n = 0;
                }
            }
            if (n > 0) {
                b.write(acc << (8 - n));
            }
        }
        Files.write(out, b.toByteArray());
    }
}
