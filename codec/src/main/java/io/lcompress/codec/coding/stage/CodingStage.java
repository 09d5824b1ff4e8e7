package io.lcompress.codec.coding.stage;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.ComponentBudget;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.ElementaryMemo;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.model.PixelPredictor;

/**
 * The skeleton of a coding stage: a {@link PixelPredictor} that wraps the predictor below it (the model's,
 * or another stage's) and adds to its mixture sharp logistic components at values the causal
 * neighbourhood makes likely, with an adaptive weight. What every stage shares:
 * <ul>
 *   <li>the wrapped predictor: {@link #beginPixel} passes through; after each coded sample the stage
 *       updates its own state ({@link #learn}) and then passes the sample down ({@link #observe});</li>
 *   <li>the wrapped prediction, written into {@link #inner} by the stage, and put first into the coded
 *       mixture renormalized to weigh {@code 1 - w} ({@link #putBase}): at most
 *       {@link ComponentBudget#MODEL} of its components, the rest dropped;</li>
 *   <li>the sharp components ({@link #putSharp}): log-scale {@link #SHARP} = -3, logit
 *       {@code log(w * share / total)}, at most {@link ComponentBudget#STAGE} of them (one per causal
 *       neighbour, {@link CausalNeighbours});</li>
 *   <li>the elementary functions {@link #fn} of the model: every stage computes with them, in double, in
 *       the order of its source.</li>
 * </ul>
 * The weights and the rules that learn them are each stage's own (they are part of the format, as is the
 * order of every floating-point operation). Stages are built from a plane's stage bits by
 * {@link Stages#wrap}.
 */
public abstract sealed class CodingStage implements PixelPredictor permits ChromaRepeatPredictor, ColourCopyPredictor {
    /** The candidate sources: the causal neighbours W, N, NW, NE, one sharp component each. */
    static final int SOURCES = CausalNeighbours.COUNT;
    /** Log-scale of the sharp components (natural log, pixel units: practically one bin). */
    static final double SHARP = -3.0;

    private final PixelPredictor base;
    final Raster raster;
    final int channels;
    final Elementary fn;
    /** The wrapped predictor's mixture for the current sample, where the stage has it predicted. */
    final LogisticMixture inner = new LogisticMixture();
    /** The current sample's neighbour offsets ({@link CausalNeighbours#offsets}), filled where a stage reads them. */
    final int[] offsets = new int[SOURCES];
    /** {@code fn.log(1 - weight)} of {@link #putBase}: the weights sit at their bounds or at 0 (no candidate) for long runs. */
    private final ElementaryMemo baseLogs;
    int x;
    int y;

    CodingStage(PixelPredictor base, Raster raster, Elementary fn) {
        this.base = base;
        this.raster = raster;
        this.channels = raster.channels();
        this.fn = fn;
        this.baseLogs = ElementaryMemo.log(fn);
    }

    @Override
    public final void beginPixel(int x, int y) {
        this.x = x;
        this.y = y;
        base.beginPixel(x, y);
    }

    /** The wrapped predictor's mixture for channel {@code c} of the current pixel into {@code m}. */
    final void predictBase(int c, LogisticMixture m) {
        base.predict(c, m);
    }

    /** The stage learns from the sample {@code v} just coded for channel {@code c}, then the wrapped predictor does. */
    @Override
    public final void observe(int c, int v) {
        learn(c, v);
        base.observe(c, v);
    }

    /** Updates the stage's own state after sample {@code v} of channel {@code c} (before the wrapped predictor's). */
    abstract void learn(int c, int v);

    /**
     * Writes {@link #inner} into {@code out}'s first components (at most {@link ComponentBudget#MODEL}),
     * renormalized to weigh {@code 1 - weight}; returns how many it wrote.
     */
    final int putBase(LogisticMixture out, double weight) {
        return out.putScaled(inner, baseLogs.apply(1 - weight), ComponentBudget.MODEL, fn);
    }

    /**
     * Writes component {@code n} of {@code out}: a sharp logistic at {@code value} with logit
     * {@code log(weight * share / total)}; returns {@code n + 1}.
     */
    final int putSharp(LogisticMixture out, int n, double weight, double share, double total, int value) {
        out.logit[n] = fn.log(weight * share / total);
        out.mean[n] = value;
        out.logScale[n] = SHARP;
        return n + 1;
    }
}
