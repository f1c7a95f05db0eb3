package dev.vectorflow.core.pipeline;

import dev.vectorflow.core.secret.SecretName;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/** The secrets ({@code SECRET[name]}) and certificates ({@code CERT[name]}) a graph references. */
public record References(Set<SecretName> secrets, Set<SecretName> certificates) {

    public References {
        secrets = Set.copyOf(secrets);
        certificates = Set.copyOf(certificates);
    }

    /** Collects the references of the active components (and the global options) of a graph. */
    public static References of(PipelineGraph graph) {
        Set<SecretName> secrets = new TreeSet<>(java.util.Comparator.comparing(SecretName::value));
        Set<SecretName> certificates = new TreeSet<>(java.util.Comparator.comparing(SecretName::value));
        for (PipelineComponent c : graph.components()) {
            if (!c.disabled()) {
                collect(c.options(), secrets, certificates);
            }
        }
        collect(graph.globalOptions(), secrets, certificates);
        return new References(secrets, certificates);
    }

    private static void collect(Object value, Set<SecretName> secrets, Set<SecretName> certificates) {
        switch (value) {
            case String s -> {
                SecretReferences.namesIn(s).forEach(n -> secrets.add(new SecretName(n)));
                Matcher m = OptionChecker.CERT_REFERENCE.matcher(s);
                while (m.find()) {
                    certificates.add(new SecretName(m.group(1)));
                }
            }
            case Map<?, ?> map -> map.values().forEach(v -> collect(v, secrets, certificates));
            case List<?> list -> list.forEach(v -> collect(v, secrets, certificates));
            case null, default -> { }
        }
    }
}
