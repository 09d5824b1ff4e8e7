package io.lcompress.codec.mixture;

/**
 * The elementary functions that feed the coder ({@code exp}, {@code log}, {@code tanh}), as one
 * choice per file: everything a model, a coding stage and the quantizer compute for a file uses the
 * same implementation, and which one is part of the model's identity (its fingerprint).
 *
 * <ul>
 *   <li>{@link #STRICT}, revision 1: {@code StrictMath} (fdlibm). Every model that shipped with format
 *       versions 1 to 3 uses it, and always will: their files decode with exactly these functions.</li>
 *   <li>{@link #FIXED}, revision 2: {@link FixedElementary}, a fixed sequence of IEEE {@code + - * /}
 *       over constant tables, identical on every JVM by construction and several times cheaper. The
 *       effort levels' models use it.</li>
 * </ul>
 * Both are deterministic; they differ from each other in the last bits, which is why the choice is
 * part of the model's fingerprint.
 *
 * <p>Both give {@code exp(+-0) = 1} and {@code log(1) = +0} exactly ({@code ElementaryMemoTest}): the softmaxes
 * skip those calls, and a new implementation must keep these values.
 */
public interface Elementary {
    double exp(double x);

    double log(double x);

    double tanh(double x);

    /** 1 for {@link #STRICT}, 2 for {@link #FIXED}; mixed into the fingerprints of the models using it. */
    int revision();

    Elementary STRICT = new Elementary() {
        @Override
        public double exp(double x) {
            return StrictMath.exp(x);
        }

        @Override
        public double log(double x) {
            return StrictMath.log(x);
        }

        @Override
        public double tanh(double x) {
            return StrictMath.tanh(x);
        }

        @Override
        public int revision() {
            return 1;
        }

        @Override
        public String toString() {
            return "StrictMath";
        }
    };

    Elementary FIXED = new FixedElementary();
}
