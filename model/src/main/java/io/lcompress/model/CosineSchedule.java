package io.lcompress.model;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * Learning rate by iteration: linear warmup from 0 to {@code peak} over {@code warmup} iterations, then
 * cosine decay to {@code floor} at {@code total} iterations (constant afterwards).
 */
public final class CosineSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;
    private final double peak;
    private final double floor;
    private final long warmup;
    private final long total;

    public CosineSchedule(double peak, double floor, long warmup, long total) {
        this.peak = peak;
        this.floor = floor;
        this.warmup = Math.max(0, warmup);
        this.total = Math.max(this.warmup + 1, total);
    }

    public double at(long iteration) {
        if (iteration < warmup) {
            return peak * (iteration + 1) / warmup;
        }
        if (iteration >= total) {
            return floor;
        }
        double t = (double) (iteration - warmup) / (total - warmup);
        return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * t));
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return at(iteration);
    }

    @Override
    public ISchedule clone() {
        return new CosineSchedule(peak, floor, warmup, total);
    }
}
