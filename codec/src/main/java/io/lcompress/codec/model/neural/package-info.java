/**
 * The learned pixel model's deterministic runtime: {@link io.lcompress.codec.model.neural.ContextFeatures}
 * (causal network inputs, shared with training), {@link io.lcompress.codec.model.neural.WeightFile}
 * (the {@code .lcw} weight format) and {@link io.lcompress.codec.model.neural.NeuralPixelModel}
 * (plain-Java float MLP with a fixed operation order, PixelCNN++ mixture head). No ND4J here: the
 * weights are trained by the {@code model} module and only evaluated here.
 *
 * <p>The embedded default model is the resource {@code default.lcw} next to these classes; load it
 * with {@link io.lcompress.codec.model.neural.NeuralPixelModel#loadDefault()}.
 */
package io.lcompress.codec.model.neural;
