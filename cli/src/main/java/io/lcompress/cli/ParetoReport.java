package io.lcompress.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.lcompress.cli.BenchReport.csvQuote;
import static io.lcompress.cli.BenchReport.fmt;
import static io.lcompress.cli.BenchReport.fmtOrDash;

/**
 * The results of {@code lcompress bench --pareto}: one point per codec setting (every lcompress effort
 * level, every cjxl effort, cwebp, the stored PNG) with its size over all images and its whole-command
 * encode and decode times, and their renderings: the terminal table, CSV and Markdown. The chart is
 * {@link BenchCharts#paretoChart}.
 *
 * <p>Bits per subpixel = total file bits / total subpixels; seconds per megapixel = total seconds /
 * total megapixels, where an image's seconds are the median of its {@code --repeat} timings.
 */
final class ParetoReport {
    /** A codec family: one colour in the chart, one encode series and one decode series. */
    enum Family {
        LCOMPRESS("lcompress", "lcompress encode", "lcompress decode"),
        CJXL("cjxl/djxl", "cjxl encode", "djxl decode"),
        CWEBP("cwebp/dwebp", "cwebp encode", "dwebp decode"),
        PNG("png", "PNG as stored (size only)", null);

        /** The name in the table's codec column. */
        final String shown;
        final String encodeSeries;
        final String decodeSeries;

        Family(String shown, String encodeSeries, String decodeSeries) {
            this.shown = shown;
            this.encodeSeries = encodeSeries;
            this.decodeSeries = decodeSeries;
        }
    }

    /** One codec setting and its sums over the images it ran on. */
    static final class Point {
        final Family family;
        /** Effort level (lcompress, cjxl), 0 for the others. */
        final int level;
        /** The chart's label: e3, cjxl e3, cwebp, PNG. */
        final String label;
        /** What the table shows as the setting: -e 3 (narrow), -d 0 -e 3, ... */
        final String setting;
        /** Whether encode and decode times are measured (the stored PNG has none). */
        final boolean timed;
        /** Whether decode times are measured (false also when the decoder is not installed). */
        boolean decodes;
        long bits;
        long subpixels;
        long pixels;
        int images;
        /** Per image: the median of its encode (decode) timings, seconds. */
        final List<Double> encSeconds = new ArrayList<>();
        final List<Double> decSeconds = new ArrayList<>();
        /** False when the codec failed on some image: then it has no totals. */
        boolean complete = true;
        /** lcompress only: whether every decoded file was compared and equal to its input. */
        boolean roundTripFailed;

        Point(Family family, int level, String label, String setting, boolean timed, boolean decodes) {
            this.family = family;
            this.level = level;
            this.label = label;
            this.setting = setting;
            this.timed = timed;
            this.decodes = decodes;
        }

        void add(long bits, long subpixels, long pixels, double enc, double dec) {
            this.bits += bits;
            this.subpixels += subpixels;
            this.pixels += pixels;
            images++;
            encSeconds.add(enc);
            decSeconds.add(dec);
        }

        /** Whether the point has totals to show (it ran on every image). */
        boolean ok() {
            return complete && images > 0;
        }

        double bpsp() {
            return ok() ? (double) bits / subpixels : Double.NaN;
        }

        double encSecondsTotal() {
            return ok() && timed ? sum(encSeconds) : Double.NaN;
        }

        double decSecondsTotal() {
            return ok() && decodes ? sum(decSeconds) : Double.NaN;
        }

        double encSecondsPerMp() {
            return encSecondsTotal() / (pixels / 1e6);
        }

        double decSecondsPerMp() {
            return decSecondsTotal() / (pixels / 1e6);
        }

        double medianEncSeconds() {
            return ok() && timed ? median(encSeconds) : Double.NaN;
        }

        double medianDecSeconds() {
            return ok() && decodes ? median(decSeconds) : Double.NaN;
        }

        /** For the table's codec column: lcompress, cjxl/djxl (cjxl alone when djxl is missing), ... */
        String codecShown() {
            if (family == Family.CJXL && !decodes) {
                return "cjxl";
            }
            if (family == Family.CWEBP && !decodes) {
                return "cwebp";
            }
            return family.shown;
        }
    }

    final List<Point> points = new ArrayList<>();
    final int repeat;
    /** lcompress's --threads, or null for its default (all processors). */
    final Integer threads;
    /** Tool versions by tool name (cjxl, cwebp, ...). */
    final Map<String, String> toolVersions;
    int images;
    long pixels;
    long subpixels;

