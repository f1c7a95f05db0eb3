package dev.vectorflow.core.alert;

import dev.vectorflow.core.validation.InvalidValueException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A host reading of a node that a rule can watch, with the name the API uses. */
public enum NodeMetric {
    CPU_PERCENT("cpu_percent"),
    MEMORY_PERCENT("memory_percent"),
    DISK_PERCENT("disk_percent"),
    LOAD1("load1"),
    NET_IN_BYTES_PER_SECOND("net_in_bytes_per_second"),
    NET_OUT_BYTES_PER_SECOND("net_out_bytes_per_second");

    private final String wireName;

    NodeMetric(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static NodeMetric parse(String field, String text) {
        for (NodeMetric m : values()) {
            if (m.wireName.equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new InvalidValueException(field, "must be one of " + Arrays.stream(values()).map(NodeMetric::wireName)
                .collect(Collectors.joining(", ")) + " but was '" + text + "'");
    }
}
