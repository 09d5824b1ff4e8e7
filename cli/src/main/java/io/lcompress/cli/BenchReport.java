package io.lcompress.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of {@code lcompress bench} and their three renderings: the terminal table, CSV (one row
 * per image and a TOTAL row) and Markdown. Bits per subpixel (bpsp) = bits / (width x height x
 * channels) everywhere; totals are total bits / total subpixels; "mean" is the mean of per-image bpsp.
 */
final class BenchReport {
    /** One image's measurements. A reference codec that failed on it has no entry in {@link #codecs}. */
    static final class Row {
        String image;
        String group;
        int width;
        int height;
        int channels;
        double modelBits;
        long payloadBits;
        long fileBits;
        double encSeconds;
        double decSeconds;
        boolean roundTripExact;
        final Map<String, ExternalCodecs.Result> codecs = new LinkedHashMap<>();

        long pixels() {
            return (long) width * height;
        }

        long subpixels() {
            return pixels() * channels;
        }
    }

    /** Sums over a set of rows; a codec missing from any row has an incomplete total (shown empty). */
    static final class Total {
        final String label;
        int images;
        long pixels;
        long subpixels;
        double modelBits;
        long payloadBits;
        long fileBits;
        double encSeconds;
        double decSeconds;
        boolean allExact = true;
        final Map<String, Long> codecBytes = new LinkedHashMap<>();
        final Map<String, Double> codecSeconds = new LinkedHashMap<>();
        final Map<String, Boolean> codecComplete = new LinkedHashMap<>();
        // means of per-image bpsp
        double sumModelBpsp;
        double sumFileBpsp;
        final Map<String, Double> sumCodecBpsp = new LinkedHashMap<>();

        Total(String label, List<ExternalCodecs.Codec> codecs) {
            this.label = label;
            for (ExternalCodecs.Codec c : codecs) {
                codecBytes.put(c.name(), 0L);
                codecSeconds.put(c.name(), 0.0);
                codecComplete.put(c.name(), true);
                sumCodecBpsp.put(c.name(), 0.0);
            }
        }

        void add(Row r) {
            images++;
            pixels += r.pixels();
            subpixels += r.subpixels();
            modelBits += r.modelBits;
            payloadBits += r.payloadBits;
            fileBits += r.fileBits;
            encSeconds += r.encSeconds;
            decSeconds += r.decSeconds;
            allExact &= r.roundTripExact;
            sumModelBpsp += r.modelBits / r.subpixels();
            sumFileBpsp += (double) r.fileBits / r.subpixels();
            for (String c : codecBytes.keySet()) {
                ExternalCodecs.Result res = r.codecs.get(c);
                if (res == null) {
                    codecComplete.put(c, false);
                } else {
                    codecBytes.merge(c, res.bytes(), Long::sum);
                    codecSeconds.merge(c, res.seconds(), Double::sum);
                    sumCodecBpsp.merge(c, res.bytes() * 8.0 / r.subpixels(), Double::sum);
                }
            }
        }

        double modelBpsp() {
            return modelBits / subpixels;
        }

        double fileBpsp() {
            return (double) fileBits / subpixels;
        }

        /** Total bits / total subpixels, or NaN when the codec failed on some image. */
        double codecBpsp(String c) {
            return codecComplete.get(c) ? codecBytes.get(c) * 8.0 / subpixels : Double.NaN;
        }

        double codecSeconds(String c) {
            return codecComplete.get(c) ? codecSeconds.get(c) : Double.NaN;
        }

        double meanModelBpsp() {
            return sumModelBpsp / images;
        }

        double meanFileBpsp() {
            return sumFileBpsp / images;
        }

        double meanCodecBpsp(String c) {
            return codecComplete.get(c) ? sumCodecBpsp.get(c) / images : Double.NaN;
        }
    }

    final String modelName;
    final String modelFingerprint;
    final int threads;
    final List<ExternalCodecs.Codec> codecs;
    final Map<String, String> toolVersions;
    final List<Row> rows = new ArrayList<>();

    BenchReport(String modelName, String modelFingerprint, int threads, List<ExternalCodecs.Codec> codecs,
                Map<String, String> toolVersions) {
        this.modelName = modelName;
        this.modelFingerprint = modelFingerprint;
        this.threads = threads;
        this.codecs = List.copyOf(codecs);
        this.toolVersions = toolVersions;
    }

    List<String> codecNames() {
        return codecs.stream().map(ExternalCodecs.Codec::name).toList();
    }

    Total total() {
        Total t = new Total("TOTAL", codecs);
        rows.forEach(t::add);
        return t;
    }

