package dev.vectorflow.ports.out.node;

import dev.vectorflow.core.fleet.Node;
import dev.vectorflow.core.fleet.NodeId;
import dev.vectorflow.core.fleet.NodeSelector;
import dev.vectorflow.core.fleet.NodeStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of an environment's nodes, read by keyset: the nodes sort by a key then by id, and the next page starts after
 * the (key, id) of the last node shown, so a deep page costs what the first does.
 */
public final class NodeListing {

    /** Most nodes one page holds. */
    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 100;

    private NodeListing() {
    }

    /** Which nodes to list: a status, labels all of which must match (agent labels overridden by user labels), text in the hostname. */
    public record Filter(Optional<NodeStatus> status, NodeSelector labels, Optional<String> search) {
        public static final Filter ALL = new Filter(Optional.empty(), NodeSelector.ALL, Optional.empty());

        public Filter {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(search, "search");
        }
    }

    /** What the nodes sort by; hostnames ignore case, a node never seen sorts before every other. */
    public enum Sort {
        NAME("name"), STATUS("status"), LAST_SEEN("lastSeen"), AGENT_VERSION("agentVersion");

        private final String wire;

        Sort(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Optional<Sort> fromWire(String text) {
            for (Sort s : values()) {
                if (s.wire.equals(text)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** Where a page starts: after the node with this sort key (as the store writes it as text) and id. */
    public record After(String key, NodeId id) {
        public After {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(id, "id");
        }
    }

    /** A page request; {@code after} empty is the first page. */
    public record Request(Filter filter, Sort sort, boolean descending, Optional<After> after, int limit) {
        public Request {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(sort, "sort");
            Objects.requireNonNull(after, "after");
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + " but was " + limit);
            }
        }
    }

    /** The nodes of a page, where the next one starts when there are more, and how many nodes match in all. */
    public record Page(List<Node> nodes, Optional<After> next, long total) {
        public Page {
            nodes = List.copyOf(nodes);
            Objects.requireNonNull(next, "next");
        }
    }
}
