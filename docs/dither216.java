// Reduces a photo to the 216 colours of the 6x6x6 "web" palette with Floyd-Steinberg error diffusion
// (left to right, no serpentine) and writes it as an RGB PNG: the independent check of the colour
// histogram stage in docs/BENCHMARKS.md (Session 12) on images it was not tuned on.
// Usage (Java 11+ runs a single source file): java docs/dither216.java IN.png OUT.png
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;

public class Dither216 {
    public static void main(String[] args) throws Exception {
        BufferedImage in = ImageIO.read(new File(args[0]));
        int w = in.getWidth();
        int h = in.getHeight();
        double[][][] v = new double[h][w][3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = in.getRGB(x, y);
                v[y][x][0] = p >> 16 & 255;
                v[y][x][1] = p >> 8 & 255;
                v[y][x][2] = p & 255;
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double o = v[y][x][c];
                    int q = (int) Math.round(Math.max(0, Math.min(255, o)) / 51.0) * 51;
                    double e = o - q;
                    if (x + 1 < w) {
                        v[y][x + 1][c] += e * 7 / 16;
                    }
                    if (y + 1 < h) {
                        if (x > 0) {
                            v[y + 1][x - 1][c] += e * 3 / 16;
                        }
                        v[y + 1][x][c] += e * 5 / 16;
                        if (x + 1 < w) {
                            v[y + 1][x + 1][c] += e / 16;
                        }
                    }
                    rgb = rgb << 8 | q;
                }
                out.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(out, "png", new File(args[1]));
    }
}
