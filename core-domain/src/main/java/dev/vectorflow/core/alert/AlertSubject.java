package dev.vectorflow.core.alert;

import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.validation.PlainText;
import java.util.Objects;
import java.util.Optional;

/**
 * What one alert of a rule is about: a node, a pipeline (on a node or over all of them), a component, or a named item
 * (a certificate). With the rule it keys the alert across its life.
 */
public record AlertSubject(Optional<NodeId> node, Optional<PipelineId> pipeline, Optional<String> component, Optional<String> item) {

    public static final AlertSubject WHOLE_RULE = new AlertSubject(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public AlertSubject {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(pipeline, "pipeline");
        component = Objects.requireNonNull(component, "component").map(c -> PlainText.requireSingleLine("component", c, 200));
        item = Objects.requireNonNull(item, "item").map(i -> PlainText.requireSingleLine("item", i, 200));
    }

    public static AlertSubject node(NodeId node) {
        return new AlertSubject(Optional.of(node), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same subject in the stable text form kept in the database: {@code node=…;pipeline=…;component=…;item=…}. */
    public String key() {
        StringBuilder key = new StringBuilder();
        node.ifPresent(n -> key.append("node=").append(n).append(';'));
        pipeline.ifPresent(p -> key.append("pipeline=").append(p).append(';'));
        component.ifPresent(c -> key.append("component=").append(c).append(';'));
        item.ifPresent(i -> key.append("item=").append(i).append(';'));
        return key.isEmpty() ? "rule" : key.substring(0, key.length() - 1);
    }

    @Override
    public String toString() {
        return key();
    }
}
