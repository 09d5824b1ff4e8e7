package io.lcompress.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lcompress.codec.coding.ImageSizeChoice;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.coding.Dequantization;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.MixedPixelModel;
import io.lcompress.codec.model.neural.NeuralPixelModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The demonstration that code length equals log-likelihood: for every image the model's ideal code
 * length (sum of -log2 P under the exact integer distributions the coder used) next to the bits the
 * coder actually wrote, and the input PNG's size.
 *
 * <p>The table and {@code --json} use the same names: every column header is the JSON field of that
 * figure (except {@code size}, which is {@code width}x{@code height}x{@code channels}), so
 * {@code bpsp} is the file's bits per subpixel in both and the model's is {@code model_bpsp}.
 * JSON numbers are plain decimals, never in E-notation.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Model code length vs. bits actually written vs. PNG, per image and in total.",
                "",
                "Columns (the same names as the --json fields):",
                "",
                "  size               WIDTHxHEIGHTxCHANNELS (JSON: width, height, channels)",
                "  subpixels          width x height x channels, the product",
                "  model              what coded the image: the model the file names, or",
                "                     png-stream (small images the models do not predict well",
                "                     are stored as the PNG's own deflate stream when shorter;",
                "                     the model figures are then that stream's bits)",
                "  model_bits         the model's ideal code length: sum of -log2 P(subpixel)",
                "  model_bpsp         model_bits / subpixels (bits per subpixel)",
                "  nats_per_subpixel  model_bpsp x ln 2",
                "  perplexity         2^model_bpsp",
                "  payload_bits       bits the coder actually wrote",
                "  overhead_pct       100 x (payload_bits / model_bits - 1)",
                "  bpsp               the file's bits per subpixel: file_bytes x 8 / subpixels",
                "  png_bpsp           the PNG's bits per subpixel: png_bytes x 8 / subpixels",
                "  encode_seconds     time to encode (decode_seconds, round_trip: with --verify)",
                "",
                "With --dequantized (one network: --model neural, narrow or FILE.lcw, the",
                "network of a FILE.lcw then coded alone, not mixed with fast):",
                "",
                "  discrete_bpsp            -log2 of the network's own bin masses",
                "                           F(x+0.5) - F(x-0.5) of its continuous mixture, in",
                "                           double (not the coder's integer frequencies)",
                "  dequantized_bpsp         -log2 of the mixture's density at x - 0.5 + u,",
                "                           u uniform in [0, 1), averaged over --samples draws",
                "                           (fixed seed)",
                "  dequantization_gap_bpsp  dequantized_bpsp - discrete_bpsp: >= 0 in",
                "                           expectation (Jensen); with few draws one image's",
                "                           can come out slightly below 0",
                "  unstaged_model_bpsp      model_bpsp of the network without the coding",
                "                           stages (chroma repeat): the integer frequencies",
                "  dequantized_seconds      time to compute these (the network run again)",
                "",
                "--dequantized takes 8-bit RGB or grey images (the network's channels) and runs",
                "it on the coder's stripes, without the coding stages. discrete_bpsp comes out",
                "within about 0.0003 of unstaged_model_bpsp, or up to 0.016 above it where",
                "rare values occur (the coder's floor of 2^-20 per bin makes them cheaper).",
                "model_bpsp can be far lower where chroma repeat applies (chroma-subsampled",
                "sources), and is another model's where the encoder codes the image otherwise",
                "(e.g. grey stored as RGB: see the model field)."})
