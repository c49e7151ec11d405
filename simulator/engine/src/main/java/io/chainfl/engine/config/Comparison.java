package io.chainfl.engine.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code expected:} string such as {@code ">= 0.9"}, {@code "< 10"} or {@code "== 0"}. */
public record Comparison(String operator, double target) {
    private static final Pattern FORM = Pattern.compile("\\s*(>=|<=|==|!=|>|<)\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*");
    /** Equality allows for the last bits of a double, so {@code == 0.3} holds for 0.1 + 0.2. */
    private static final double EQUAL_WITHIN = 1e-9;

    public static Comparison parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected: write an operator and a number, e.g. '>= 0.9', '< 10' or '== 0' (operators >= > <= < == !=), got '" + text + "'");
        }
        return new Comparison(m.group(1), Double.parseDouble(m.group(2)));
    }

    public boolean holds(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean equal = Math.abs(value - target) <= EQUAL_WITHIN * Math.max(1.0, Math.abs(target));
        return switch (operator) {
            case ">=" -> value >= target || equal;
            case ">" -> value > target && !equal;
            case "<=" -> value <= target || equal;
            case "<" -> value < target && !equal;
            case "==" -> equal;
            case "!=" -> !equal;
            default -> throw new IllegalStateException(operator);
        };
    }

    /**
     * The value least in favour of this comparison (smallest for {@code >=}, furthest from the target for
     * {@code ==}, ...): all values hold exactly when the worst one does. NaN (a missing value) is the worst of all.
     */
    public double worst(Collection<Double> values) {
        if (values.stream().anyMatch(v -> Double.isNaN(v))) {
            return Double.NaN;
        }
        Comparator<Double> badness = switch (operator) {
            case ">=", ">" -> Comparator.<Double>reverseOrder();
            case "<=", "<" -> Comparator.<Double>naturalOrder();
            case "==" -> Comparator.comparingDouble(v -> Math.abs(v - target));
            case "!=" -> Comparator.comparingDouble(v -> -Math.abs(v - target));
            default -> throw new IllegalStateException(operator);
        };
        return values.stream().max(badness).orElse(Double.NaN);
    }

    @Override
    public String toString() {
        return operator + " " + format(target);
    }

    /** Integers without decimals, other values with up to 4 significant decimals: what tables and messages show. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("0") || s.equals("-0") ? String.format(Locale.ROOT, "%.3g", v) : s;
    }
}
