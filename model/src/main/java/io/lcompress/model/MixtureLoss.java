package io.lcompress.model;

import io.lcompress.codec.mixture.QuantizedMixture;
import io.lcompress.codec.model.neural.NeuralPixelModel;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The coder's code length, in bits per subpixel, as a DL4J loss with an analytic gradient (plain
 * Java, double precision per example).
 *
 * <p>For each subpixel the coder's probability is {@code P(s) = (1 + M * P_mix(s)) / T} with
 * {@code T = 2^20}, {@code M = T - 256} (see {@link QuantizedMixture}); {@code P_mix} is the
 * discretized logistic mixture of {@link NeuralPixelModel#headToMixture} (bins [s-0.5, s+0.5], tails
 * folded into 0 and 255, softmax weights, log-scales clamped to [-7, 7]). The loss of one example
 * (pixel) is {@code sum_c -log2 P(x_c) / C}. Labels are the C true samples (0..255) of the pixel.
 * Output layout: head 1 of {@link io.lcompress.codec.model.neural.WeightFile}.
 */
public final class MixtureLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;
    static final double T = QuantizedMixture.TOTAL;
    static final double M = QuantizedMixture.TOTAL - QuantizedMixture.SYMBOLS;
    static final double LOG2_T = QuantizedMixture.TOTAL_BITS;
    static final double LN2 = Math.log(2.0);

    private final int k;
    private final int channels;

    public MixtureLoss(int components, int channels) {
        this.k = components;
        this.channels = channels;
    }

    public int outputs() {
        return channels == 3 ? 12 * k : 3 * k * channels;
    }

    private static double sigmoid(double t) {
        if (t >= 0) {
            return 1.0 / (1.0 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1.0 + e);
    }

    /**
     * Loss (bits per subpixel) of one example; if {@code grad != null}, writes d loss / d output into
     * {@code grad[gOff .. gOff + outputs())}. {@code o} holds the raw outputs at {@code oOff},
     * {@code x} the true samples at {@code xOff}.
     */
    public double example(float[] o, int oOff, float[] x, int xOff, float[] grad, int gOff) {
        final int kk = k;
        final int n = outputs();
        double[] pi = new double[kk];
        double[] p = new double[kk];
        double[] dMu = new double[kk];     // d p_k / d mean_k (pixel units)
        double[] dLs = new double[kk];     // d p_k / d logScale_k
        double[] th = new double[3 * kk];
        if (grad != null) {
            for (int i = 0; i < n; i++) {
                grad[gOff + i] = 0f;
            }
        }
        if (channels == 3) {
            for (int i = 0; i < 3 * kk; i++) {
                th[i] = Math.tanh(o[oOff + 9 * kk + i]);
            }
        }
        double total = 0;
        final double inv = 1.0 / channels;
        double r = x[xOff];
        double g = channels == 3 ? x[xOff + 1] : 0;
        double dr = r - 127.5;
        double dg = g - 127.5;
        for (int c = 0; c < channels; c++) {
            int base = oOff + c * 3 * kk;
            int v = (int) x[xOff + c];
            // softmax
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < kk; i++) {
                max = Math.max(max, o[base + i]);
            }
            double sum = 0;
            for (int i = 0; i < kk; i++) {
                pi[i] = Math.exp(o[base + i] - max);
                sum += pi[i];
            }
            double pmix = 0;
            for (int i = 0; i < kk; i++) {
                pi[i] /= sum;
                double mean = 127.5 + 127.5 * (double) o[base + kk + i];
                if (channels == 3) {
                    if (c == 1) {
                        mean = mean + th[i] * dr;
                    } else if (c == 2) {
                        mean = mean + th[kk + i] * dr + th[2 * kk + i] * dg;
                    }
                }
                double ls = (double) o[base + 2 * kk + i] + NeuralPixelModel.LOG_SCALE_OFFSET;
                boolean clamped = false;
                if (ls < QuantizedMixture.MIN_LOG_SCALE) {
                    ls = QuantizedMixture.MIN_LOG_SCALE;
                    clamped = true;
                } else if (ls > QuantizedMixture.MAX_LOG_SCALE) {
                    ls = QuantizedMixture.MAX_LOG_SCALE;
                    clamped = true;
                }
                double invS = Math.exp(-ls);
                double a = (v + 0.5 - mean) * invS;
                double b = (v - 0.5 - mean) * invS;
                double pk;
                double sa;   // sigma'(a)
                double sb;   // sigma'(b)
                if (v == 255) {
                    double s = sigmoid(-b);     // 1 - sigma(b)
                    pk = s;
                    sa = 0;
                    sb = s * (1 - s);
                } else if (v == 0) {
                    double s = sigmoid(a);
                    pk = s;
                    sa = s * (1 - s);
                    sb = 0;
                } else {
                    double sA = sigmoid(a);
                    double sB = sigmoid(b);
                    if (b > 0) {
                        pk = sigmoid(-b) - sigmoid(-a);   // better cancellation in the right tail
                    } else {
                        pk = sA - sB;
                    }
                    sa = sA * (1 - sA);
                    sb = sB * (1 - sB);
                }
                if (pk < 0) {
                    pk = 0;
                }
                p[i] = pk;
                pmix += pi[i] * pk;
                // dp/dmean = -(sa - sb) / s ; dp/dls = -(sa * a - sb * b)
                dMu[i] = -(sa - sb) * invS;
                dLs[i] = clamped ? 0 : -(sa * a - sb * b);
            }
            double q = 1 + M * pmix;
            total += LOG2_T - Math.log(q) / LN2;
            if (grad != null) {
                double gP = -M / (q * LN2) * inv;   // d loss / d pmix
                int gb = gOff + c * 3 * kk;
                for (int i = 0; i < kk; i++) {
                    double gl = gP * pi[i] * (p[i] - pmix);
                    double gMu = gP * pi[i] * dMu[i];
                    grad[gb + i] = (float) gl;
                    grad[gb + kk + i] = (float) (gMu * 127.5);
                    grad[gb + 2 * kk + i] = (float) (gP * pi[i] * dLs[i]);
                    if (channels == 3) {
                        if (c == 1) {
                            grad[gOff + 9 * kk + i] += (float) (gMu * (1 - th[i] * th[i]) * dr);
                        } else if (c == 2) {
                            grad[gOff + 10 * kk + i] += (float) (gMu * (1 - th[kk + i] * th[kk + i]) * dr);
                            grad[gOff + 11 * kk + i] += (float) (gMu * (1 - th[2 * kk + i] * th[2 * kk + i]) * dg);
                        }
                    }
                }
            }
        }
        return total * inv;
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
        return "LcompressMixtureLoss(K=" + k + ",C=" + channels + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
