package io.lcompress.codec.mixture;

/**
 * How many logistic components a coded mixture may have, stated once. Every place that bounds or
 * truncates components uses these numbers:
 * <ul>
 *   <li>{@link #TOTAL} = 24: the most components of any mixture the coder quantizes ({@link LogisticMixture}'s
 *       arrays, {@link QuantizedMixture}; FORMAT.md "at most 24 components").</li>
 *   <li>{@link #STAGE} = 4: the most components one coding stage appends (one sharp component per causal
 *       neighbour W, N, NW, NE; {@code io.lcompress.codec.coding.stage}).</li>
 *   <li>{@link #MODEL} = 20: the most components of a model's mixture a coding stage keeps; a stage writes
 *       the first {@code MODEL} and drops the rest. A model whose mixtures can be longer is over budget.</li>
 *   <li>What a network with K components per channel turns into, by the way it is used ({@link Mixing}):
 *       alone K (so K &lt;= 20), under the two-expert mixer with {@code fast} K + 1 (K &lt;= 19), under the
 *       three-expert mixer with {@code fast} 2K + 1 (K &lt;= 9). The weight-file format itself allows
 *       K = 1..{@link #NETWORK_FORMAT}.</li>
 * </ul>
 * The shipped networks have K = 5 (11 components under the three-expert mixer, 6 under the two-expert
 * one). Loading a weight file to code under a mixer refuses a K over that mixer's budget
 * ({@code NeuralPixelModel.load(name, file, mixing)}); the truncations at {@code TOTAL} and {@code MODEL}
 * in the mixers and stages stay, because files coded before the budget was enforced (with an over-budget
 * {@code FILE.lcw}) were coded with them and must decode as they did. Two stages stacked on one plane
 * (both stage bits, which the reference encoder never sets) leave the first stage's output to the second,
 * which again keeps {@code MODEL} of it.
 *
 * <p>None of these numbers may change for an existing model or stage: they decide which components
 * are coded.
 */
public final class ComponentBudget {
    /** The most components of any mixture the coder quantizes. */
    public static final int TOTAL = 24;
    /** The most components one coding stage appends to the mixture it wraps. */
    public static final int STAGE = 4;
    /** The most components of the wrapped mixture a coding stage keeps: {@code TOTAL - STAGE}. */
    public static final int MODEL = TOTAL - STAGE;
    /** Components of the {@code fast} model's mixture (a single logistic). */
    public static final int FAST = 1;
    /** The largest K a weight file may declare (its format: K is 1..16). */
    public static final int NETWORK_FORMAT = 16;

    private ComponentBudget() {
    }

    /** How a network's K components per channel are used, and so how many the coded mixture gets. */
    public enum Mixing {
        /** The network alone ({@code narrow}, {@code neural}): K. */
        ALONE("the network alone", 1, 0),
        /** The two-expert {@code LeanMixedPixelModel} with {@code fast}: K + 1. */
        LEAN("the two-expert mixer with fast", 1, FAST),
        /** The three-expert {@code MixedPixelModel} with {@code fast} (the network, its corrected copy, fast): 2K + 1. */
        THREE_EXPERT("the three-expert mixer with fast", 2, FAST);

        private final String description;
        private final int copies;
        private final int others;

        Mixing(String description, int copies, int others) {
            this.description = description;
            this.copies = copies;
            this.others = others;
        }

        /** Components of the mixed mixture for a network of {@code k} components per channel. */
        public int components(int k) {
            return copies * k + others;
        }

        /** The largest K whose mixed mixture fits {@link #MODEL}, capped at {@link #NETWORK_FORMAT}: 16, 16, 9. */
        public int maxNetworkComponents() {
            return Math.min(NETWORK_FORMAT, (MODEL - others) / copies);
        }

        /** The message for a network of {@code k} components over this mixing's budget, or null if it fits. */
        public String overBudget(int k) {
            if (k <= maxNetworkComponents()) {
                return null;
            }
            return "K=" + k + " mixture components per channel is over the component budget: " + description
                    + " codes " + (copies == 1 ? "K" : copies + "K") + (others == 0 ? "" : "+" + others) + " = "
                    + components(k) + " components, the coding stages add up to " + STAGE + " and the coder takes at most "
                    + TOTAL + " (ComponentBudget), so at most K=" + maxNetworkComponents()
                    + " (retrain with --components " + maxNetworkComponents() + " or fewer)";
        }
    }
}