final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "PNG files or folders of PNGs.")
    List<Path> inputs;

    @Option(names = "--json", description = "One JSON object per image (and a final total object).")
    boolean json;

    @Option(names = "--verify", description = "Also decode every file and check the pixels are identical.")
    boolean verify;

    @Option(names = "--progress", paramLabel = "MODE",
            description = "Progress on stderr: auto (a bar on a terminal once the work lasts 2 s, else a line per "
                    + "image; none with -q), bar, lines, none.")
    Progress.Mode progressMode;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr (the results still go to stdout).")
    boolean quiet;

    @Option(names = "--dequantized",
            description = "Also the network's mixture as bin masses and as a continuous density (discrete_bpsp, "
                    + "dequantized_bpsp, dequantization_gap_bpsp); needs --model neural, narrow or FILE.lcw.")
    boolean dequantized;

    @Option(names = "--samples", paramLabel = "S", defaultValue = "4",
            description = "With --dequantized: draws of u per subpixel for dequantized_bpsp (default: ${DEFAULT-VALUE}).")
    int samples;

    private final EffortOption effortOption = new EffortOption();

    @Spec
    CommandSpec spec;

    /** The seed of the draws of --dequantized (each stripe adds its index). */
    static final long DEQUANTIZATION_SEED = 0x5eed_dec0deL;

    private final ModelOption modelOption = new ModelOption();

    private final LimitsOption limitsOption = new LimitsOption();

    /**
     * This command for picocli: its annotated options, then the option groups it shares with
     * {@code encode} (built in code, {@link OptionSpecs}).
     */
    CommandLine commandLine() {
        return OptionSpecs.annotated(this, false, effortOption, modelOption, limitsOption);
    }

    private static final double LN2 = 0.6931471805599453;

    /** One column of the table: its header (a JSON field name), width and decimals (-1: text). */
    private record Column(String label, int width, int decimals) {
        String format(Object v) {
            String text = v == null ? "-" : decimals < 0 || !(v instanceof Number n) ? v.toString()
                    : String.format(Locale.ROOT, "%." + decimals + "f", n.doubleValue());
            return String.format(Locale.ROOT, "%" + Math.max(width, label.length()) + "s", text);
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("size", 11, -1),
            new Column("subpixels", 10, 0),
            new Column("model", 10, -1),
            new Column("model_bits", 12, 0),
            new Column("model_bpsp", 10, 4),
            new Column("nats_per_subpixel", 17, 4),
            new Column("perplexity", 10, 3),
            new Column("payload_bits", 12, 0),
            new Column("overhead_pct", 12, 4),
            new Column("bpsp", 7, 4),
            new Column("png_bpsp", 8, 4),
            new Column("encode_seconds", 14, 2));

    private static final List<Column> DEQUANTIZED_COLUMNS = List.of(
            new Column("discrete_bpsp", 13, 4),
            new Column("dequantized_bpsp", 16, 4),
            new Column("dequantization_gap_bpsp", 23, 4),
            new Column("unstaged_model_bpsp", 19, 4),
            new Column("dequantized_seconds", 19, 2));

    private static final List<Column> VERIFY_COLUMNS = List.of(
            new Column("decode_seconds", 14, 2),
            new Column("round_trip", 10, -1));

    @Override
    public Integer call() throws Exception {
        PixelModel model = effortOption.resolve(modelOption);
        if (dequantized) {
            model = network(model);
            if (samples < 1 || samples > 1_000_000) {
                throw new ParameterException(spec.commandLine(), "--samples must be between 1 and 1000000: " + samples);
            }
        }
        int threads = modelOption.threads();
        io.lcompress.codec.Limits limits = limitsOption.limits();
        List<Path> files = ImageInputs.expand(inputs);
        PrintStream out = System.out;
        ObjectMapper mapper = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        List<Column> columns = new ArrayList<>(COLUMNS);
        if (dequantized) {
            int at = columns.indexOf(COLUMNS.stream().filter(c -> c.label().equals("perplexity")).findFirst()
                    .orElseThrow()) + 1;
            columns.addAll(at, DEQUANTIZED_COLUMNS);
        }
        if (verify) {
            columns.addAll(VERIFY_COLUMNS);
        }
        if (!json) {
            out.printf("model: %s (%s)%s%n", model.name(), io.lcompress.codec.model.ModelRegistry.hex(model.fingerprint()),
                    model instanceof ImageSizeChoice c
                            ? "; RGB images of at most " + c.maxSmallPixels() + " pixels: " + c.small().name() : "");
            Map<String, Object> header = new LinkedHashMap<>();
            for (Column c : columns) {
                header.put(c.label(), c.label());
            }
            header.put("image", "image");
            out.println(row(columns, header));
        }
        double totalModel = 0;
        long totalPayload = 0;
        long totalFile = 0;
        long totalPng = 0;
        long totalSub = 0;
        double totalEncode = 0;
        double totalDecode = 0;
        double totalDiscrete = 0;
        double totalDequantized = 0;
        double totalQuantized = 0;
        double totalDequantizedSeconds = 0;
        int failures = 0;
        Progress progress = new Progress("eval", Progress.choose(progressMode, quiet), Progress.Mode.lines,
                files.size(), System.err);
        try {
            for (int index = 0; index < files.size(); index++) {
                Path f = files.get(index);
                String name = f.toString();
                try {
                    progress.stage(index, name, "reading");
                    byte[] pngBytes = Files.readAllBytes(f);
                    PngImage img = PngIO.read(pngBytes, limits);
                    Raster r = img.samples();
                    if (dequantized) {
                        checkDequantizable(img, model);
                    }
                    long t0 = System.nanoTime();
                    LcCodec.Encoded e = LcCodec.encode(img, model, threads,
                            progress.part(index, name, "encoding", 0, verify ? 0.67 : 1));
                    double encSeconds = (System.nanoTime() - t0) / 1e9;
                    Double decSeconds = null;
                    if (verify) {
                        long t1 = System.nanoTime();
                        // the main plane may have fallen back to another model (e.g. fast for grey images)
                        boolean same = e.header().mainPlane() != null
                                && e.header().mainPlane().fingerprint() == model.fingerprint();
                        LcCodec.Decoded d = LcCodec.decode(e.file(), same ? model : null, threads, limits,
                                progress.part(index, name, "verifying", 0.67, 1));
                        decSeconds = (System.nanoTime() - t1) / 1e9;
                        String difference = img.differenceFrom(d.image());
                        if (difference != null) {
                            throw new UserException("round trip FAILED: " + difference);
                        }
                    }
                    Dequantization.Result dq = null;
                    double dqSeconds = 0;
                    if (dequantized) {
                        progress.stage(index, name, "dequantized");
                        long t2 = System.nanoTime();
                        dq = Dequantization.evaluate(r, model, LcCodec.defaultStripeRows(r.width(), r.height()),
                                samples, DEQUANTIZATION_SEED, threads);
                        dqSeconds = (System.nanoTime() - t2) / 1e9;
                        totalDiscrete += dq.discreteBits();
                        totalDequantized += dq.dequantizedBits();
                        totalQuantized += dq.quantizedBits();
                        totalDequantizedSeconds += dqSeconds;
                    }
                    long sub = e.subpixels();
                    int channels = (int) (sub / ((long) r.width() * r.height()));
                    totalModel += e.modelBits();
                    totalPayload += e.payloadBits();
                    totalFile += e.file().length;
                    totalPng += pngBytes.length;
                    totalSub += sub;
                    totalEncode += encSeconds;
                    totalDecode += decSeconds == null ? 0 : decSeconds;
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("image", f.toString());
                    o.put("width", r.width());
                    o.put("height", r.height());
                    o.put("channels", channels);
                    o.put("png_kind", img.describe());
                    o.put("subpixels", sub);
                    o.put("model", e.header().coderName());
                    o.put("transposed", e.header().transposed());
                    figures(o, e.modelBits(), e.payloadBits(), e.file().length, pngBytes.length, sub, encSeconds,
                            decSeconds);
                    if (dq != null) {
                        dequantizedFigures(o, dq.discreteBits(), dq.dequantizedBits(), dq.quantizedBits(), dq.subpixels(),
                                dqSeconds);
                    }
                    if (json) {
                        progress.println(out, mapper.writeValueAsString(o));
                    } else {
                        o.put("size", r.width() + "x" + r.height() + "x" + channels);
                        progress.println(out, row(columns, o));
                    }
                    progress.done(index, name, String.format(Locale.ROOT, "%.4f bpsp", e.file().length * 8.0 / sub));
                } catch (Exception ex) {
                    failures++;
                    progress.note("lcompress: " + f + ": " + Failures.describe(ex));
                }
            }
        } finally {
            progress.finish();
        }
        int images = files.size() - failures;
        if (totalSub > 0) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("image", "TOTAL");
            o.put("images", images);
            o.put("subpixels", totalSub);
            o.put("model", model.name());          // what was asked for; each image names what coded it
            figures(o, totalModel, totalPayload, totalFile, totalPng, totalSub, totalEncode,
                    verify ? totalDecode : null);
            if (dequantized) {
                dequantizedFigures(o, totalDiscrete, totalDequantized, totalQuantized, totalSub,
                        totalDequantizedSeconds);
            }
            if (json) {
                out.println(mapper.writeValueAsString(o));
            } else {
                o.put("image", "TOTAL (" + images + (images == 1 ? " image)" : " images)"));
                o.put("size", "");
                out.println(row(columns, o));
            }
        }
        return failures == 0 ? 0 : Main.EXIT_FAILURE;
    }

    /**
     * The figures an image and the total share, in JSON order: model_bits, model_bpsp,
     * nats_per_subpixel, perplexity, payload_bits, overhead_pct, file_bytes, bpsp, png_bytes,
     * png_bpsp, encode_seconds and, when decoded, decode_seconds and round_trip.
     */
    private static void figures(Map<String, Object> o, double modelBits, long payloadBits, long fileBytes,
                                long pngBytes, long sub, double encSeconds, Double decSeconds) {
        double bpsp = modelBits / sub;
        o.put("model_bits", round(modelBits, 3));
        o.put("model_bpsp", round(bpsp, 6));
        o.put("nats_per_subpixel", round(bpsp * LN2, 6));
        o.put("perplexity", round(StrictMath.pow(2, bpsp), 4));
        o.put("payload_bits", payloadBits);
        o.put("overhead_pct", round(100.0 * (payloadBits / modelBits - 1), 5));
        o.put("file_bytes", fileBytes);
        o.put("bpsp", round(fileBytes * 8.0 / sub, 6));
        o.put("png_bytes", pngBytes);
        o.put("png_bpsp", round(pngBytes * 8.0 / sub, 6));
        o.put("encode_seconds", round(encSeconds, 3));
        if (decSeconds != null) {
            o.put("decode_seconds", round(decSeconds, 3));
            o.put("round_trip", "exact");
        }
    }

    /**
     * The single network whose mixture --dequantized reads: {@code neural} or {@code narrow} itself, or the
     * network of a FILE.lcw (which eval then also codes alone, so that model_bpsp is its); a usage error for
     * the mixers.
     */
    private PixelModel network(PixelModel model) {
        if (model instanceof FrequencyModel) {
            throw new ParameterException(spec.commandLine(), "--dequantized reads a network's logistic mixture as a "
                    + "density: " + model.name() + " gives frequencies (a categorical or Bernoulli head), which have no density to dequantize");
        }
        if (model instanceof NeuralPixelModel) {
            return model;
        }
        if (modelOption.model() != null && modelOption.model().endsWith(".lcw") && model instanceof MixedPixelModel m
                && m.first() instanceof NeuralPixelModel n) {
            return n;
        }
        throw new ParameterException(spec.commandLine(), "--dequantized reads one network's logistic mixture: give "
                + "--model neural, narrow or FILE.lcw (" + model.name() + " is not a single network)");
    }

    /** --dequantized takes the 8-bit RGB or grey images whose channels the network codes. */
    private static void checkDequantizable(PngImage img, PixelModel network) throws UserException {
        int channels = img.samples().channels();
        boolean eightBit = img.bitDepth() == 8
                && (img.colorType() == PngImage.RGB || img.colorType() == PngImage.GRAY);
        if (!eightBit || !network.supportsChannels(channels)) {
            throw new UserException("--dequantized takes 8-bit " + (network.supportsChannels(1) ? "grey" : "RGB")
                    + " images (the channels of " + network.name() + "), not " + img.describe());
        }
    }

    /** The figures of --dequantized, in bits per subpixel, after perplexity in the table. */
    private static void dequantizedFigures(Map<String, Object> o, double discreteBits, double dequantizedBits,
                                           double quantizedBits, long sub, double seconds) {
        o.put("discrete_bpsp", round(discreteBits / sub, 6));
        o.put("dequantized_bpsp", round(dequantizedBits / sub, 6));
        o.put("dequantization_gap_bpsp", round((dequantizedBits - discreteBits) / sub, 6));
        o.put("unstaged_model_bpsp", round(quantizedBits / sub, 6));
        o.put("dequantized_seconds", round(seconds, 3));
    }

    /** A table line: the columns' values of {@code o}, then the image, unshortened, last. */
    private static String row(List<Column> columns, Map<String, Object> o) {
        StringBuilder sb = new StringBuilder();
        for (Column c : columns) {
            sb.append(c.format(o.get(c.label()))).append("  ");
        }
        return sb.append(o.get("image")).toString();
    }

    /**
     * {@code v} rounded to {@code digits} decimals as a BigDecimal, which the mapper writes as a plain
     * decimal ({@code 0.00044}, never {@code 4.4E-4}); null (JSON null) when not finite, as for an
     * image the model codes in zero bits.
     */
    static BigDecimal round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return null;
        }
        BigDecimal d = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
