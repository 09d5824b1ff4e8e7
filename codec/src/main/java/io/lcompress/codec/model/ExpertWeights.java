package io.lcompress.codec.model;

/**
 * Mixing weights of a mixer's experts, per context, shared by both mixers ({@link MixedPixelModel},
 * {@link LeanMixedPixelModel}). After each sample: the posterior {@code q_e = w_e P_e(x) / sum_f w_f P_f(x)};
 * its long-run average {@code a_e += SLOW (q_e - a_e)}; then
 * {@code w_e = (1 - SHARE) q_e + SHARE (0.9 a_e + 0.1 / experts)}: a fixed share that flows back mostly
 * to the experts that did well over the long run, not uniformly, so a consistently poor expert keeps
 * little weight while the weights can still switch quickly. Share 0.2 and long-run rate 0.02 were tuned
 * on crops of the flower photo and five other valid images. Double arithmetic in the order of this source.
 */
final class ExpertWeights {
    private static final double SHARE = 0.2;
    /** Rate of the long-run average of the posteriors that the fixed share returns mass to. */
    private static final double SLOW = 0.02;

    private final int experts;
    /** The weights, {@code experts} per context, from {@code 1 / experts}. */
    final double[] w;
    private final double[] avg;
    private final double[] post;

    ExpertWeights(int contexts, int experts) {
        this.experts = experts;
        this.w = new double[contexts * experts];
        this.avg = new double[contexts * experts];
        this.post = new double[experts];
        java.util.Arrays.fill(w, 1.0 / experts);
        java.util.Arrays.fill(avg, 1.0 / experts);
    }

    /** Learns from the experts' probabilities {@code p} of the sample, in the context at {@code base}. */
    void update(int base, double[] p) {
        double sum = 0;
        for (int e = 0; e < experts; e++) {
            post[e] = w[base + e] * p[e];
            sum += post[e];
        }
        for (int e = 0; e < experts; e++) {
            double q = post[e] / sum;
            avg[base + e] += SLOW * (q - avg[base + e]);
            w[base + e] = (1 - SHARE) * q + SHARE * (0.9 * avg[base + e] + 0.1 / experts);
        }
    }

    /**
     * The second context of both mixers: how far apart two experts' means are, in {@code classes}
     * classes below 0.5, 1, 2, ... and above.
     */
    static int disagreementClass(double meanA, double meanB, int classes) {
        double d = meanA - meanB;
        d = d < 0 ? -d : d;
        int c = 0;
        for (double edge = 0.5; c < classes - 1 && !(d < edge); edge *= 2) {
            c++;
        }
        return c;
    }
}
