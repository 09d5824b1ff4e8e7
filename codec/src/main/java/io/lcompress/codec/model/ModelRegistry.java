package io.lcompress.codec.model;

import io.lcompress.codec.model.neural.NeuralPixelModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The models built into lcompress, by name and by fingerprint. {@code default} is the learned model
 * shipped in the jar when present.
 */
public final class ModelRegistry {
    public static final String DEFAULT = "default";

    private ModelRegistry() {
    }

    private static volatile List<PixelModel> builtIns;

    /** All built-in models; the first is the default. */
    public static List<PixelModel> builtIns() {
        List<PixelModel> list = builtIns;
        if (list == null) {
            synchronized (ModelRegistry.class) {
                if (builtIns == null) {
                    List<PixelModel> l = new ArrayList<>();
                    FastPixelModel fast = new FastPixelModel();
                    NeuralPixelModel.loadDefault().ifPresent(n -> {
                        l.add(new MixedPixelModel("default", n, fast));
                        l.add(n);
                    });
                    l.add(fast);
                    builtIns = List.copyOf(l);
                }
                list = builtIns;
            }
        }
        return list;
    }

    /** The default model: the first built-in. */
    public static PixelModel defaultModel() {
        return builtIns().get(0);
    }

    /** Resolves {@code default}, {@code fast} and the other built-in names. */
    public static Optional<PixelModel> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals(DEFAULT)) {
            return Optional.of(defaultModel());
        }
        return builtIns().stream().filter(m -> m.name().equals(n)).findFirst();
    }

    /** The non-learned baseline, always available (also codes alpha planes). */
    public static PixelModel fast() {
        return builtIns().stream().filter(m -> m instanceof FastPixelModel).findFirst().orElseThrow();
    }

    public static Optional<PixelModel> byFingerprint(long fingerprint) {
        return builtIns().stream().filter(m -> m.fingerprint() == fingerprint).findFirst();
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(DEFAULT);
        for (PixelModel m : builtIns()) {
            names.add(m.name());
        }
        return names;
    }

    public static String hex(long fingerprint) {
        return String.format("%016x", fingerprint);
    }
}
