package io.lcompress.codec.model;

import io.lcompress.codec.mixture.ComponentBudget;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.model.bilevel.BilevelPixelModel;
import io.lcompress.codec.model.neural.CategoricalPixelModel;
import io.lcompress.codec.model.neural.NeuralPixelModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The models built into lcompress, by name and by fingerprint. Each is built the first time it is
 * asked for, so a command that codes with {@code fast} never parses network weights, and decoding a
 * file builds only the model the file names (found by fingerprint, cheapest first).
 *
 * <p>Every model that ever shipped stays here with its weights, so that its files keep decoding:
 * The models added with the effort levels ({@code narrow}, {@code narrow-mix}, {@code neural-mix}) compute
 * with the fixed-sequence {@link Elementary#FIXED} functions; those that shipped before with
 * {@code StrictMath}, as they always did. A reader that does not know a model refuses its files by
 * fingerprint (or, in version 4, by its built-in id, {@link io.lcompress.codec.container.BuiltInModels}),
 * naming the model. A model added here that files may name by id needs a new id there, with its
 * fingerprint ({@code BuiltInModelsTest} checks that the two agree).
 * <ul>
 *   <li>{@code fast}: the non-learned baseline (no weights);</li>
 *   <li>{@code fast2}: {@code fast} version 5, with predictors of the channel differences (levels 1 and 2);</li>
 *   <li>{@code narrow}: the 64-wide network alone ({@code narrow.lcw}, 13k multiply-adds per pixel);</li>
 *   <li>{@code narrow-mix}: {@code narrow} mixed online with {@code fast} by the two-expert
 *       {@link LeanMixedPixelModel};</li>
 *   <li>{@code neural}: the 192-wide network alone ({@code default.lcw}, 64k multiply-adds per pixel);</li>
 *   <li>{@code neural-mix}: the same network (its head computed with the fixed-sequence functions)
 *       mixed with {@code fast} by {@link LeanMixedPixelModel};</li>
 *   <li>{@code default}: {@code neural} mixed online with {@code fast} by the three-expert
 *       {@link MixedPixelModel} (the default of format versions 1 to 3);</li>
 *   <li>{@code wide}: the 256-wide network alone ({@code wide.lcw}, 84-256-256-60, 102k multiply-adds
 *       per pixel, trained longer by {@code model/train-wide.sh}), computed with the fixed-sequence functions;</li>
 *   <li>{@code fast-ols}: an online least-squares predictor fitted to the image ({@link OlsPixelModel},
 *       solved every 4 columns) mixed with {@code fast} by {@link LeanMixedPixelModel}, no network;</li>
 *   <li>{@code fast-ols4}: the same with a smaller least-squares predictor (4 neighbours instead of 12,
 *       solved every 8 columns instead of 4): level 2, without calibration at three quarters of the time of
 *       level 3 ({@code fast-ols} with calibration);</li>
 *   <li>{@code narrow-ols}, {@code neural-ols}: {@code narrow}, or the 192-wide network with the
 *       fixed-sequence functions, mixed with {@code fast-ols} by {@link LeanMixedPixelModel};</li>
 *   <li>{@code ols-pair}: two online least-squares predictors and {@code fast}, mixed by two nested
 *       {@link LeanMixedPixelModel}s;</li>
 *   <li>{@code wide-ols}: {@code wide} mixed by the three-expert {@link MixedPixelModel} (fixed-sequence
 *       functions) with {@code ols-pair} (the strongest levels).</li>
 *   <li>{@code small}: the network of {@code wide}'s shape trained on small images only ({@code small.lcw},
 *       {@code model/train-small.sh}), computed with the fixed-sequence functions;</li>
 *   <li>{@code small-wide}: {@code small} mixed by the three-expert {@link MixedPixelModel} with {@code wide}
 *       and {@code ols-pair} lean-mixed (the strongest levels on RGB images of at most 128x128 pixels until
 *       {@code small2-wide});</li>
 *   <li>{@code small2}, {@code small2-wide}: the same with the second small-image network ({@code small2.lcw}:
 *       {@code small} fine-tuned with a warm restart, {@code model/finetune-small.sh}),
 *       the strongest levels on RGB images of at most 128x128 pixels.</li>
 *   <li>{@code bilevel}: the Bernoulli model of two-level planes ({@code bilevel.lcw} mixed online with
 *       adaptive context tables, {@link BilevelPixelModel}); the encoder codes every single-channel plane
 *       of exactly two levels with it, whatever the effort level.</li>
 *   <li>{@code categorical}: the 192-wide trunk with a 256-way categorical head, alone
 *       ({@code categorical.lcw}, a {@link FrequencyModel}: {@link CategoricalPixelModel}), the
 *       likelihood-family comparison of issue #15; no effort level uses it.</li>
 * </ul>
 * Effort levels ({@link io.lcompress.codec.coding.Effort}) pick among them.
 */
