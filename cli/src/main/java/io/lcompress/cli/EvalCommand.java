package io.lcompress.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The demonstration that code length equals log-likelihood: for every image the model's ideal code
 * length (sum of -log2 P under the exact integer distributions the coder used) next to the bits the
 * coder actually wrote, and the input PNG's size.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Model code length vs. bits actually written vs. PNG, per image and in total.",
                "bpsp = bits per subpixel = bits / (width x height x channels); nats = bits x ln 2;",
                "perplexity = 2^bpsp; overhead = payload bits / model bits - 1."})
final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "PNG files or folders of PNGs.")
    List<Path> inputs;

    @Option(names = "--json", description = "One JSON object per image (and a final total object).")
    boolean json;

    @Option(names = "--verify", description = "Also decode every file and check the pixels are identical.")
    boolean verify;

    @Mixin
    EffortOption effortOption;

    @Mixin
    ModelOption modelOption;

    @Mixin
    LimitsOption limitsOption;

    private static final double LN2 = 0.6931471805599453;

    @Override
    public Integer call() throws Exception {
        PixelModel model = effortOption.resolve(modelOption);
        int threads = modelOption.threads();
        io.lcompress.codec.Limits limits = limitsOption.limits();
        List<Path> files = ImageInputs.expand(inputs);
        PrintStream out = System.out;
        ObjectMapper mapper = new ObjectMapper();
        if (!json) {
            out.printf("model: %s (%s)%n", model.name(), io.lcompress.codec.model.ModelRegistry.hex(model.fingerprint()));
            out.printf("%-28s %11s %10s %13s %7s %7s %8s %13s %9s %9s %9s %8s%n", "image", "size", "subpixels",
                    "model_bits", "bpsp", "nats", "perplex", "payload_bits", "overhead", "file_bpsp", "png_bpsp",
                    "enc_s");
        }
        double totalModel = 0;
        long totalPayload = 0;
        long totalFile = 0;
        long totalPng = 0;
        long totalSub = 0;
        int failures = 0;
        for (Path f : files) {
            try {
                byte[] pngBytes = Files.readAllBytes(f);
                PngImage img = PngIO.read(pngBytes, limits);
                Raster r = img.samples();
                long t0 = System.nanoTime();
                LcCodec.Encoded e = LcCodec.encode(img, model, threads);
                double encSeconds = (System.nanoTime() - t0) / 1e9;
                Double decSeconds = null;
                if (verify) {
                    long t1 = System.nanoTime();
                    // the main plane may have fallen back to another model (e.g. fast for grey images)
                    boolean same = e.header().mainPlane() != null
                            && e.header().mainPlane().fingerprint() == model.fingerprint();
                    LcCodec.Decoded d = LcCodec.decode(e.file(), same ? model : null, threads, limits);
                    decSeconds = (System.nanoTime() - t1) / 1e9;
                    String difference = img.differenceFrom(d.image());
                    if (difference != null) {
                        throw new UserException("round trip FAILED: " + difference);
                    }
                }
                long sub = e.subpixels();
                double bpsp = e.modelBits() / sub;
                totalModel += e.modelBits();
                totalPayload += e.payloadBits();
                totalFile += e.file().length;
                totalPng += pngBytes.length;
                totalSub += sub;
                String name = f.toString();
                if (json) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("image", name);
                    o.put("width", r.width());
                    o.put("height", r.height());
                    o.put("channels", (int) (sub / ((long) r.width() * r.height())));
                    o.put("png_kind", img.describe());
                    o.put("subpixels", sub);
                    o.put("model", e.header().mainPlane() == null ? "none" : e.header().mainPlane().modelName());
                    o.put("model_bits", round(e.modelBits(), 3));
                    o.put("model_bpsp", round(bpsp, 6));
                    o.put("nats_per_subpixel", round(bpsp * LN2, 6));
                    o.put("perplexity", round(StrictMath.pow(2, bpsp), 4));
                    o.put("payload_bits", e.payloadBits());
                    o.put("overhead_pct", round(100.0 * (e.payloadBits() / e.modelBits() - 1), 5));
                    o.put("file_bytes", e.file().length);
                    o.put("bpsp", round(e.file().length * 8.0 / sub, 6));
                    o.put("png_bytes", pngBytes.length);
                    o.put("png_bpsp", round(pngBytes.length * 8.0 / sub, 6));
                    o.put("encode_seconds", round(encSeconds, 3));
                    if (decSeconds != null) {
                        o.put("decode_seconds", round(decSeconds, 3));
                        o.put("round_trip", "exact");
                    }
                    out.println(mapper.writeValueAsString(o));
                } else {
                    out.printf("%-28s %11s %10d %13.0f %7.4f %7.4f %8.3f %13d %8.4f%% %9.4f %9.4f %8.2f%s%n",
                            shorten(name, 28), r.width() + "x" + r.height() + "x" + sub / ((long) r.width() * r.height()), sub, e.modelBits(),
                            bpsp, bpsp * LN2, StrictMath.pow(2, bpsp), e.payloadBits(),
                            100.0 * (e.payloadBits() / e.modelBits() - 1), e.file().length * 8.0 / sub,
                            pngBytes.length * 8.0 / sub, encSeconds,
                            decSeconds == null ? "" : String.format("  dec %.2f s, round trip exact", decSeconds));
                }
            } catch (Exception ex) {
                failures++;
                System.err.println("lcompress: " + f + ": " + Failures.describe(ex));
            }
        }
        if (totalSub > 0) {
            double bpsp = totalModel / totalSub;
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("image", "TOTAL");
                o.put("images", files.size() - failures);
                o.put("subpixels", totalSub);
                o.put("model_bits", round(totalModel, 3));
                o.put("model_bpsp", round(bpsp, 6));
                o.put("payload_bits", totalPayload);
                o.put("file_bytes", totalFile);
                o.put("bpsp", round(totalFile * 8.0 / totalSub, 6));
                o.put("png_bytes", totalPng);
                o.put("png_bpsp", round(totalPng * 8.0 / totalSub, 6));
                out.println(mapper.writeValueAsString(o));
            } else {
                out.printf("%-28s %11s %10d %13.0f %7.4f %7.4f %8.3f %13d %8.4f%% %9.4f %9.4f%n",
                        "TOTAL (" + (files.size() - failures) + " images)", "", totalSub, totalModel, bpsp, bpsp * LN2,
                        StrictMath.pow(2, bpsp), totalPayload, 100.0 * (totalPayload / totalModel - 1),
                        totalFile * 8.0 / totalSub, totalPng * 8.0 / totalSub);
            }
        }
        return failures == 0 ? 0 : Main.EXIT_FAILURE;
    }

    private static double round(double v, int digits) {
        double s = StrictMath.pow(10, digits);
        return StrictMath.rint(v * s) / s;
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : "..." + s.substring(s.length() - n + 3);
    }
}
