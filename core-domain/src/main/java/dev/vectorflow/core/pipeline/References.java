package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.secret.SecretName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.Comparator;

/**
 * The secrets ({@code SECRET[name]}) and certificates ({@code CERT[name]}) of the environment that a graph
 * references; references to the pipeline's own secret backends ({@code SECRET[backend.key]}) are not among them.
 */
public record References(Set<SecretName> secrets, Set<SecretName> certificates) {

    public References {
        secrets = Set.copyOf(secrets);
        certificates = Set.copyOf(certificates);
    }

    /** Collects the references of the active components (and the global options) of a graph. */
    public static References of(PipelineGraph graph) {
        Set<SecretName> secrets = new TreeSet<>(Comparator.comparing(SecretName::value));
        Set<SecretName> certificates = new TreeSet<>(Comparator.comparing(SecretName::value));
        Set<String> backends = SecretReferences.backendsOf(graph);
        for (PipelineComponent c : graph.components()) {
            if (!c.disabled()) {
                collect(c.options(), backends, secrets, certificates);
            }
        }
        collect(graph.globalOptions(), backends, secrets, certificates);
        return new References(secrets, certificates);
    }

    private static void collect(Object value, Set<String> backends, Set<SecretName> secrets, Set<SecretName> certificates) {
        switch (value) {
            case String s -> {
                SecretReferences.namesIn(s, backends).forEach(n -> secrets.add(new SecretName(n)));
                Matcher m = OptionChecker.CERT_REFERENCE.matcher(s);
                while (m.find()) {
                    certificates.add(new SecretName(m.group(1)));
                }
            }
            case Map<?, ?> map -> map.values().forEach(v -> collect(v, backends, secrets, certificates));
            case List<?> list -> list.forEach(v -> collect(v, backends, secrets, certificates));
            case null, default -> { }
        }
    }
}