public final class ModelRegistry {
    public static final String DEFAULT = "default";
    /** The Bernoulli model of two-level planes. */
    public static final String BILEVEL_NAME = "bilevel";

    private ModelRegistry() {
    }

    /** A built-in model, built once on first use. */
    private static final class Entry {
        final String name;
        private final Supplier<Optional<PixelModel>> factory;
        private volatile Optional<PixelModel> model;

        Entry(String name, Supplier<Optional<PixelModel>> factory) {
            this.name = name;
            this.factory = factory;
        }

        Optional<PixelModel> get() {
            Optional<PixelModel> m = model;
            if (m == null) {
                synchronized (this) {
                    if (model == null) {
                        model = factory.get();
                    }
                    m = model;
                }
            }
            return m;
        }
    }

    private static final Entry FAST = new Entry("fast", () -> Optional.of(new FastPixelModel()));
    private static final Entry FAST2 = new Entry(FastPixelModel.NAME_2, () -> Optional.of(FastPixelModel.channelDifferences()));
    private static final Entry NARROW = new Entry("narrow",
            () -> NeuralPixelModel.loadResource("narrow", NeuralPixelModel.NARROW_RESOURCE, Elementary.FIXED,
                    ComponentBudget.Mixing.LEAN).map(m -> m));
    private static final Entry NARROW_MIX = new Entry("narrow-mix",
            () -> NARROW.get().map(n -> new LeanMixedPixelModel("narrow-mix", n, fast(), Elementary.FIXED)));
    private static final Entry NEURAL = new Entry("neural",
            () -> NeuralPixelModel.loadResource("neural", NeuralPixelModel.DEFAULT_RESOURCE, Elementary.STRICT,
                    ComponentBudget.Mixing.THREE_EXPERT).map(m -> m));
    private static final Entry NEURAL_MIX = new Entry("neural-mix",
            () -> NEURAL.get().map(n -> new LeanMixedPixelModel("neural-mix",
                    ((NeuralPixelModel) n).with(Elementary.FIXED), fast(), Elementary.FIXED)));
    private static final Entry DEFAULT_MIX = new Entry(DEFAULT,
            () -> NEURAL.get().map(n -> new MixedPixelModel(DEFAULT, n, fast())));
    // loaded with the three-expert budget (2K + 1); wide-ols adds ols-pair's 3 components instead of fast's 1,
    // 2K + 3 = 13 for the shipped K = 5, within ComponentBudget.MODEL (ComponentBudgetTest checks the models)
    private static final Entry WIDE = new Entry("wide",
            () -> NeuralPixelModel.loadResource("wide", NeuralPixelModel.WIDE_RESOURCE, Elementary.FIXED,
                    ComponentBudget.Mixing.THREE_EXPERT).map(m -> m));
    private static final Entry FAST_OLS4 = new Entry("fast-ols4",
            () -> Optional.of(new LeanMixedPixelModel("fast-ols4", smallOls(), fast(), Elementary.FIXED)));
    private static final Entry FAST_OLS = new Entry("fast-ols",
            () -> Optional.of(new LeanMixedPixelModel("fast-ols", quickOls(4), fast(), Elementary.FIXED)));
    private static final Entry NARROW_OLS = new Entry("narrow-ols",
            () -> NARROW.get().flatMap(n -> FAST_OLS.get().map(o -> new LeanMixedPixelModel("narrow-ols", n, o, Elementary.FIXED))));
    private static final Entry NEURAL_OLS = new Entry("neural-ols",
            () -> NEURAL.get().flatMap(n -> FAST_OLS.get().map(o -> new LeanMixedPixelModel("neural-ols",
                    ((NeuralPixelModel) n).with(Elementary.FIXED), o, Elementary.FIXED))));
    private static final Entry OLS_PAIR = new Entry("ols-pair", () -> Optional.of(olsPair()));
    private static final Entry WIDE_OLS = new Entry("wide-ols",
            () -> WIDE.get().map(w -> new MixedPixelModel("wide-ols", w, OLS_PAIR.get().orElseThrow(), Elementary.FIXED)));
    // the small-image networks, loaded as wide is (three-expert budget: 2K + 1, within ComponentBudget.MODEL)
    private static final Entry SMALL = smallNetwork("small", NeuralPixelModel.SMALL_RESOURCE);
    private static final Entry SMALL2 = smallNetwork("small2", NeuralPixelModel.SMALL2_RESOURCE);
    // levels 7-9 on small RGB images: a small network, its corrected copy and, as third expert, wide mixed
    // with ols-pair (2K + K + 3 = 18 components for K = 5)
    private static final Entry SMALL_WIDE = smallWide("small-wide", SMALL);
    private static final Entry SMALL2_WIDE = smallWide("small2-wide", SMALL2);
    private static final Entry CATEGORICAL = new Entry("categorical",
            () -> CategoricalPixelModel.loadResource("categorical", CategoricalPixelModel.RESOURCE).map(m -> m));

