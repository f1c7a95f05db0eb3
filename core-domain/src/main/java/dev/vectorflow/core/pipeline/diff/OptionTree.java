package dev.vectorflow.core.pipeline.diff;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Structural comparison of JSON-like option trees (String, Boolean, whole numbers, floating
 * numbers, List, Map, null), as used by {@link OptionChange}.
 *
 * <p>Rules: whole numbers compare by value whatever their Java type ({@code Integer 5} equals
 * {@code Long 5}); floating numbers compare by value; a whole number never equals a floating one
 * (Vector reads {@code 5} and {@code 5.0} differently). A map entry whose value is null is the
 * same as no entry. Lists compare element by element.
 */
final class OptionTree {

    private OptionTree() {
    }

    /** Whether two option values are the same tree under the rules of this class. */
    static boolean sameValue(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Map<String, Object> sa = sortedEntries(ma);
            Map<String, Object> sb = sortedEntries(mb);
            if (!sa.keySet().equals(sb.keySet())) {
                return false;
            }
            for (Map.Entry<String, Object> entry : sa.entrySet()) {
                if (!sameValue(entry.getValue(), sb.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!sameValue(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Number na && b instanceof Number nb) {
            return sameNumber(na, nb);
        }
        return a.equals(b);
    }

    /** Adds to {@code changes} the differences between two option maps, top-level keys as paths, in path order. */
    static void collectChanges(Map<?, ?> from, Map<?, ?> to, List<OptionChange> changes) {
        collectMapChanges(null, from, to, changes);
    }

    private static void collectMapChanges(OptionPath parent, Map<?, ?> from, Map<?, ?> to, List<OptionChange> changes) {
        Map<String, Object> a = sortedEntries(from);
        Map<String, Object> b = sortedEntries(to);
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            collectValueChanges(parent == null ? OptionPath.of(key) : parent.key(key), a.get(key), b.get(key), changes);
        }
    }

    private static void collectValueChanges(OptionPath path, Object from, Object to, List<OptionChange> changes) {
        if (from instanceof Map<?, ?> a && to instanceof Map<?, ?> b) {
            collectMapChanges(path, a, b, changes);
        } else if (from instanceof List<?> a && to instanceof List<?> b && noNullBeyond(a, b.size()) && noNullBeyond(b, a.size())) {
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                collectValueChanges(path.index(i), a.get(i), b.get(i), changes);
            }
            for (int i = common; i < a.size(); i++) {
                changes.add(new OptionChange(path.index(i), a.get(i), null));
            }
            for (int i = common; i < b.size(); i++) {
                changes.add(new OptionChange(path.index(i), null, b.get(i)));
            }
        } else if (!sameValue(from, to)) {
            // Also the fallback for lists whose extra elements are null: "[3] null -> null" would say nothing.
            changes.add(new OptionChange(path, from, to));
        }
    }

    private static boolean noNullBeyond(List<?> list, int index) {
        for (int i = index; i < list.size(); i++) {
            if (list.get(i) == null) {
                return false;
            }
        }
        return true;
    }

    /** A deep copy that cannot be modified (null elements of lists are kept, null map entries dropped). */
    static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    copy.put(String.valueOf(k), frozen(v));
                }
            });
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(frozen(element)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static Map<String, Object> sortedEntries(Map<?, ?> map) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                sorted.put(String.valueOf(k), v);
            }
        });
        return sorted;
    }

    private static boolean sameNumber(Number a, Number b) {
        if (isWhole(a) && isWhole(b)) {
            return a instanceof BigInteger || b instanceof BigInteger
                    ? asBigInteger(a).equals(asBigInteger(b))
                    : a.longValue() == b.longValue();
        }
        if (isFloating(a) && isFloating(b)) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        if (a instanceof BigDecimal da && b instanceof BigDecimal db) {
            return da.compareTo(db) == 0;
        }
        return a.equals(b);
    }

    private static boolean isWhole(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte || n instanceof BigInteger;
    }

    private static boolean isFloating(Number n) {
        return n instanceof Double || n instanceof Float;
    }

    private static BigInteger asBigInteger(Number n) {
        return n instanceof BigInteger big ? big : BigInteger.valueOf(n.longValue());
    }
}
