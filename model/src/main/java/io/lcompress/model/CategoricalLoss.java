package io.lcompress.model;

import io.lcompress.codec.mixture.QuantizedCategorical;
import io.lcompress.codec.model.neural.CategoricalPixelModel;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The coder's code length of the categorical head, in bits per subpixel, as a DL4J loss with an exact
 * analytic gradient (plain Java, double precision per example): softmax cross-entropy with the
 * coder's floor.
 *
 * <p>For each subpixel the coder's probability is {@code P(s) = (1 + M q(s)) / T} with {@code T = 2^20},
 * {@code M = T - 256} and {@code q = softmax(logit)} (see {@link QuantizedCategorical}); the logits are
 * those of {@link CategoricalPixelModel#headToLogits}: for R the network's 256 outputs {@code a_R}, for
 * G and B {@code a_c[k] + (t_c / v_c) k'} with the variance-normalized tilt
 * {@code t_G = tanh(beta_GR) r'}, {@code t_B = tanh(beta_BR) r' + tanh(beta_BG) g'},
 * {@code v_c = Var_{softmax(a_c)}[k'] + EPS}. The loss of one example (pixel) is
 * {@code sum_c -log2 P(x_c) / C}; labels are the C true samples (0..255) of the pixel. Output layout:
 * head 2 of {@link io.lcompress.codec.model.neural.WeightFile}.
 *
 * <h2>Gradient</h2>
 * With {@code w = M q(x) / (1 + M q(x))} and {@code g_k = w (q_k - [k = x]) / (C ln 2)} = d loss / d logit_k:
 * <pre>
 *   d/d t      = sum_k g_k k' / v
 *   d/d v      = -(t / v^2) sum_k g_k k'
 *   d/d a_j    = g_j + (d/d v) p_j ((k'_j - m)^2 - Var)        (m, Var: mean and variance of k' under p)
 *   d/d beta   = (d/d t) (1 - tanh^2 beta) r'  (or g')
 * </pre>
 * {@code CategoricalLossTest} checks it against finite differences of this loss, and the loss against
 * {@link QuantizedCategorical#bits} of the runtime model.
 */
public final class CategoricalLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;
    static final double T = QuantizedCategorical.TOTAL;
    static final double M = QuantizedCategorical.TOTAL - QuantizedCategorical.SYMBOLS;
    static final double LOG2_T = QuantizedCategorical.TOTAL_BITS;
    static final double LN2 = Math.log(2.0);
    static final int LEVELS = 256;
    private static final double[] KP = new double[LEVELS];

    static {
        for (int k = 0; k < LEVELS; k++) {
            KP[k] = (k - 127.5) / 127.5;
        }
    }

    private final int channels;

    public CategoricalLoss(int channels) {
        this.channels = channels;
    }

    public int outputs() {
        return LEVELS * channels + (channels == 3 ? 3 : 0);
    }

    /**
     * Loss (bits per subpixel) of one example; if {@code grad != null}, writes d loss / d output into
     * {@code grad[gOff .. gOff + outputs())}. {@code o} holds the raw outputs at {@code oOff},
     * {@code x} the true samples at {@code xOff}.
     */
    public double example(float[] o, int oOff, float[] x, int xOff, float[] grad, int gOff) {
        final int n = outputs();
        double[] a = new double[LEVELS];
        double[] p = new double[LEVELS];
        double[] q = new double[LEVELS];
        if (grad != null) {
            for (int i = 0; i < n; i++) {
                grad[gOff + i] = 0f;
            }
        }
        double[] th = new double[3];
        double rp = 0;
        double gp = 0;
        if (channels == 3) {
            for (int i = 0; i < 3; i++) {
                th[i] = Math.tanh(o[oOff + 3 * LEVELS + i]);
            }
            rp = (x[xOff] - 127.5) / 127.5;
            gp = (x[xOff + 1] - 127.5) / 127.5;
        }
        final double inv = 1.0 / channels;
        double total = 0;
        for (int c = 0; c < channels; c++) {
            int base = oOff + c * LEVELS;
            int v = (int) x[xOff + c];
            boolean tilted = channels == 3 && c > 0;
            double t = 0;
            double var = 0;
            double vv = 1;
            double m = 0;
            for (int k = 0; k < LEVELS; k++) {
                a[k] = o[base + k];
            }
            if (tilted) {
                t = c == 1 ? th[0] * rp : th[1] * rp + th[2] * gp;
                softmax(a, p);
                double s1 = 0;
                double s2 = 0;
                for (int k = 0; k < LEVELS; k++) {
                    s1 += p[k] * KP[k];
                    s2 += p[k] * KP[k] * KP[k];
                }
                m = s1;
                var = Math.max(0.0, s2 - m * m);
                vv = var + CategoricalPixelModel.EPS;
                double u = t / vv;
                for (int k = 0; k < LEVELS; k++) {
                    q[k] = a[k] + u * KP[k];
                }
                softmax(q, q);
            } else {
                softmax(a, q);
            }
            double qx = q[v];
            double big = 1 + M * qx;
            total += LOG2_T - Math.log(big) / LN2;
            if (grad != null) {
                double w = M * qx / big / LN2 * inv;
                int gb = gOff + c * LEVELS;
                double gk = 0;   // sum_k g_k k'
                for (int k = 0; k < LEVELS; k++) {
                    double g = w * (q[k] - (k == v ? 1.0 : 0.0));
                    grad[gb + k] = (float) g;
                    gk += g * KP[k];
                }
                if (tilted) {
                    double dT = gk / vv;
                    double dV = -t / (vv * vv) * gk;
                    for (int k = 0; k < LEVELS; k++) {
                        double d = KP[k] - m;
                        grad[gb + k] += (float) (dV * p[k] * (d * d - var));
                    }
                    int cb = gOff + 3 * LEVELS;
                    if (c == 1) {
                        grad[cb] += (float) (dT * (1 - th[0] * th[0]) * rp);
                    } else {
                        grad[cb + 1] += (float) (dT * (1 - th[1] * th[1]) * rp);
                        grad[cb + 2] += (float) (dT * (1 - th[2] * th[2]) * gp);
                    }
                }
            }
        }
        return total * inv;
    }

    /** {@code out = softmax(in)} (max-shifted; {@code out} may be {@code in}). */
    private static void softmax(double[] in, double[] out) {
        double mx = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < LEVELS; k++) {
            mx = Math.max(mx, in[k]);
        }
        double s = 0;
        for (int k = 0; k < LEVELS; k++) {
            double e = Math.exp(in[k] - mx);
            out[k] = e;
            s += e;
        }
        for (int k = 0; k < LEVELS; k++) {
            out[k] /= s;
        }
    }

    private static float[] floats(INDArray a) {
        INDArray c = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        c = c.dup('c');
        return c.data().asFloat();
    }

    private double[] scores(INDArray labels, INDArray preOutput, IActivation fn, float[] gradOut) {
        INDArray out = fn.getActivation(preOutput.dup(), true);
        int b = (int) out.size(0);
        if (out.size(1) != outputs()) {
            throw new IllegalArgumentException("output width " + out.size(1) + ", expected " + outputs());
        }
        float[] o = floats(out);
        float[] x = floats(labels);
        int n = outputs();
        double[] s = new double[b];
        for (int i = 0; i < b; i++) {
            s[i] = example(o, i * n, x, i * channels, gradOut, i * n);
        }
        return s;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        double[] s = scores(labels, preOutput, activationFn, null);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return average ? sum / s.length : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        double[] s = scores(labels, preOutput, activationFn, null);
        return Nd4j.createFromArray(s).castTo(preOutput.dataType()).reshape(s.length, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return gradientAndScore(labels, preOutput, activationFn).getSecond();
    }

    private Pair<Double, INDArray> gradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn) {
        int b = (int) preOutput.size(0);
        float[] g = new float[b * outputs()];
        double[] s = scores(labels, preOutput, activationFn, g);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        INDArray dOut = Nd4j.create(g, new long[]{b, outputs()}, 'c').castTo(preOutput.dataType());
        INDArray dPre = activationFn.backprop(preOutput.dup(), dOut).getFirst();
        return Pair.of(sum, dPre);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        Pair<Double, INDArray> p = gradientAndScore(labels, preOutput, activationFn);
        double score = average ? p.getFirst() / preOutput.size(0) : p.getFirst();
        return Pair.of(score, p.getSecond());
    }

    @Override
    public String name() {
        return "LcompressCategoricalLoss(C=" + channels + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
