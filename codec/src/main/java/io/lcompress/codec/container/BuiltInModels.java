package io.lcompress.codec.container;

import java.util.List;
import java.util.Optional;

/**
 * The one-byte ids of format version 4 for models built into lcompress. An id names one exact model
 * version - its name and fingerprint - forever: a decoder resolves the id to the fingerprint below and
 * then finds the model by fingerprint, so the fingerprint is still checked (a build whose model for that
 * name computes another fingerprint cannot decode the file, and says so). New weights or a new algorithm
 * get a new id; ids are never reused. Id 0 means "not built in": the fingerprint and name follow.
 */
public final class BuiltInModels {
    /** A built-in model version. */
    public record Id(int id, String name, long fingerprint) {
    }

    /** Id 0: a model that is not in this table (fingerprint and name stored). */
    public static final int CUSTOM = 0;

    public static final List<Id> TABLE = List.of(
            new Id(1, "fast", 0x6661737400000004L),
            new Id(2, "neural", 0xc298f2442f4ceb86L),
            new Id(3, "default", 0x1e2625691a708ba9L),
            new Id(4, "narrow", 0xbb5394f110c9d4d5L),
            new Id(5, "narrow-mix", 0x8c7ce5045a2eeb71L),
            new Id(6, "neural-mix", 0xa918818486b1f7feL),
            new Id(7, "wide", 0x4a126e76bc1fe411L),
            new Id(8, "wide-ols", 0x6ea1089df49eb6b8L),
            new Id(9, "categorical", 0xa233653231df0143L),
            new Id(10, "bilevel", 0xe472eac2dffe48dbL),
            new Id(11, "fast-ols", 0xc61044d91154fd35L),
            new Id(12, "narrow-ols", 0x13af5445d2eae65fL),
            new Id(13, "neural-ols", 0x304af0c7666bfac2L),
            new Id(14, "ols-pair", 0xdf6815348193a159L),
            new Id(15, "small", 0xb2da703ca2fdd42bL),
            new Id(16, "small-wide", 0xbba0a82db982302cL),
            new Id(17, "small2", 0xd0c9a7e5e28f136aL),
            new Id(18, "small2-wide", 0x07bef3ad72c4919cL),
            new Id(19, "fast-ols4", 0x4329cee05b2f7d06L),
            new Id(20, "fast2", 0x6661737400000005L));

    private BuiltInModels() {
    }

    public static Optional<Id> byId(int id) {
        return TABLE.stream().filter(e -> e.id == id).findFirst();
    }

    /** The id of the model with this fingerprint and name, if it is in the table. */
    public static Optional<Id> byModel(long fingerprint, String name) {
        return TABLE.stream().filter(e -> e.fingerprint == fingerprint && e.name.equals(name)).findFirst();
    }
}