    private static final Entry BILEVEL = new Entry(BILEVEL_NAME,
            () -> BilevelPixelModel.loadResource(BILEVEL_NAME).map(m -> m));

    /** Cheapest to build first: the order in which a fingerprint is looked for. */
    private static final List<Entry> ENTRIES = List.of(FAST, FAST2, BILEVEL, NARROW, NARROW_MIX, NEURAL, NEURAL_MIX,
            DEFAULT_MIX, FAST_OLS4, FAST_OLS, OLS_PAIR, NARROW_OLS, NEURAL_OLS, WIDE, WIDE_OLS, SMALL, SMALL_WIDE, SMALL2, SMALL2_WIDE, CATEGORICAL);

    /** A network of the small-image shape, computed with the fixed-sequence functions. */
    private static Entry smallNetwork(String name, String resource) {
        return new Entry(name, () -> NeuralPixelModel.loadResource(name, resource, Elementary.FIXED,
                ComponentBudget.Mixing.THREE_EXPERT).map(m -> m));
    }

    /** The three-expert mix of the {@code small} network with {@code L(wide, ols-pair)}. */
    private static Entry smallWide(String name, Entry small) {
        return new Entry(name, () -> small.get().flatMap(sm -> WIDE.get().map(w -> new MixedPixelModel(name, sm,
                new LeanMixedPixelModel("wide+ols-pair", w, OLS_PAIR.get().orElseThrow(), Elementary.FIXED),
                Elementary.FIXED))));
    }

    /**
     * The least-squares expert of {@code fast-ols4}: 4 neighbours, lambda 0.99, ridge 0.5, solved every 8
     * columns. Mixed with {@code fast}, on the validation photos (file sizes, no calibration, chroma repeat v2):
     * 2.6453 bits a subpixel, the whole encode of sail 0.70 s (one JVM, quick JIT, two threads); with 6
     * neighbours solved every 4 columns 2.6386 at 0.77 s; 3 neighbours 2.6509; lambda 0.98 2.6476, 0.995
     * 2.6452. With chroma repeat v3: 2.6446; 6 neighbours every 8 columns 2.6406; a solve every 16 columns 2.6476.
     */
    private static OlsPixelModel smallOls() {
        return new OlsPixelModel("ols-small", 4, 0.99, 0.5, 8);
    }

