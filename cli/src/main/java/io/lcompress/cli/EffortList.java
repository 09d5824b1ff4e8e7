package io.lcompress.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.List;
import java.util.TreeSet;

/**
 * A set of effort levels 1..9 written as a list of numbers and ranges: {@code 1-9}, {@code 1,3,7},
 * {@code 1-3,7}; {@code none} for the empty set. The levels come out in increasing order, once each.
 */
record EffortList(List<Integer> levels) {
    static final int MIN = 1;
    static final int MAX = 9;

    static final EffortList ALL = parse("1-9");

    EffortList {
        levels = List.copyOf(levels);
    }

    /** Parses a list; throws IllegalArgumentException with a message for the user on a bad one. */
    static EffortList parse(String text) {
        String s = text.strip();
        if (s.equalsIgnoreCase("none")) {
            return new EffortList(List.of());
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty list (give e.g. 1-9, 1,3,7 or none)");
        }
        TreeSet<Integer> out = new TreeSet<>();
        for (String part : s.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-', 1);
            int from;
            int to;
            if (dash < 0) {
                from = to = number(p);
            } else {
                from = number(p.substring(0, dash).strip());
                to = number(p.substring(dash + 1).strip());
                if (from > to) {
                    throw new IllegalArgumentException("'" + p + "' is an empty range (write it low-high)");
                }
            }
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        }
        return new EffortList(List.copyOf(out));
    }

    private static int number(String s) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 4) {
            throw new IllegalArgumentException("'" + s + "' is not a level " + MIN + ".." + MAX
                    + " (give e.g. 1-9, 1,3,7 or 1-3,7)");
        }
        int n = Integer.parseInt(s);
        if (n < MIN || n > MAX) {
            throw new IllegalArgumentException("level " + n + " is not in " + MIN + ".." + MAX);
        }
        return n;
    }

    boolean isEmpty() {
        return levels.isEmpty();
    }

    /** 1-3,7 style, for messages. */
    @Override
    public String toString() {
        if (levels.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < levels.size()) {
            int j = i;
            while (j + 1 < levels.size() && levels.get(j + 1) == levels.get(j) + 1) {
                j++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(levels.get(i));
            if (j > i) {
                sb.append(j == i + 1 ? "," : "-").append(levels.get(j));
            }
            i = j + 1;
        }
        return sb.toString();
    }

    /** picocli: a bad list is a usage error (exit code 2) naming the option. */
    static final class Converter implements ITypeConverter<EffortList> {
        @Override
        public EffortList convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
