package io.lcompress.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.FrequencyPredictor;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.PixelPredictor;
import io.lcompress.codec.model.neural.NeuralPixelModel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Exact validation: the code length the coder would spend ({@link QuantizedMixture#bits}, or
 * {@code -log2} of a {@link FrequencyModel}'s frequencies over the full alphabet) on a fixed set of
 * pixels, evaluated with the plain-Java runtime model of the exported weights ({@link NeuralPixelModel}
 * or {@code CategoricalPixelModel}).
 * Photo folders are subsampled (pixels per image proportional to its size, so the total estimates
 * total bits / total subpixels); the hold-out images are evaluated on every pixel.
 */
public final class Validation {
    static final class Item {
        final Raster raster;
        final int[] xs;
        final int[] ys;

        Item(Raster raster, int[] xs, int[] ys) {
            this.raster = raster;
            this.xs = xs;
            this.ys = ys;
        }
    }

    static final class Set {
        final String name;
        final boolean photo;
        final List<Item> items = new ArrayList<>();
        long subpixels;

        Set(String name, boolean photo) {
            this.name = name;
            this.photo = photo;
        }
    }

    /** Result: bits per subpixel per set, the photo total, and the hold-out. */
    public static final class Result {
        public final Map<String, Double> perSet = new LinkedHashMap<>();
        public double photos = Double.NaN;
        public double holdout = Double.NaN;

        /** The model-selection criterion: photo total if there are photos, else the hold-out. */
        public double criterion() {
            return Double.isNaN(photos) ? holdout : photos;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("photos %.4f  holdout %.4f |", photos, holdout));
            for (Map.Entry<String, Double> e : perSet.entrySet()) {
                sb.append(String.format(" %s %.4f", e.getKey(), e.getValue()));
            }
            return sb.toString();
        }
    }

    final List<Set> sets = new ArrayList<>();

    public static Validation build(TrainOptions o, TrainingData data, PrintStream log) throws IOException {
        Validation v = new Validation();
        SplittableRandom rng = new SplittableRandom(o.validSeed);
        for (Path dir : o.validDirs) {
            Set s = new Set(dir.getFileName().toString(), true);
            int skipped = 0;
            for (Path f : Images.pngs(dir)) {
                Raster r = Images.read(f);
                if (r.channels() != o.channels) {
                    skipped++;
                    continue;
                }
                long pixels = (long) r.width() * r.height();
                int n = (int) Math.min(pixels, Math.max(o.validMinPixels, pixels / o.validStride));
                int[] xs = new int[n];
                int[] ys = new int[n];
                for (int i = 0; i < n; i++) {
                    xs[i] = rng.nextInt(r.width());
                    ys[i] = rng.nextInt(r.height());
                }
                s.items.add(new Item(r, xs, ys));
                s.subpixels += (long) n * r.channels();
            }
            if (!s.items.isEmpty()) {
                v.sets.add(s);
            }
            log.printf("valid %-24s %3d images, %,d subpixels sampled%s%n", s.name, s.items.size(), s.subpixels,
                    skipped > 0 ? " (" + skipped + " skipped: channel count)" : "");
        }
        if (data != null && !data.holdout.isEmpty() && o.holdoutEvalImages > 0) {
            Set s = new Set("holdout-" + data.holdoutName, false);
            for (int i = 0; i < Math.min(o.holdoutEvalImages, data.holdout.size()); i++) {
                Raster r = data.holdout.get(i);
                int n = r.width() * r.height();
                int[] xs = new int[n];
                int[] ys = new int[n];
                for (int p = 0; p < n; p++) {
                    xs[p] = p % r.width();
                    ys[p] = p / r.width();
                }
                s.items.add(new Item(r, xs, ys));
                s.subpixels += (long) n * r.channels();
            }
            v.sets.add(s);
            log.printf("valid %-24s %3d images, %,d subpixels (all pixels)%n", s.name, s.items.size(), s.subpixels);
        }
        return v;
    }

    public Result evaluate(PixelModel model) {
        Result res = new Result();
        LogisticMixture mix = new LogisticMixture();
        QuantizedMixture q = new QuantizedMixture();
        double photoBits = 0;
        long photoSub = 0;
        for (Set s : sets) {
            double bits = 0;
            for (Item it : s.items) {
                if (model instanceof FrequencyModel fm) {
                    bits += frequencyBits(fm, it);
                    continue;
                }
                PixelPredictor p = model.newPredictor(it.raster);
                int ch = it.raster.channels();
                for (int i = 0; i < it.xs.length; i++) {
                    int x = it.xs[i];
                    int y = it.ys[i];
                    p.beginPixel(x, y);
                    for (int c = 0; c < ch; c++) {
                        p.predict(c, mix);
                        bits += q.set(mix).bits(it.raster.get(x, y, c));
                    }
                }
            }
            double bps = bits / s.subpixels;
            res.perSet.put(s.name, bps);
            if (s.photo) {
                photoBits += bits;
                photoSub += s.subpixels;
            } else {
                res.holdout = bps;
            }
        }
        if (photoSub > 0) {
            res.photos = photoBits / photoSub;
        }
        return res;
    }

    /** Bits of one item's sampled pixels under a frequency model, full alphabet: {@code 20 - log2 f}, as the coder counts. */
    private static double frequencyBits(FrequencyModel model, Item it) {
        FrequencyPredictor p = model.newFrequencyPredictor(it.raster);
        int[] cum = new int[Alphabet.FULL.size() + 1];
        int ch = it.raster.channels();
        double bits = 0;
        for (int i = 0; i < it.xs.length; i++) {
            int x = it.xs[i];
            int y = it.ys[i];
            p.beginPixel(x, y);
            for (int c = 0; c < ch; c++) {
                p.frequencies(c, Alphabet.FULL, cum);
                int v = it.raster.get(x, y, c);
                int f = cum[v + 1] - cum[v];
                bits += QuantizedMixture.bitsOfFrequency(f);
            }
        }
        return bits;
    }
}