    ParetoReport(int repeat, Integer threads, Map<String, String> toolVersions) {
        this.repeat = repeat;
        this.threads = threads;
        this.toolVersions = toolVersions;
    }

    double megapixels() {
        return pixels / 1e6;
    }

    /** The point of {@code cjxl -e 7}, the reference for the time ratio, or null when it is not in the run. */
    Point cjxl7() {
        for (Point p : points) {
            if (p.family == Family.CJXL && p.level == 7 && p.ok()) {
                return p;
            }
        }
        return null;
    }

    /** Encode time over {@code cjxl -e 7}'s in this run, or NaN. */
    double encRatioToCjxl7(Point p) {
        Point ref = cjxl7();
        return ref == null ? Double.NaN : p.encSecondsTotal() / ref.encSecondsTotal();
    }

    /**
     * The Pareto front of the encoders: the timed points that no other timed point beats on both encode
     * time and size (none is at most as slow and at most as big, and better in one), fastest first.
     */
    List<Point> front() {
        List<Point> timed = new ArrayList<>();
        for (Point p : points) {
            if (p.timed && p.ok() && Double.isFinite(p.encSecondsPerMp())) {
                timed.add(p);
            }
        }
        timed.sort(Comparator.comparingDouble(Point::encSecondsPerMp).thenComparingDouble(Point::bpsp));
        List<Point> front = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        for (Point p : timed) {
            if (p.bpsp() < best) {
                front.add(p);
                best = p.bpsp();
            }
        }
        return front;
    }

    boolean allRoundTripsExact() {
        return points.stream().noneMatch(p -> p.roundTripFailed);
    }

    // ------------------------------------------------------------------ terminal

    String header() {
        return String.format(Locale.ROOT, "%d image%s, %.3f megapixels, %d subpixels; whole commands (process and "
                        + "JVM start included), wall-clock, median of %d run%s per image; lcompress threads: %s",
                images, images == 1 ? "" : "s", megapixels(), subpixels, repeat, repeat == 1 ? "" : "s",
                threads == null ? "all processors" : threads.toString());
    }

    void printText(PrintStream out) {
        out.println("Pareto: " + header());
        boolean ratio = cjxl7() != null;
        Set<Point> front = new HashSet<>(front());
        int settingWidth = 13;
        for (Point p : points) {
            settingWidth = Math.max(settingWidth, p.setting.length());
        }
        String fmtHead = "%-11s %-" + settingWidth + "s %8s %9s %9s %9s %9s" + (ratio ? " %11s" : "") + " %5s %s%n";
        List<Object> head = new ArrayList<>(List.of("codec", "setting", "bpsp", "enc_s/MP", "dec_s/MP", "enc_med_s",
                "dec_med_s"));
        if (ratio) {
            head.add("enc/cjxl-e7");
        }
        head.add("front");
        head.add("round_trip");
        out.printf(Locale.ROOT, fmtHead, head.toArray());
        for (Point p : points) {
            List<Object> v = new ArrayList<>(List.of(p.codecShown(), p.setting, fmtOrDash(p.bpsp(), 4),
                    fmtOrDash(p.encSecondsPerMp(), 3), fmtOrDash(p.decSecondsPerMp(), 3),
                    fmtOrDash(p.medianEncSeconds(), 3), fmtOrDash(p.medianDecSeconds(), 3)));
            if (ratio) {
                v.add(fmtOrDash(encRatioToCjxl7(p), 2));
            }
            v.add(front.contains(p) ? "*" : "");
            v.add(roundTrip(p));
            out.printf(Locale.ROOT, fmtHead, v.toArray());
        }
    }

    private static String roundTrip(Point p) {
        if (p.family != Family.LCOMPRESS) {
            return "";
        }
        return p.roundTripFailed ? "FAILED" : p.ok() ? "exact" : "-";
    }

    // ------------------------------------------------------------------ CSV

    static final List<String> CSV_HEADER = List.of("codec", "setting", "label", "images", "bits", "subpixels",
            "megapixels", "bpsp", "enc_s", "dec_s", "enc_s_per_mp", "dec_s_per_mp", "enc_median_s", "dec_median_s",
            "enc_vs_cjxl_e7", "pareto_front", "round_trip");

