import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Small photos for training the small-image network, made the way ImageNet32/64 and CIFAR-10 were:
 * each photo of the given folders is shrunk by exact box averaging (every output pixel the rounded mean
 * of a factor x factor block, per channel) at each factor, and the result is cut into 32x32 tiles
 * (whole tiles only, from the top-left corner). Grey and other non-RGB photos are skipped.
 *
 * <pre>java model/data/SmallPhotos.java OUT_DIR FACTORS FOLDER...   (FACTORS e.g. 4,8,16)</pre>
 */
public final class SmallPhotos {
    private static final int TILE = 32;

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java SmallPhotos.java OUT_DIR FACTORS FOLDER...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        List<Integer> factors = new ArrayList<>();
        for (String f : args[1].split(",")) {
            factors.add(Integer.parseInt(f.trim()));
        }
        int tiles = 0;
        int photos = 0;
        for (int a = 2; a < args.length; a++) {
            List<Path> files;
            try (Stream<Path> s = Files.list(Path.of(args[a]))) {
                files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
            }
            String folder = Path.of(args[a]).getFileName().toString();
            for (Path f : files) {
                BufferedImage img = ImageIO.read(f.toFile());
                if (img == null || img.getColorModel().getNumComponents() != 3 || img.getColorModel().getComponentSize(0) != 8) {
                    continue;
                }
                photos++;
                String stem = folder + "-" + f.getFileName().toString().replace(".png", "");
                for (int factor : factors) {
                    int w = img.getWidth() / factor;
                    int h = img.getHeight() / factor;
                    for (int ty = 0; ty + TILE <= h; ty += TILE) {
                        for (int tx = 0; tx + TILE <= w; tx += TILE) {
                            BufferedImage tile = new BufferedImage(TILE, TILE, BufferedImage.TYPE_INT_RGB);
                            for (int y = 0; y < TILE; y++) {
                                for (int x = 0; x < TILE; x++) {
                                    tile.setRGB(x, y, boxMean(img, (tx + x) * factor, (ty + y) * factor, factor));
                                }
                            }
                            String name = String.format("%s-f%02d-%03d-%03d.png", stem, factor, ty / TILE, tx / TILE);
                            ImageIO.write(tile, "png", out.resolve(name).toFile());
                            tiles++;
                        }
                    }
                }
            }
        }
        System.out.printf("%d photos, %d tiles of %dx%d in %s%n", photos, tiles, TILE, TILE, out);
    }

    /** The rounded mean of each channel over the factor x factor block at (x0, y0), as packed RGB. */
    private static int boxMean(BufferedImage img, int x0, int y0, int factor) {
        int r = 0;
        int g = 0;
        int b = 0;
        for (int y = y0; y < y0 + factor; y++) {
            for (int x = x0; x < x0 + factor; x++) {
                int p = img.getRGB(x, y);
                r += p >> 16 & 0xFF;
                g += p >> 8 & 0xFF;
                b += p & 0xFF;
            }
        }
        int n = factor * factor;
        return (r + n / 2) / n << 16 | (g + n / 2) / n << 8 | (b + n / 2) / n;
    }
}
