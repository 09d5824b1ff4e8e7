package io.lcompress.codec.coding;

import io.lcompress.codec.arith.CorruptStreamException;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Whole-image encoding and decoding: cuts the raster into stripes of whole rows, codes each stripe
 * independently (in parallel when {@code threads > 1}) and wraps the streams in the {@code .lc}
 * container. The stripe height depends only on the image height, never on the thread count, so the
 * output bytes are the same whatever the parallelism.
 */
public final class LcCodec {
    private LcCodec() {
    }

    /** Result of encoding: the file bytes, the model's ideal code length and the header written. */
    public record Encoded(byte[] file, double modelBits, long payloadBits, LcHeader header, float[] bitsPerPixel) {
        public long subpixels() {
            return header.subpixels();
        }
    }

    /** Result of decoding. */
    public record Decoded(Raster raster, LcHeader header, PixelModel model) {
    }

    /** Default stripe height: two stripes for mid-size images, at most 512 rows, at least 64. */
    public static int defaultStripeRows(int height) {
        int half = (height + 1) / 2;
        return Math.min(height, Math.max(64, Math.min(512, half)));
    }

    public static Encoded encode(Raster raster, int colorType, PixelModel model, int threads) {
        return encode(raster, colorType, model, threads, defaultStripeRows(raster.height()), false);
    }

    public static Encoded encode(Raster raster, int colorType, PixelModel model, int threads, int stripeRows,
                                 boolean recordPixelBits) {
        if (!model.supportsChannels(raster.channels())) {
            throw new IllegalArgumentException("model '" + model.name() + "' cannot code images with "
                    + raster.channels() + " channels");
        }
        int width = raster.width();
        int height = raster.height();
        int stripes = LcHeader.stripesFor(height, stripeRows);
        float[] pixelBits = recordPixelBits ? new float[width * height] : null;
        List<StripeCoder.Encoded> parts = runAll(stripes, threads, s -> {
            int y0 = s * stripeRows;
            int rows = Math.min(stripeRows, height - y0);
            float[] local = recordPixelBits ? new float[width * rows] : null;
            StripeCoder.Encoded e = StripeCoder.encode(raster.rows(y0, rows), model, local);
            if (local != null) {
                System.arraycopy(local, 0, pixelBits, y0 * width, local.length);
            }
            return e;
        });
        int[] lengths = new int[stripes];
        byte[] methods = new byte[stripes];
        byte[][] payloads = new byte[stripes][];
        double bits = 0;
        long payloadBytes = 0;
        for (int s = 0; s < stripes; s++) {
            int y0 = s * stripeRows;
            int rows = Math.min(stripeRows, height - y0);
            int rawBytes = rows * width * raster.channels();
            StripeCoder.Encoded part = parts.get(s);
            if (part.payload().length < rawBytes) {
                methods[s] = LcHeader.METHOD_MODEL;
                payloads[s] = part.payload();
                bits += part.modelBits();
            } else {
                // incompressible (e.g. noise): store the samples; the code is then uniform, 8 bits each
                methods[s] = LcHeader.METHOD_RAW;
                payloads[s] = raster.rows(y0, rows).samples();
                bits += 8.0 * rawBytes;
                if (pixelBits != null) {
                    java.util.Arrays.fill(pixelBits, y0 * width, (y0 + rows) * width, 8f * raster.channels());
                }
            }
            lengths[s] = payloads[s].length;
            payloadBytes += lengths[s];
        }
        CRC32C crc = new CRC32C();
        crc.update(raster.samples());
        LcHeader header = new LcHeader(model.fingerprint(), model.name(), width, height, raster.channels(), 8,
                colorType, stripeRows, methods, lengths, (int) crc.getValue());
        return new Encoded(LcFormat.write(header, payloads), bits, payloadBytes * 8, header, pixelBits);
    }

    /**
     * Decodes a file. The model is {@code requested} when given (and must be the encoder's), otherwise
     * the built-in model the file's fingerprint names.
     */
    public static Decoded decode(byte[] file, PixelModel requested, int threads) throws FormatException {
        LcFormat.Parsed parsed = LcFormat.read(file);
        LcHeader h = parsed.header();
        PixelModel model = requested;
        if (model == null) {
            model = ModelRegistry.byFingerprint(h.modelFingerprint()).orElseThrow(() -> new FormatException(
                    "file was encoded with model '" + h.modelName() + "' ("
                            + ModelRegistry.hex(h.modelFingerprint()) + "), which this lcompress does not have"));
        } else if (model.fingerprint() != h.modelFingerprint()) {
            throw new FormatException("file was encoded with model '" + h.modelName() + "' ("
                    + ModelRegistry.hex(h.modelFingerprint()) + ") but decoding was asked with model '"
                    + model.name() + "' (" + ModelRegistry.hex(model.fingerprint()) + ")");
        }
        if (!model.supportsChannels(h.channels())) {
            throw new FormatException("model '" + model.name() + "' cannot decode " + h.channels() + " channels");
        }
        PixelModel m = model;
        Raster raster = new Raster(h.width(), h.height(), h.channels());
        int[] offsets = new int[h.stripeCount()];
        int off = parsed.payloadOffset();
        for (int s = 0; s < h.stripeCount(); s++) {
            offsets[s] = off;
            off += h.stripeLengths()[s];
        }
        try {
            List<Raster> parts = runAll(h.stripeCount(), threads, s -> {
                int y0 = s * h.stripeRows();
                int rows = Math.min(h.stripeRows(), h.height() - y0);
                if (h.stripeMethods()[s] == LcHeader.METHOD_RAW) {
                    byte[] raw = java.util.Arrays.copyOfRange(file, offsets[s], offsets[s] + h.stripeLengths()[s]);
                    return Raster.wrap(h.width(), rows, h.channels(), raw);
                }
                return StripeCoder.decode(file, offsets[s], h.stripeLengths()[s], h.width(), rows, h.channels(), m);
            });
            for (int s = 0; s < parts.size(); s++) {
                raster.putRows(s * h.stripeRows(), parts.get(s));
            }
        } catch (CorruptStreamException e) {
            throw new FormatException("corrupt payload: " + e.getMessage());
        }
        CRC32C crc = new CRC32C();
        crc.update(raster.samples());
        if ((int) crc.getValue() != h.pixelCrc()) {
            throw new FormatException("decoded pixels do not match the stored checksum (corrupt file)");
        }
        return new Decoded(raster, h, model);
    }

    private static <T> List<T> runAll(int n, int threads, Function<Integer, T> task) {
        List<T> out = new ArrayList<>(n);
        if (threads <= 1 || n == 1) {
            for (int i = 0; i < n; i++) {
                out.add(task.apply(i));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), r -> {
            Thread t = new Thread(r, "lcompress-stripe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int s = i;
                futures.add(pool.submit(() -> task.apply(s)));
            }
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }
}
