package io.lcompress.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.neural.ContextFeatures;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training images in memory and the sampler: each sample picks a folder uniformly, an image of that
 * folder with probability proportional to its pixel count, and a uniformly random pixel (borders
 * included). Deterministic given the random generator.
 */
public final class TrainingData {
    static final class Folder {
        final String name;
        final List<Raster> images = new ArrayList<>();
        long[] cumulative;
        long pixels;

        Folder(String name) {
            this.name = name;
        }
    }

    final List<Folder> folders = new ArrayList<>();
    /** Held-out images (never trained on), in file-name order. */
    final List<Raster> holdout = new ArrayList<>();
    final String holdoutName;

    private TrainingData(String holdoutName) {
        this.holdoutName = holdoutName;
    }

    public static TrainingData load(TrainOptions o, PrintStream log) throws IOException {
        TrainingData d = new TrainingData(o.holdoutFolder);
        for (Path dir : o.dataDirs) {
            List<Path> files = Images.pngs(dir);
            String name = dir.getFileName().toString();
            int train = files.size();
            boolean isHoldout = o.holdoutFolder != null && o.holdoutFolder.equals(name) && o.holdoutCount > 0;
            if (isHoldout) {
                if (o.holdoutCount >= files.size()) {
                    throw new IOException(dir + ": cannot hold out " + o.holdoutCount + " of " + files.size() + " images");
                }
                train = files.size() - o.holdoutCount;
            }
            Folder f = new Folder(name);
            int skipped = 0;
            for (int i = 0; i < files.size(); i++) {
                Raster r = Images.read(files.get(i));
                if (r.channels() != o.channels) {
                    skipped++;
                    continue;
                }
                if (i < train) {
                    f.images.add(r);
                } else {
                    d.holdout.add(r);
                }
            }
            if (f.images.isEmpty()) {
                throw new IOException(dir + ": no usable " + o.channels + "-channel images");
            }
            f.cumulative = new long[f.images.size()];
            long c = 0;
            for (int i = 0; i < f.images.size(); i++) {
                Raster r = f.images.get(i);
                c += (long) r.width() * r.height();
                f.cumulative[i] = c;
            }
            f.pixels = c;
            d.folders.add(f);
            log.printf("data %-24s %5d images, %,d pixels%s%s%n", name, f.images.size(), c,
                    isHoldout ? ", " + (files.size() - train) + " held out" : "",
                    skipped > 0 ? ", " + skipped + " skipped (channel count)" : "");
        }
        return d;
    }

    /** Fills {@code batch} samples: features (batch x features.size()) and labels (batch x C). */
    public void fill(SplittableRandom rng, ContextFeatures features, float[] feat, float[] labels, int batch) {
        int n = features.size();
        int c = features.channels();
        for (int s = 0; s < batch; s++) {
            Folder f = folders.get(rng.nextInt(folders.size()));
            long t = rng.nextLong(f.pixels);
            int lo = 0;
            int hi = f.cumulative.length - 1;
            while (lo < hi) {               // first index with cumulative > t
                int mid = (lo + hi) >>> 1;
                if (f.cumulative[mid] > t) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            Raster r = f.images.get(lo);
            int x = rng.nextInt(r.width());
            int y = rng.nextInt(r.height());
            features.compute(r, x, y, feat, s * n);
            for (int ch = 0; ch < c; ch++) {
                labels[s * c + ch] = r.get(x, y, ch);
            }
        }
    }
}