    /** CSV: a header and one row per point; empty fields where there is no value. */
    String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
        Set<Point> front = new HashSet<>(front());
        for (Point p : points) {
            List<String> f = List.of(csvQuote(p.codecShown()), csvQuote(p.setting), csvQuote(p.label),
                    "" + p.images, p.ok() ? "" + p.bits : "", p.ok() ? "" + p.subpixels : "",
                    fmt(p.pixels / 1e6, 6), csvNum(p.bpsp(), 6), csvNum(p.encSecondsTotal(), 4),
                    csvNum(p.decSecondsTotal(), 4), csvNum(p.encSecondsPerMp(), 4), csvNum(p.decSecondsPerMp(), 4),
                    csvNum(p.medianEncSeconds(), 4), csvNum(p.medianDecSeconds(), 4),
                    csvNum(encRatioToCjxl7(p), 4), front.contains(p) ? "yes" : "", roundTrip(p));
            sb.append(String.join(",", f)).append('\n');
        }
        return sb.toString();
    }

    private static String csvNum(double v, int digits) {
        return Double.isFinite(v) ? fmt(v, digits) : "";
    }

    // ------------------------------------------------------------------ Markdown

    /** Markdown: a sentence on how it was measured, the table, and the tools' versions. */
    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d image%s (%.3f megapixels, %d subpixels). Every command runs as a "
                        + "process of its own and is timed whole, wall-clock, as a user waits for it (process start, "
                        + "and for lcompress the JVM's start, included); an image's time is the median of %d run%s. "
                        + "Bits per subpixel = total file bits / total subpixels; s/MP = total seconds / total "
                        + "megapixels.", images, images == 1 ? "" : "s", megapixels(), subpixels, repeat,
                repeat == 1 ? "" : "s"));
        List<Point> lc = points.stream().filter(p -> p.family == Family.LCOMPRESS).toList();
        if (!lc.isEmpty()) {
            sb.append(" Every .lc file was decoded by `lcompress decode` and compared with its input: ")
                    .append(!allRoundTripsExact() ? "**ROUND TRIP FAILED**"
                            : lc.stream().allMatch(Point::ok) ? "all exact" : "exact where lcompress ran")
                    .append('.');
        }
        if (points.stream().anyMatch(p -> p.family == Family.PNG)) {
            sb.append(" PNG is the input as stored: a size, no time.");
        }
        sb.append("\n\n");
        boolean ratio = cjxl7() != null;
        Set<Point> front = new HashSet<>(front());
        sb.append("| codec | setting | bits/subpixel | encode s/MP | decode s/MP | median encode s "
                + "| median decode s |");
        if (ratio) {
            sb.append(" encode time / cjxl -e 7 |");
        }
        sb.append(" Pareto front |\n|---|---|---:|---:|---:|---:|---:|");
        if (ratio) {
            sb.append("---:|");
        }
        sb.append(":---:|\n");
        for (Point p : points) {
            sb.append("| ").append(p.codecShown()).append(" | ").append(mdSetting(p)).append(" | ")
                    .append(fmtOrDash(p.bpsp(), 3)).append(p.roundTripFailed ? " **ROUND TRIP FAILED**" : "")
                    .append(" | ").append(fmtOrDash(p.encSecondsPerMp(), 3))
                    .append(" | ").append(fmtOrDash(p.decSecondsPerMp(), 3))
                    .append(" | ").append(fmtOrDash(p.medianEncSeconds(), 3))
                    .append(" | ").append(fmtOrDash(p.medianDecSeconds(), 3)).append(" |");
            if (ratio) {
                sb.append(' ').append(fmtOrDash(encRatioToCjxl7(p), 2)).append(" |");
            }
            sb.append(front.contains(p) ? " * |" : " |").append('\n');
        }
        sb.append('\n');
        if (!toolVersions.isEmpty()) {
            List<String> v = new ArrayList<>();
            toolVersions.forEach((tool, version) -> v.add(tool + ": " + version));
            sb.append("Tools: ").append(String.join("; ", v)).append(".\n\n");
        }
        return sb.toString();
    }

    private static String mdSetting(Point p) {
        if (p.family == Family.PNG) {
            return p.setting;
        }
        int paren = p.setting.indexOf(" (");
        return paren < 0 ? "`" + p.setting + "`"
                : "`" + p.setting.substring(0, paren) + "`" + p.setting.substring(paren);
    }

    // ------------------------------------------------------------------ helpers

    static double sum(List<Double> values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** The median; the mean of the two middle values for an even count; NaN for none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double median(double[] values) {
        List<Double> l = new ArrayList<>();
        for (double v : values) {
            l.add(v);
        }
        return median(l);
    }
}