    /** Totals per group (folder), in order of first appearance. */
    List<Total> groups() {
        Map<String, Total> m = new LinkedHashMap<>();
        for (Row r : rows) {
            m.computeIfAbsent(r.group, g -> new Total(g, codecs)).add(r);
        }
        return new ArrayList<>(m.values());
    }

    // ------------------------------------------------------------------ terminal

    void printText(PrintStream out) {
        out.printf("model: %s (%s), threads %d; bpsp = bits / (width x height x channels)%n", modelName,
                modelFingerprint, threads);
        StringBuilder h = new StringBuilder(String.format("%-30s %13s %9s %9s %9s %8s %8s %8s %8s %6s", "image",
                "size", "lc_model", "lc", "overhead", "enc_s", "dec_s", "enc_MP/s", "dec_MP/s", "rtrip"));
        for (String c : codecNames()) {
            h.append(String.format(" %8s", c));
        }
        for (ExternalCodecs.Codec c : codecs) {
            if (!c.storedSize()) {
                h.append(String.format(" %9s", c.name() + "_s"));
            }
        }
        out.println(h);
        for (Row r : rows) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-30s %13s %9.4f %9.4f %8.4f%% %8.3f %8.3f %8.3f %8.3f %6s",
                    shorten(r.image, 30), r.width + "x" + r.height + "x" + r.channels, r.modelBits / r.subpixels(),
                    (double) r.fileBits / r.subpixels(), overheadPct(r.payloadBits, r.modelBits), r.encSeconds,
                    r.decSeconds, r.pixels() / r.encSeconds / 1e6, r.pixels() / r.decSeconds / 1e6,
                    r.roundTripExact ? "exact" : "FAILED"));
            for (String c : codecNames()) {
                ExternalCodecs.Result res = r.codecs.get(c);
                sb.append(String.format(Locale.ROOT, " %8s", res == null ? "-" : fmt(res.bytes() * 8.0 / r.subpixels(), 4)));
            }
            for (ExternalCodecs.Codec c : codecs) {
                if (!c.storedSize()) {
                    ExternalCodecs.Result res = r.codecs.get(c.name());
                    sb.append(String.format(Locale.ROOT, " %9s", res == null ? "-" : fmt(res.seconds(), 3)));
                }
            }
            out.println(sb);
        }
        if (rows.isEmpty()) {
            return;
        }
        List<Total> totals = new ArrayList<>();
        List<Total> groups = groups();
        if (groups.size() > 1) {
            totals.addAll(groups);
        }
        Total all = total();
        totals.add(all);
        for (Total t : totals) {
            String label = t == all ? "TOTAL (" + t.images + (t.images == 1 ? " image)" : " images)") : "  " + t.label + " (" + t.images + ")";
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-30s %13s %9.4f %9.4f %8.4f%% %8.3f %8.3f %8.3f %8.3f %6s",
                    shorten(label, 30), "", t.modelBpsp(), t.fileBpsp(), overheadPct(t.payloadBits, t.modelBits),
                    t.encSeconds, t.decSeconds, t.pixels / t.encSeconds / 1e6, t.pixels / t.decSeconds / 1e6,
                    t.allExact ? "exact" : "FAILED"));
            for (String c : codecNames()) {
                sb.append(String.format(Locale.ROOT, " %8s", fmtOrDash(t.codecBpsp(c), 4)));
            }
            for (ExternalCodecs.Codec c : codecs) {
                if (!c.storedSize()) {
                    sb.append(String.format(Locale.ROOT, " %9s", fmtOrDash(t.codecSeconds(c.name()), 3)));
                }
            }
            out.println(sb);
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-30s %13s %9.4f %9.4f", "MEAN of per-image bpsp", "",
                all.meanModelBpsp(), all.meanFileBpsp()));
        sb.append(" ".repeat(10 + 9 * 4 + 7));   // overhead, 4 timing columns, round trip
        for (String c : codecNames()) {
            sb.append(String.format(Locale.ROOT, " %8s", fmtOrDash(all.meanCodecBpsp(c), 4)));
        }
        out.println(sb);
    }

    // ------------------------------------------------------------------ CSV

    List<String> csvHeader() {
        List<String> h = new ArrayList<>(List.of("image", "group", "width", "height", "channels", "subpixels",
                "model_bits", "payload_bits", "header_bits", "lc_bits", "model_bpsp", "lc_bpsp", "overhead_pct",
                "lc_enc_s", "lc_dec_s", "lc_enc_mpix_s", "lc_dec_mpix_s", "round_trip"));
        for (ExternalCodecs.Codec c : codecs) {
            h.add(c.name() + "_bits");
            h.add(c.name() + "_bpsp");
            if (!c.storedSize()) {
                h.add(c.name() + "_enc_s");
            }
        }
        return h;
    }

    /** CSV: a header, one row per image, and a TOTAL row (total bits / total subpixels). */
    String csv() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", csvHeader())).append('\n');
        for (Row r : rows) {
            List<String> f = new ArrayList<>(List.of(csvQuote(r.image), csvQuote(r.group), "" + r.width,
                    "" + r.height, "" + r.channels, "" + r.subpixels(), fmt(r.modelBits, 3), "" + r.payloadBits,
                    "" + (r.fileBits - r.payloadBits), "" + r.fileBits, fmt(r.modelBits / r.subpixels(), 6),
                    fmt((double) r.fileBits / r.subpixels(), 6), fmt(overheadPct(r.payloadBits, r.modelBits), 6),
                    fmt(r.encSeconds, 4), fmt(r.decSeconds, 4), fmt(r.pixels() / r.encSeconds / 1e6, 4),
                    fmt(r.pixels() / r.decSeconds / 1e6, 4), r.roundTripExact ? "exact" : "FAILED"));
            for (ExternalCodecs.Codec c : codecs) {
                ExternalCodecs.Result res = r.codecs.get(c.name());
                f.add(res == null ? "" : "" + res.bytes() * 8);
                f.add(res == null ? "" : fmt(res.bytes() * 8.0 / r.subpixels(), 6));
                if (!c.storedSize()) {
                    f.add(res == null ? "" : fmt(res.seconds(), 4));
                }
            }
            sb.append(String.join(",", f)).append('\n');
        }
        if (!rows.isEmpty()) {
            Total t = total();
            List<String> f = new ArrayList<>(List.of("TOTAL", "", "", "", "", "" + t.subpixels, fmt(t.modelBits, 3),
                    "" + t.payloadBits, "" + (t.fileBits - t.payloadBits), "" + t.fileBits, fmt(t.modelBpsp(), 6),
                    fmt(t.fileBpsp(), 6), fmt(overheadPct(t.payloadBits, t.modelBits), 6), fmt(t.encSeconds, 4),
                    fmt(t.decSeconds, 4), fmt(t.pixels / t.encSeconds / 1e6, 4), fmt(t.pixels / t.decSeconds / 1e6, 4),
                    t.allExact ? "exact" : "FAILED"));
            for (ExternalCodecs.Codec c : codecs) {
                boolean ok = t.codecComplete.get(c.name());
                f.add(ok ? "" + t.codecBytes.get(c.name()) * 8 : "");
                f.add(ok ? fmt(t.codecBpsp(c.name()), 6) : "");
                if (!c.storedSize()) {
                    f.add(ok ? fmt(t.codecSeconds(c.name()), 4) : "");
                }
            }
            sb.append(String.join(",", f)).append('\n');
        }
        return sb.toString();
    }

    static String csvQuote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    // ------------------------------------------------------------------ Markdown

    /**
     * Markdown: the summary (per folder when there are several, the total, and the mean of per-image
     * bpsp), the per-image table unless {@code summaryOnly}, and the speed table.
     */
    String markdown(boolean summaryOnly) {
        StringBuilder sb = new StringBuilder();
        Total all = total();
        sb.append(String.format(Locale.ROOT, "Model: `%s` (fingerprint `%s`), %d thread%s. Bits per subpixel (bpsp) = "
                        + "bits / (width x height x channels); lower is better; the best actual size in each row is "
                        + "**bold** (\"lcompress (model)\" is the model's ideal code length, not a file size). "
                        + "Round trip: %s.%n%n", modelName, modelFingerprint, threads, threads == 1 ? "" : "s",
                rows.isEmpty() ? "no images" : !all.allExact ? "**FAILED** on some images"
                        : all.images == 1 ? "the image decoded exactly" : "all " + all.images + " images decoded exactly"));
        List<String> cols = new ArrayList<>(List.of("lcompress (model)", "lcompress"));
        cols.addAll(codecNames());
        // summary
        sb.append("| set | images | subpixels | ")
                .append(String.join(" | ", cols)).append(" |\n");
        sb.append("|---|---:|---:|").append("---:|".repeat(cols.size())).append('\n');
        if (!rows.isEmpty()) {
            List<Total> groups = groups();
            if (groups.size() > 1) {
                for (Total g : groups) {
                    sb.append(mdTotalRow(g, md(g.label), false));
                }
            }
            sb.append(mdTotalRow(all, "**all**", true));
            List<String> mean = new ArrayList<>();
            mean.add(fmt(all.meanModelBpsp(), 3));
            mean.add(fmt(all.meanFileBpsp(), 3));
            for (String c : codecNames()) {
                mean.add(fmtOrDash(all.meanCodecBpsp(c), 3));
            }
            sb.append("| mean of per-image bpsp | ").append(all.images).append(" | | ")
                    .append(String.join(" | ", boldBest(mean))).append(" |\n");
        }
        sb.append('\n');
        if (!summaryOnly && !rows.isEmpty()) {
            sb.append("| image | size | ").append(String.join(" | ", cols))
                    .append(" | overhead | enc s | dec s | enc MP/s |\n");
            sb.append("|---|---|").append("---:|".repeat(cols.size() + 4)).append('\n');
            for (Row r : rows) {
                List<String> v = new ArrayList<>();
                v.add(fmt(r.modelBits / r.subpixels(), 3));
                v.add(fmt((double) r.fileBits / r.subpixels(), 3));
                for (String c : codecNames()) {
                    ExternalCodecs.Result res = r.codecs.get(c);
                    v.add(res == null ? "-" : fmt(res.bytes() * 8.0 / r.subpixels(), 3));
                }
                sb.append("| ").append(md(r.image)).append(" | ").append(r.width).append("x").append(r.height)
                        .append("x").append(r.channels).append(" | ").append(String.join(" | ", boldBest(v)))
                        .append(" | ").append(fmt(overheadPct(r.payloadBits, r.modelBits), 4)).append("% | ")
                        .append(fmt(r.encSeconds, 2)).append(" | ").append(fmt(r.decSeconds, 2)).append(" | ")
                        .append(fmt(r.pixels() / r.encSeconds / 1e6, 2))
                        .append(r.roundTripExact ? "" : " **ROUND TRIP FAILED**").append(" |\n");
            }
            sb.append('\n');
        }
        if (!rows.isEmpty()) {
            sb.append("| codec | command | seconds (all images) | megapixels/s |\n|---|---|---:|---:|\n");
            sb.append(String.format(Locale.ROOT, "| lcompress encode | `lcompress encode --model %s --threads %d` | %s | %s |%n",
                    modelName, threads, fmt(all.encSeconds, 2), fmt(all.pixels / all.encSeconds / 1e6, 3)));
            sb.append(String.format(Locale.ROOT, "| lcompress decode | `lcompress decode` | %s | %s |%n",
                    fmt(all.decSeconds, 2), fmt(all.pixels / all.decSeconds / 1e6, 3)));
            for (ExternalCodecs.Codec c : codecs) {
                String version = toolVersions.get(c.name());
                String cmd = "`" + c.shownCommand() + "`" + (version == null ? "" : " (" + md(version) + ")");
                if (c.storedSize()) {
                    sb.append("| ").append(c.name()).append(" | ").append(c.description()).append(" | | |\n");
                } else {
                    double s = all.codecSeconds(c.name());
                    sb.append("| ").append(c.name()).append(" | ").append(cmd).append(" | ").append(fmtOrDash(s, 2))
                            .append(" | ").append(Double.isNaN(s) ? "-" : fmt(all.pixels / s / 1e6, 3)).append(" |\n");
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private String mdTotalRow(Total t, String label, boolean bold) {
        List<String> v = new ArrayList<>();
        v.add(fmt(t.modelBpsp(), 3));
        v.add(fmt(t.fileBpsp(), 3));
        for (String c : codecNames()) {
            v.add(fmtOrDash(t.codecBpsp(c), 3));
        }
        return "| " + label + " | " + t.images + " | " + t.subpixels + " | " + String.join(" | ", boldBest(v)) + " |\n";
    }

    /** Bolds the smallest actual size (every entry but the first, the model's ideal code length). */
    private static List<String> boldBest(List<String> values) {
        int best = -1;
        double bestV = Double.POSITIVE_INFINITY;
        for (int i = 1; i < values.size(); i++) {
            try {
                double v = Double.parseDouble(values.get(i));
                if (v < bestV) {
                    bestV = v;
                    best = i;
                }
            } catch (NumberFormatException ignored) {
                // "-": no value
            }
        }
        List<String> out = new ArrayList<>(values);
        if (best >= 0) {
            out.set(best, "**" + out.get(best) + "**");
        }
        return out;
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_");
    }

    // ------------------------------------------------------------------ helpers

    static double overheadPct(long payloadBits, double modelBits) {
        return 100.0 * (payloadBits / modelBits - 1);
    }

    static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String fmtOrDash(double v, int digits) {
        return Double.isNaN(v) ? "-" : fmt(v, digits);
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : "..." + s.substring(s.length() - n + 3);
    }
}
