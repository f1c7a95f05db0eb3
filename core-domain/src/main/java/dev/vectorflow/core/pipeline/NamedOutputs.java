package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.pipeline.catalog.ComponentKind;
import dev.vectorflow.core.pipeline.catalog.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outputs a component offers, by Vector's rules: most have only the default output;
 * {@code route} has one per route plus {@code _unmatched} and no default; {@code exclusive_route}
 * likewise; {@code remap} adds {@code dropped} when it reroutes; the {@code opentelemetry} source
 * (and {@code datadog_agent} with {@code multiple_outputs}) has one output per event type.
 */
final class NamedOutputs {

    /** The outputs of one component: whether it has a default output, and its named ones with their event types (null = as computed). */
    record Outputs(boolean hasDefault, Map<String, Set<EventType>> named) {
    }

    private NamedOutputs() {
    }

    static Outputs of(PipelineComponent c) {
        Map<String, Set<EventType>> named = new LinkedHashMap<>();
        Map<String, Object> o = c.options();
        if (c.kind() == ComponentKind.TRANSFORM && c.type().equals("route")) {
            if (o.get("route") instanceof Map<?, ?> routes) {
                routes.keySet().stream().map(String::valueOf).sorted().forEach(name -> named.put(name, null));
            }
            if (!Boolean.FALSE.equals(o.get("reroute_unmatched"))) {
                named.put("_unmatched", null);
            }
            return new Outputs(false, named);
        }
        if (c.kind() == ComponentKind.TRANSFORM && c.type().equals("exclusive_route")) {
            if (o.get("routes") instanceof List<?> routes) {
                for (Object route : routes) {
                    if (route instanceof Map<?, ?> r && r.get("name") != null) {
                        named.put(String.valueOf(r.get("name")), null);
                    }
                }
            }
            named.put("_unmatched", null);
            return new Outputs(false, named);
        }
        if (c.kind() == ComponentKind.TRANSFORM && c.type().equals("remap")) {
            if (Boolean.TRUE.equals(o.get("reroute_dropped"))) {
                named.put("dropped", null);
            }
            return new Outputs(true, named);
        }
        boolean perType = c.kind() == ComponentKind.SOURCE
                && (c.type().equals("opentelemetry") || (c.type().equals("datadog_agent") && Boolean.TRUE.equals(o.get("multiple_outputs"))));
        if (perType) {
            named.put("logs", Set.of(EventType.LOG));
            named.put("metrics", Set.of(EventType.METRIC));
            named.put("traces", Set.of(EventType.TRACE));
            return new Outputs(false, named);
        }
        return new Outputs(true, named);
    }
}
