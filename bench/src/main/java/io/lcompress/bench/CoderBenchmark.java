package io.lcompress.bench;

import io.lcompress.codec.arith.RangeDecoder;
import io.lcompress.codec.arith.RangeEncoder;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Coder throughput in symbols per second ("ops/s" = symbols/s): 65,536 8-bit symbols drawn from 64
 * different logistic mixtures (1 to 5 components), coded with the quantized mixture exactly as the
 * stripe coder does ({@code *WithMixture}: quantize, look up or search the cumulative frequencies,
 * range-code), and through the range coder alone with the intervals precomputed ({@code *Intervals}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoderBenchmark {
    static final int SYMBOLS = 1 << 16;
    static final int MIXTURES = 64;

    private final LogisticMixture[] mixtures = new LogisticMixture[MIXTURES];
    private final int[] mixtureOf = new int[SYMBOLS];
    private final int[] symbols = new int[SYMBOLS];
    private final int[] starts = new int[SYMBOLS];
    private final int[] sizes = new int[SYMBOLS];
    private final QuantizedMixture q = new QuantizedMixture();
    private byte[] stream;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int m = 0; m < MIXTURES; m++) {
            LogisticMixture mix = new LogisticMixture();
            int k = 1 + rnd.nextInt(5);
            mix.setComponents(k);
            for (int j = 0; j < k; j++) {
                mix.logit[j] = rnd.nextGaussian();
                mix.mean[j] = 20 + rnd.nextDouble() * 215;
                mix.logScale[j] = -1 + rnd.nextDouble() * 3.5;
            }
            mixtures[m] = mix;
        }
        for (int i = 0; i < SYMBOLS; i++) {
            int m = rnd.nextInt(MIXTURES);
            LogisticMixture mix = mixtures[m];
            // sample: a component (roughly by weight), then a logistic variate around its mean
            int j = pickComponent(mix, rnd);
            double u = Math.min(1 - 1e-9, Math.max(1e-9, rnd.nextDouble()));
            double v = mix.mean[j] + Math.exp(mix.logScale[j]) * Math.log(u / (1 - u));
            mixtureOf[i] = m;
            symbols[i] = (int) Math.max(0, Math.min(255, Math.round(v)));
            q.set(mix);
            starts[i] = q.cumulative(symbols[i]);
            sizes[i] = q.cumulative(symbols[i] + 1) - starts[i];
        }
        stream = encodeWithMixture();
        if (decodeWithMixture() != checksum()) {
            throw new IllegalStateException("coder round trip failed");
        }
    }

    private static int pickComponent(LogisticMixture mix, SplittableRandom rnd) {
        double[] w = new double[mix.components()];
        double sum = 0;
        for (int j = 0; j < w.length; j++) {
            w[j] = Math.exp(mix.logit[j]);
            sum += w[j];
        }
        double t = rnd.nextDouble() * sum;
        for (int j = 0; j < w.length; j++) {
            t -= w[j];
            if (t <= 0) {
                return j;
            }
        }
        return w.length - 1;
    }

    private int checksum() {
        int h = 0;
        for (int s : symbols) {
            h = h * 31 + s;
        }
        return h;
    }

    @Benchmark
    @OperationsPerInvocation(SYMBOLS)
    public byte[] encodeWithMixture() {
        RangeEncoder enc = new RangeEncoder();
        for (int i = 0; i < SYMBOLS; i++) {
            q.set(mixtures[mixtureOf[i]]);
            int s = symbols[i];
            int lo = q.cumulative(s);
            int hi = q.cumulative(s + 1);
            enc.encode(lo, hi - lo, QuantizedMixture.TOTAL_BITS);
        }
        return enc.finish();
    }

    @Benchmark
    @OperationsPerInvocation(SYMBOLS)
    public int decodeWithMixture() {
        RangeDecoder dec = new RangeDecoder(stream);
        int h = 0;
        for (int i = 0; i < SYMBOLS; i++) {
            q.set(mixtures[mixtureOf[i]]);
            int s = q.symbolFor(dec.target(QuantizedMixture.TOTAL_BITS));
            dec.consume(q.foundLow(), q.foundHigh() - q.foundLow());
            h = h * 31 + s;
        }
        return h;
    }

    @Benchmark
    @OperationsPerInvocation(SYMBOLS)
    public byte[] encodeIntervals() {
        RangeEncoder enc = new RangeEncoder();
        for (int i = 0; i < SYMBOLS; i++) {
            enc.encode(starts[i], sizes[i], QuantizedMixture.TOTAL_BITS);
        }
        return enc.finish();
    }

    @Benchmark
    @OperationsPerInvocation(SYMBOLS)
    public long decodeIntervals() {
        RangeDecoder dec = new RangeDecoder(stream);
        long h = 0;
        for (int i = 0; i < SYMBOLS; i++) {
            h += dec.target(QuantizedMixture.TOTAL_BITS);
            dec.consume(starts[i], sizes[i]);
        }
        return h;
    }
}
