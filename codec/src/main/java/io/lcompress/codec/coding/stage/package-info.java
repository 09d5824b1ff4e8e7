/**
 * Coding stages: predictors that wrap a model's and add sharp components for structure a continuous
 * per-pixel model cannot express. One class per stage bit of a model plane ({@code ModelPlane.STAGE_*}),
 * on the shared skeleton {@link io.lcompress.codec.coding.stage.CodingStage}, built in the format's order by
 * {@link io.lcompress.codec.coding.stage.Stages#wrap}. Their components count against
 * {@link io.lcompress.codec.mixture.ComponentBudget#STAGE}.
 */
package io.lcompress.codec.coding.stage;
