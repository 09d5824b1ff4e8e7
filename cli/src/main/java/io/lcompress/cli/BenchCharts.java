package io.lcompress.cli;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The charts of {@code lcompress bench --chart FILE.png}, drawn with JFreeChart (headless): bits per
 * subpixel per codec for every image (a grouped bar chart; per folder when there are many images),
 * and the model's ideal code length against the bits actually written (a scatter plot with the
 * diagonal drawn: the points should sit on it); and the speed/size chart of {@code bench --pareto}.
 */
final class BenchCharts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The model's ideal code length, next to the actual file. */
    static final String MODEL = "lcompress (model)";

    /** Above this many groups of bars they are drawn horizontally. */
    static final int HORIZONTAL_ABOVE = 12;

    /** Above this many images the bar chart shows one group of bars per folder instead of per image. */
    static final int MAX_IMAGE_CATEGORIES = 40;

    /** Colour-blind-safe colours (Okabe-Ito) per column. */
    private static final Map<String, Color> COLOURS = Map.of(
            MODEL, new Color(0x56B4E9),
            "lcompress", new Color(0x0072B2),
            "png", new Color(0x999999),
            "optipng", new Color(0x555555),
            "webp", new Color(0x009E73),
            "jxl7", new Color(0xE69F00),
            "jxl9", new Color(0xD55E00));

    private BenchCharts() {
    }

    /** The second chart's file: FILE.png -> FILE-model-vs-actual.png, next to it. */
    static Path companion(Path chart) {
        String name = chart.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        return chart.resolveSibling(stem + "-model-vs-actual.png");
    }

    /** Grouped bar chart, PNG bytes: one group per image (or folder), one bar per codec. */
    static byte[] bitsPerSubpixelChart(BenchReport report) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> series = new ArrayList<>();
        series.add(MODEL);
        series.add("lcompress");
        series.addAll(report.codecNames());
        boolean perFolder = report.rows.size() > MAX_IMAGE_CATEGORIES;
        if (perFolder) {
            for (BenchReport.Total g : report.groups()) {
                addTotal(data, series, g, g.label + " (" + g.images + ")");
            }
        } else {
            Map<String, Integer> seen = new HashMap<>();
            for (BenchReport.Row r : report.rows) {
                String label = shortLabel(r.image);
                int n = seen.merge(label, 1, Integer::sum);
                if (n > 1) {
                    label = label + " #" + n;
                }
                data.addValue(r.modelBits / r.subpixels(), MODEL, label);
                data.addValue((double) r.fileBits / r.subpixels(), "lcompress", label);
                for (String c : report.codecNames()) {
                    ExternalCodecs.Result res = r.codecs.get(c);
                    data.addValue(res == null ? null : res.bytes() * 8.0 / r.subpixels(), c, label);
                }
            }
        }
        BenchReport.Total all = report.total();
        if (report.rows.size() > 1 && !(perFolder && report.groups().size() == 1)) {
            addTotal(data, series, all, "TOTAL");
        }

        CategoryAxis x = new CategoryAxis(perFolder ? "folder (images)" : "image");
        NumberAxis y = new NumberAxis("bits per subpixel (lower is better)");
        y.setAutoRangeIncludesZero(true);
        y.setUpperMargin(0.12);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.03);
        renderer.setDrawBarOutline(false);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, COLOURS.getOrDefault(series.get(i), Color.BLACK));
        }
        int categories = data.getColumnCount();
        if (categories <= 8) {
            renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                    new java.text.DecimalFormat("0.00")));
            renderer.setDefaultItemLabelsVisible(true);
            renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12,
                    TextAnchor.CENTER_LEFT, TextAnchor.CENTER_LEFT, -Math.PI / 2));
            renderer.setItemLabelAnchorOffset(3);
        }
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        // many images: horizontal bars, one image per row, names easy to read
        boolean horizontal = categories > HORIZONTAL_ABOVE;
        plot.setOrientation(horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        stylePlotBackground(plot);
        plot.setRangeGridlinePaint(new Color(0xCCCCCC));
        if (!horizontal && categories > 6) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        x.setMaximumCategoryLabelWidthRatio(3f);
        x.setCategoryMargin(0.25);
        JFreeChart chart = new JFreeChart("Bits per subpixel by codec", titleFont(), plot, true);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "%d image%s, %d subpixels, lcompress model %s",
                all.images, all.images == 1 ? "" : "s", all.subpixels, report.modelName),
                new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        StringBuilder sub = new StringBuilder(String.format(Locale.ROOT, "total bits / total subpixels: lcompress %.3f",
                all.fileBpsp()));
        for (String c : report.codecNames()) {
            double v = all.codecBpsp(c);
            if (!Double.isNaN(v)) {
                sub.append(String.format(Locale.ROOT, ", %s %.3f", c, v));
            }
        }
        chart.addSubtitle(new TextTitle(sub.toString(), new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        styleChart(chart);
        if (horizontal) {
            return png(chart, 1000, Math.min(8000, 220 + categories * (series.size() * 5 + 12)));
        }
        int width = Math.max(800, Math.min(3000, 160 + categories * (series.size() * 9 + 14)));
        return png(chart, width, 600);
    }

    private static void addTotal(DefaultCategoryDataset data, List<String> series, BenchReport.Total t, String label) {
        data.addValue(t.modelBpsp(), MODEL, label);
        data.addValue(t.fileBpsp(), "lcompress", label);
        for (String c : series.subList(2, series.size())) {
            double v = t.codecBpsp(c);
            data.addValue(Double.isNaN(v) ? null : v, c, label);
        }
    }

    /** Scatter of model bits (x) against bits written (y), with the diagonal y = x, PNG bytes. */
    static byte[] modelVsActualChart(BenchReport report) throws IOException {
        XYSeries file = new XYSeries("file (header + payload)", false, true);
        XYSeries payload = new XYSeries("payload (arithmetic coder output)", false, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (BenchReport.Row r : report.rows) {
            file.add(r.modelBits, r.fileBits);
            payload.add(r.modelBits, r.payloadBits);
            lo = Math.min(lo, Math.min(r.modelBits, r.payloadBits));
            hi = Math.max(hi, Math.max(r.modelBits, r.fileBits));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(file);
        data.addSeries(payload);
        lo = Math.max(lo, 1);
        hi = Math.max(hi, lo + 1);
        boolean log = hi / lo > 20;
        double axisLo;
        double axisHi;
        ValueAxis x;
        ValueAxis y;
        if (log) {
            axisLo = lo / 1.5;
            axisHi = hi * 1.5;
            x = logAxis("model code length, bits (log scale)");
            y = logAxis("bits written (log scale)");
        } else {
            double pad = Math.max((hi - lo) * 0.08, hi * 0.02);
            axisLo = Math.max(0, lo - pad);
            axisHi = hi + pad;
            NumberAxis nx = new NumberAxis("model code length, bits");
            NumberAxis ny = new NumberAxis("bits written");
            for (NumberAxis a : List.of(nx, ny)) {
                a.setAutoRangeIncludesZero(false);
                a.setNumberFormatOverride(compact());
            }
            NumberTickUnit unit = new NumberTickUnit(niceStep((axisHi - axisLo) / 8), compact());
            nx.setTickUnit(unit);
            ny.setTickUnit(unit);
            x = nx;
            y = ny;
        }
        x.setRange(axisLo, axisHi);
        y.setRange(axisLo, axisHi);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, new Color(0x0072B2));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        renderer.setSeriesPaint(1, new Color(0xD55E00));
        renderer.setSeriesShape(1, new Rectangle2D.Double(-2.5, -2.5, 5, 5));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        stylePlotBackground(plot);
        plot.setDomainGridlinePaint(new Color(0xCCCCCC));
        plot.setRangeGridlinePaint(new Color(0xCCCCCC));
        plot.addAnnotation(new XYLineAnnotation(axisLo, axisLo, axisHi, axisHi,
                new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f),
                new Color(0x444444)), false);
        JFreeChart chart = new JFreeChart("Model code length vs. bits written", titleFont(), plot, true);
        BenchReport.Total all = report.total();
        long headerBits = all.fileBits - all.payloadBits;
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
                "%d image%s, model %s; dashed line: bits written = model bits. Coder overhead %+.4f %%, headers %.1f bytes/image",
                all.images, all.images == 1 ? "" : "s", report.modelName,
                BenchReport.overheadPct(all.payloadBits, all.modelBits), headerBits / 8.0 / all.images),
                new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        styleChart(chart);
        return png(chart, 760, 720);
    }

    /** Colours per codec family in the Pareto chart (Okabe-Ito, as in the bar chart). */
    private static final Map<ParetoReport.Family, Color> FAMILY_COLOURS = Map.of(
            ParetoReport.Family.LCOMPRESS, new Color(0x0072B2),
            ParetoReport.Family.CJXL, new Color(0xE69F00),
            ParetoReport.Family.CWEBP, new Color(0x009E73),
            ParetoReport.Family.PNG, new Color(0x999999));

    /**
     * The speed/size chart of {@code bench --pareto}, PNG bytes: bits per subpixel (y) against seconds per
     * megapixel (x, log axis), one series per codec family for encode (filled marks, joined in effort
     * order) and one for decode (hollow marks), every point labelled with its setting; the Pareto front
     * of the encoders a grey band; the stored PNG's size a horizontal line (it has no time; named in the
     * subtitle instead when it lies far above the other points). Settings that
     * write files of the same size (lcompress levels sharing a model) are labelled once, e.g. e7=e8=e9.
     */
    static byte[] paretoChart(ParetoReport report) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        List<List<String>> labels = new ArrayList<>();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        boolean merged = false;
        for (ParetoReport.Family f : ParetoReport.Family.values()) {
            List<ParetoReport.Point> ps = report.points.stream().filter(p -> p.family == f && p.timed && p.ok()
                    && Double.isFinite(p.encSecondsPerMp())).toList();
            if (ps.isEmpty()) {
                continue;
            }
            List<String> names = mergedLabels(ps);
            merged |= names.stream().anyMatch(n -> n.contains("="));
            Color colour = FAMILY_COLOURS.get(f);
            for (boolean encode : new boolean[]{true, false}) {
                XYSeries series = new XYSeries(encode ? f.encodeSeries : f.decodeSeries, false, true);
                List<String> seriesLabels = new ArrayList<>();
                for (int i = 0; i < ps.size(); i++) {
                    ParetoReport.Point p = ps.get(i);
                    double x = encode ? p.encSecondsPerMp() : p.decSecondsPerMp();
                    if (Double.isFinite(x) && x > 0) {
                        series.add(x, p.bpsp());
                        seriesLabels.add(names.get(i));
                        xs.add(x);
                        ys.add(p.bpsp());
                    }
                }
                if (series.getItemCount() == 0) {
                    continue;
                }
                int i = data.getSeriesCount();
                data.addSeries(series);
                labels.add(seriesLabels);
                renderer.setSeriesPaint(i, colour);
                renderer.setSeriesShape(i, familyShape(f));
                renderer.setSeriesShapesFilled(i, encode);
                renderer.setSeriesOutlineStroke(i, new BasicStroke(1.6f));
                renderer.setSeriesLinesVisible(i, encode && series.getItemCount() > 1);
                renderer.setSeriesStroke(i, new BasicStroke(1.2f));
                renderer.setSeriesItemLabelPaint(i, encode ? colour.darker() : colour.darker().darker());
                renderer.setSeriesItemLabelFont(i, labelFont);
                // a setting's encode and decode marks share a height: encode labels above, decode below
                renderer.setSeriesPositiveItemLabelPosition(i, encode
                        ? new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER)
                        : new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_CENTER));
            }
        }
        renderer.setDrawOutlines(true);
        renderer.setUseOutlinePaint(false);
        renderer.setDefaultItemLabelGenerator((dataset, series, item) -> labels.get(series).get(item));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setItemLabelAnchorOffset(2);

        XYSeries frontSeries = new XYSeries("Pareto front of the encoders", false, true);
        for (ParetoReport.Point p : report.front()) {
            frontSeries.add(p.encSecondsPerMp(), p.bpsp());
        }
        XYSeriesCollection frontData = new XYSeriesCollection(frontSeries);
        XYLineAndShapeRenderer frontRenderer = new XYLineAndShapeRenderer(true, false);
        // a translucent band under the marks
        frontRenderer.setSeriesPaint(0, new Color(0, 0, 0, 60));
        frontRenderer.setSeriesStroke(0, new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));

        ParetoReport.Point png = report.points.stream().filter(p -> p.family == ParetoReport.Family.PNG && p.ok())
                .findFirst().orElse(null);
        // the stored PNG is a line across the chart, unless it lies so far above the rest that drawing it
        // would squeeze them together: then the subtitle gives its size
        boolean pngDrawn = false;
        if (png != null) {
            double dLo = ys.stream().mapToDouble(Double::doubleValue).min().orElse(png.bpsp());
            double dHi = ys.stream().mapToDouble(Double::doubleValue).max().orElse(png.bpsp());
            pngDrawn = ys.isEmpty() || png.bpsp() <= dHi + Math.max(dHi - dLo, 0.25);
            if (pngDrawn) {
                ys.add(png.bpsp());
            }
        }

        // x: seconds per megapixel, log scale, at least a decade wide, room on the right for labels
        double lo = xs.stream().mapToDouble(Double::doubleValue).min().orElse(0.1);
        double hi = xs.stream().mapToDouble(Double::doubleValue).max().orElse(10);
        double logLo = Math.log10(lo);
        double logHi = Math.log10(hi);
        double span = Math.max(logHi - logLo, 0.6);
        double mid = (logLo + logHi) / 2;
        logLo = Math.min(logLo, mid - span / 2) - 0.12 * span - 0.08;
        logHi = Math.max(logHi, mid + span / 2) + 0.12 * span + 0.08;
        LogAxis x = new LogAxis("seconds per megapixel, whole command (log scale; left is faster)");
        x.setBase(10);
        x.setSmallestValue(1e-9);
        x.setMinorTickMarksVisible(true);
        x.setRange(Math.pow(10, logLo), Math.pow(10, logHi));
        // a tick at every power of ten over a wide range, at every power of two over a narrow one
        boolean decades = logHi - logLo > 2.2;
        x.setTickUnit(decades ? new NumberTickUnit(1.0, new java.text.DecimalFormat("0.###"), 9)
                : new NumberTickUnit(Math.log10(2), new java.text.DecimalFormat("0.###"), 2));
        x.setNumberFormatOverride(new java.text.DecimalFormat(decades ? "0.###" : "0.####"));

        double yLo = ys.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double yHi = ys.stream().mapToDouble(Double::doubleValue).max().orElse(8);
        double pad = Math.max((yHi - yLo) * 0.08, 0.05);
        NumberAxis y = new NumberAxis("bits per subpixel (lower is better)");
        y.setAutoRangeIncludesZero(false);
        y.setRange(Math.max(0, yLo - pad), yHi + pad);

        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDataset(1, frontData);
        plot.setRenderer(1, frontRenderer);     // dataset 1 is drawn first: the front lies under the marks
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        stylePlotBackground(plot);
        plot.setDomainGridlinePaint(new Color(0xCCCCCC));
        plot.setRangeGridlinePaint(new Color(0xCCCCCC));
        plot.setDomainMinorGridlinesVisible(false);
        LegendItemCollection legend = new LegendItemCollection();
        legend.addAll(renderer.getLegendItems());
        legend.addAll(frontRenderer.getLegendItems());
        if (pngDrawn) {
            Color grey = FAMILY_COLOURS.get(ParetoReport.Family.PNG);
            BasicStroke dotted = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[]{2f, 4f}, 0f);
            ValueMarker m = new ValueMarker(png.bpsp(), grey, dotted);
            m.setLabel(String.format(Locale.ROOT, "PNG as stored: %.3f bpsp (size only, no time)", png.bpsp()));
            m.setLabelFont(labelFont);
            m.setLabelPaint(grey.darker());
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            m.setLabelOffset(new RectangleInsets(2, 6, 2, 6));
            plot.addRangeMarker(m);
            legend.add(new LegendItem(ParetoReport.Family.PNG.encodeSeries, null, null, null,
                    new java.awt.geom.Line2D.Double(-9, 0, 9, 0), dotted, grey));
        }
        plot.setFixedLegendItems(legend);

        JFreeChart chart = new JFreeChart("Bits per subpixel vs. seconds per megapixel", titleFont(), plot, true);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
                "%d image%s, %s megapixels; whole commands, wall-clock (process and JVM start included), "
                        + "median of %d run%s per image", report.images, report.images == 1 ? "" : "s",
                report.megapixels() < 10 ? String.format(Locale.ROOT, "%.3f", report.megapixels())
                        : String.format(Locale.ROOT, "%.1f", report.megapixels()),
                report.repeat, report.repeat == 1 ? "" : "s"),
                new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        chart.addSubtitle(new TextTitle("filled marks: encode, hollow marks: decode; grey band: the encoders' Pareto "
                + "front" + (merged ? "; a=b: settings that write the same files" : ""),
                new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        if (png != null && !pngDrawn) {
            chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
                    "PNG as stored: %.3f bits per subpixel, above the chart (a size only, no time)", png.bpsp()),
                    new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        }
        styleChart(chart);
        return png(chart, 1000, 720);
    }

    /** Labels of a family's points; points of equal size share one label (e7=e8=e9) on the first. */
    static List<String> mergedLabels(List<ParetoReport.Point> ps) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            ParetoReport.Point p = ps.get(i);
            boolean first = true;
            for (int j = 0; j < i; j++) {
                if (ps.get(j).bits == p.bits) {
                    first = false;
                    break;
                }
            }
            if (!first) {
                out.add("");
                continue;
            }
            StringBuilder sb = new StringBuilder(p.label);
            String prefix = p.label.contains(" ") ? p.label.substring(0, p.label.lastIndexOf(' ') + 1) : "";
            for (int j = i + 1; j < ps.size(); j++) {
                if (ps.get(j).bits == p.bits) {
                    sb.append('=').append(ps.get(j).label.substring(prefix.length()));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static java.awt.Shape familyShape(ParetoReport.Family f) {
        return switch (f) {
            case LCOMPRESS -> new Ellipse2D.Double(-5, -5, 10, 10);
            case CJXL -> new Rectangle2D.Double(-4.5, -4.5, 9, 9);
            default -> new java.awt.geom.Path2D.Double() {
                {
                    moveTo(0, -6);
                    lineTo(6, 0);
                    lineTo(0, 6);
                    lineTo(-6, 0);
                    closePath();
                }
            };
        };
    }

    private static LogAxis logAxis(String label) {
        LogAxis a = new LogAxis(label);
        a.setBase(10);
        a.setSmallestValue(1);
        a.setMinorTickMarksVisible(true);
        a.setTickUnit(new NumberTickUnit(1.0));      // a tick at every power of ten
        a.setNumberFormatOverride(compact());
        return a;
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code v}. */
    static double niceStep(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Axis numbers like 290K, 1.5M. */
    private static NumberFormat compact() {
        NumberFormat f = NumberFormat.getCompactNumberInstance(Locale.US, NumberFormat.Style.SHORT);
        f.setMaximumFractionDigits(2);
        return f;
    }

    private static void stylePlotBackground(org.jfree.chart.plot.Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(0x888888));
        plot.setInsets(new RectangleInsets(8, 8, 8, 16));
    }

    private static void styleChart(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 6, 6, 6));
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        }
    }

    private static Font titleFont() {
        return new Font(Font.SANS_SERIF, Font.BOLD, 18);
    }

    private static String shortLabel(String image) {
        int slash = image.lastIndexOf('/');
        String s = slash >= 0 ? image.substring(slash + 1) : image;
        if (s.toLowerCase(Locale.ROOT).endsWith(".png")) {
            s = s.substring(0, s.length() - 4);
        }
        return s.length() > 24 ? s.substring(0, 23) + "…" : s;
    }

    static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, chart, width, height);
        return out.toByteArray();
    }
}
