package dev.vectorflow.ports.in.promotion;

import dev.vectorflow.core.environment.Environment;
import dev.vectorflow.core.pipeline.PipelineId;
import dev.vectorflow.core.pipeline.diff.GraphDiff;
import dev.vectorflow.core.promotion.ValueMappings.AppliedValue;
import dev.vectorflow.core.secret.SecretName;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a promotion would do: the pipeline it lands in ({@code targetPipeline} empty when it would be created), the
 * target's latest version it is compared with, the secrets and certificates the target lacks (each blocks it), the
 * component diff, the environment-specific values replaced, the environment variables the nodes must provide, and
 * whether the target makes it wait for approval.
 */
public record PromotionPreview(Environment source, int version, Environment target, String pipelineName, Optional<PipelineId> targetPipeline,
                               Optional<Integer> targetVersion, List<SecretName> missingSecrets, List<SecretName> missingCertificates,
                               GraphDiff diff, List<AppliedValue> values, Set<String> environmentVariables, boolean requiresApproval) {

    public PromotionPreview {
        missingSecrets = List.copyOf(missingSecrets);
        missingCertificates = List.copyOf(missingCertificates);
        values = List.copyOf(values);
        environmentVariables = Set.copyOf(environmentVariables);
    }

    /** True when a secret or certificate the target lacks stops the promotion. */
    public boolean blocked() {
        return !missingSecrets.isEmpty() || !missingCertificates.isEmpty();
    }
}
