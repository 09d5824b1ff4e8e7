package io.lcompress.codec.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Writes a fuzzer input that makes a {@link FuzzedDataProvider}-based target take chosen values: the
 * target runs once against a scripted provider that answers {@code consumeInt}/{@code consumeBoolean}
 * from a list of values and {@code consumeRemainingAsBytes} with given bytes, and the answers are
 * serialized the way Jazzer's provider reads them (integers big-endian from the end of the input, one
 * byte per 8 bits of the range; the remaining bytes from the front). Used to turn bug reproducers into
 * RoundTripFuzzTest inputs (RegressionInputsGenerator); the replay of the committed inputs by
 * RoundTripFuzzTest confirms that Jazzer's provider makes the same images (their failure messages name them).
 */
final class FuzzInputWriter {
    private FuzzInputWriter() {
    }

    /** The input for which {@code target} sees {@code values} (in call order) and {@code raw}. */
    static <T> byte[] write(Function<FuzzedDataProvider, T> target, List<Integer> values, byte[] raw) {
        Deque<Integer> script = new ArrayDeque<>(values);
        List<Byte> tailInReadOrder = new ArrayList<>();
        FuzzedDataProvider scripted = (FuzzedDataProvider) Proxy.newProxyInstance(
                FuzzInputWriter.class.getClassLoader(), new Class<?>[]{FuzzedDataProvider.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "consumeInt" -> {
                        int min = (Integer) args[0];
                        int max = (Integer) args[1];
                        int v = script.isEmpty() ? min : script.removeFirst();
                        if (v < min || v > max || min < 0) {
                            throw new IllegalArgumentException(v + " not in " + min + ".." + max);
                        }
                        long range = (long) max - min;
                        long r = v - min;
                        int bytes = 0;
                        while (bytes < 4 && (range >> (8 * bytes)) > 0) {
                            bytes++;
                        }
                        for (int b = bytes - 1; b >= 0; b--) {
                            tailInReadOrder.add((byte) (r >>> (8 * b)));
                        }
                        yield v;
                    }
                    case "consumeBoolean" -> {
                        int v = script.isEmpty() ? 0 : script.removeFirst();
                        tailInReadOrder.add((byte) (v & 1));
                        yield (v & 1) != 0;
                    }
                    case "consumeRemainingAsBytes" -> raw.clone();
                    case "toString" -> "scripted";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        target.apply(scripted);
        if (!script.isEmpty()) {
            throw new IllegalArgumentException(script.size() + " scripted values left over");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(raw);
        for (int i = tailInReadOrder.size() - 1; i >= 0; i--) {
            out.write(tailInReadOrder.get(i));
        }
        return out.toByteArray();
    }
}
