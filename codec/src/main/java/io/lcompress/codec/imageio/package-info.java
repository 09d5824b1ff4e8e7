/**
 * {@code .lc} files through {@link javax.imageio.ImageIO}: with the codec jar on the class path,
 * {@code ImageIO.read(new File("x.lc"))} and {@code ImageIO.write(image, "lc", file)} work (format
 * name {@code lc}, suffix {@code lc}, MIME type {@code image/x-lc}). {@link io.lcompress.codec.imageio.AwtImages}
 * says which image types map to which PNG kinds; images that cannot be stored exactly are refused
 * ({@code ImageIO.write} returns false for their type). The reader decodes within the default pixel
 * limit ({@link io.lcompress.codec.Limits#DEFAULT}); {@link io.lcompress.codec.Lc} is the direct entry point.
 */
package io.lcompress.codec.imageio;