    /** The quickly forgetting least-squares expert: 12 neighbours, lambda 0.99, ridge 0.5, solved every {@code k} columns. */
    private static OlsPixelModel quickOls(int every) {
        return new OlsPixelModel("ols-quick", 12, 0.99, 0.5, every);
    }

    /**
     * {@code ols-pair}, the third expert of {@code wide-ols}: two online least-squares experts and {@code fast},
     * mixed by two nested {@link LeanMixedPixelModel}s: the quickly forgetting one over 12 neighbours (lambda
     * 0.99, solved every 2 columns) with the other two, which are a slowly forgetting one over 22 neighbours
     * (lambda 0.998, solved every 4 columns) with {@code fast}.
     */
    private static PixelModel olsPair() {
        PixelModel slow = new LeanMixedPixelModel("ols-slow+fast", new OlsPixelModel("ols-slow", 22, 0.998, 0.5, 4),
                fast(), Elementary.FIXED);
        return new LeanMixedPixelModel("ols-pair", quickOls(2), slow, Elementary.FIXED);
    }

    /**
     * What codes a plane of {@code channels} channels in place of {@code model} when it cannot: the first
     * built-in model met going down the chain of second experts of the mixed models ({@code fast-ols} in
     * {@code neural-ols}, {@code ols-pair} in {@code wide-ols}) that can, else {@code fast}.
     */
    public static PixelModel fallbackFor(PixelModel model, int channels) {
        PixelModel m = model;
        while (true) {
            if (m instanceof LeanMixedPixelModel lean) {
                m = lean.second();
            } else if (m instanceof MixedPixelModel mixed) {
                m = mixed.second();
            } else {
                return fast();
            }
            if (m.supportsChannels(channels) && isBuiltIn(m)) {
                return m;
            }
        }
    }

    /** Whether {@code m} is the built-in model of its name (a file can name it by name and fingerprint). */
    public static boolean isBuiltIn(PixelModel m) {
        Optional<PixelModel> b = byName(m.name());
        return b.isPresent() && b.get().fingerprint() == m.fingerprint();
    }

    /** All built-in models whose weights are in the jar (builds every one of them). */
    public static List<PixelModel> builtIns() {
        List<PixelModel> l = new ArrayList<>();
        for (Entry e : ENTRIES) {
            e.get().ifPresent(l::add);
        }
        return List.copyOf(l);
    }

    /** The model of the default effort level. */
    public static PixelModel defaultModel() {
        return io.lcompress.codec.coding.Effort.DEFAULT.model();
    }

    /** Resolves a built-in name ({@code default}, {@code fast}, {@code neural}, ...). */
    public static Optional<PixelModel> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Entry e : ENTRIES) {
            if (e.name.equals(n)) {
                return e.get();
            }
        }
        return Optional.empty();
    }

    /** The {@code bilevel} model, if its weights are in the jar. */
    public static Optional<PixelModel> bilevel() {
        return BILEVEL.get();
    }

    /** The non-learned baseline, always available (also codes alpha planes). */
    public static PixelModel fast() {
        return FAST.get().orElseThrow();
    }

    /** The built-in model with this fingerprint, building the cheaper ones first until it is found. */
    public static Optional<PixelModel> byFingerprint(long fingerprint) {
        for (Entry e : ENTRIES) {
            Optional<PixelModel> m;
            try {
                m = e.get();
            } catch (java.io.UncheckedIOException damaged) {
                continue;       // a damaged resource only fails the files that name its model
            }
            if (m.isPresent() && m.get().fingerprint() == fingerprint) {
                return m;
            }
        }
        return Optional.empty();
    }

    /** Names of the built-in models (whether or not their weights are present). */
    public static List<String> names() {
        return ENTRIES.stream().map(e -> e.name).toList();
    }

    public static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
