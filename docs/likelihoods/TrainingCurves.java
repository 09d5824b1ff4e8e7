import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training curves of docs/LIKELIHOODS.md: per run, the training loss and the validation loss (bits
 * per subpixel, or bits per pixel for the Bernoulli runs) after every epoch, read from the logs that
 * {@code lcompress train} writes ("epoch N/M done: train A | valid [NAME] B ..."), against the training
 * samples seen (epochs x iterations x batch, from the log's "network ..." line).
 *
 * <pre>
 *   java -Djava.awt.headless=true -cp "cli/target/lib/*" docs/likelihoods/TrainingCurves.java OUT.png \
 *       "TITLE" "Y LABEL" LABEL=LOG [LABEL=LOG ...]
 * </pre>
 * Solid lines: training loss (running mean over the epoch); dashed: the first validation figure of the
 * line (the photo total for the photo runs).
 */
public class TrainingCurves {
    private static final Pattern EPOCH = Pattern.compile(
            "epoch (\\d+)/\\d+ done: train ([0-9.]+) \\| valid (?:[A-Za-z-]+ )?([0-9.]+)");
    private static final Pattern SHAPE = Pattern.compile("x ([0-9,]+) iterations x batch ([0-9,]+)");
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e)};

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: TrainingCurves OUT.png TITLE YLABEL LABEL=LOG...");
            System.exit(2);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int series = 0;
        for (int a = 3; a < args.length; a++) {
            int eq = args[a].indexOf('=');
            String label = args[a].substring(0, eq);
            XYSeries train = new XYSeries(label + " train");
            XYSeries valid = new XYSeries(label + " valid");
            double perEpoch = 0;     // millions of samples an epoch
            for (String line : Files.readAllLines(Path.of(args[a].substring(eq + 1)))) {
                Matcher shape = SHAPE.matcher(line);
                if (line.startsWith("network ") && shape.find()) {
                    perEpoch = Double.parseDouble(shape.group(1).replace(",", ""))
                            * Double.parseDouble(shape.group(2).replace(",", "")) / 1e6;
                }
                Matcher m = EPOCH.matcher(line);
                if (m.find()) {
                    if (perEpoch == 0) {
                        throw new IllegalArgumentException("no 'network ... x N iterations x batch B' line before "
                                + "the first epoch in " + args[a]);
                    }
                    double samples = Integer.parseInt(m.group(1)) * perEpoch;
                    train.addOrUpdate(samples, Double.parseDouble(m.group(2)));
                    valid.addOrUpdate(samples, Double.parseDouble(m.group(3)));
                }
            }
            if (train.getItemCount() == 0) {
                throw new IllegalArgumentException("no 'epoch N/M done' lines in " + args[a]);
            }
            Color c = COLOURS[(a - 3) % COLOURS.length];
            data.addSeries(train);
            r.setSeriesPaint(series, c);
            r.setSeriesStroke(series++, new BasicStroke(2f));
            data.addSeries(valid);
            r.setSeriesPaint(series, c);
            r.setSeriesStroke(series++, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[]{6f, 4f}, 0f));
        }
        NumberAxis x = new NumberAxis("training samples seen (millions)");
        NumberAxis y = new NumberAxis(args[2]);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(args[1], new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(new File(args[0]), chart, 900, 540);
        System.err.println("wrote " + args[0]);
    }
}
