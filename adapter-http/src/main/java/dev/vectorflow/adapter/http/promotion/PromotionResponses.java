package dev.vectorflow.adapter.http.promotion;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vectorflow.adapter.http.pipeline.PipelineResponses.GraphDiffResponse;
import dev.vectorflow.core.promotion.ApprovalAction;
import dev.vectorflow.core.promotion.ApprovalRequest;
import dev.vectorflow.core.promotion.ValueMapping;
import dev.vectorflow.core.promotion.ValueMappings.AppliedValue;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.ports.in.promotion.ApprovalQueries.ApprovalView;
import dev.vectorflow.ports.in.promotion.PromotePipelineUseCase.Promoted;
import dev.vectorflow.ports.in.promotion.PromotionPreview;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of promotions and approval requests, each mapped from the domain in one place. */
public final class PromotionResponses {

    private PromotionResponses() {
    }

    /** One environment-specific value: where, and the value of the version and the value the target gets. */
    public record ValueResponse(String component, String option, @JsonInclude(JsonInclude.Include.ALWAYS) Object from, Object to) {
        static ValueResponse fromDomain(AppliedValue value) {
            return new ValueResponse(value.component(), value.option(), value.from(), value.to());
        }

        static ValueResponse fromMapping(ValueMapping mapping) {
            return new ValueResponse(mapping.component().value(), mapping.option(), null, mapping.value());
        }
    }

    /** What a promotion would do ({@code blocked}: the secrets and certificates named stop it). */
    public record PreviewResponse(String sourceEnvironmentId, String sourceEnvironment, int version, String targetEnvironmentId,
                                  String targetEnvironment, String pipelineName, String targetPipelineId, Integer targetVersion, boolean blocked,
                                  List<String> missingSecrets, List<String> missingCertificates, GraphDiffResponse diff, List<ValueResponse> values,
                                  List<String> environmentVariables, boolean requiresApproval) {
        static PreviewResponse fromDomain(PromotionPreview p) {
            String to = p.targetVersion().map(n -> p.target().name() + " v" + n).orElse(p.target().name() + " (new)");
            return new PreviewResponse(p.source().id().toString(), p.source().name().value(), p.version(), p.target().id().toString(),
                    p.target().name().value(), p.pipelineName(), p.targetPipeline().map(Object::toString).orElse(null), p.targetVersion().orElse(null),
                    p.blocked(), p.missingSecrets().stream().map(SecretName::value).toList(),
                    p.missingCertificates().stream().map(SecretName::value).toList(),
                    GraphDiffResponse.fromDomain(p.diff(), to, p.source().name() + " v" + p.version()),
                    p.values().stream().map(ValueResponse::fromDomain).toList(), p.environmentVariables().stream().sorted().toList(),
                    p.requiresApproval());
        }
    }

    /** A promotion carried out: the target pipeline, whether it was created, its new version and, when asked, the deployed version. */
    public record PromotedResponse(String state, String pipelineId, String environmentId, boolean created, int version, String checksum,
                                   String message, Integer deployedVersion, Map<String, String> selector) {
        static PromotedResponse fromDomain(Promoted p) {
            return new PromotedResponse("PROMOTED", p.pipeline().id().toString(), p.pipeline().environmentId().toString(), p.created(),
                    p.version().number(), p.version().checksum(), p.version().message(), p.deployment().map(d -> d.version()).orElse(null),
                    p.deployment().map(d -> d.selector().required().values()).orElse(null));
        }
    }

    /** An approval request with its state as of now and the diff it would bring. */
    public record ApprovalResponse(String id, String environmentId, String kind, String state, String pipelineId, String pipelineName, int version,
                                   Map<String, String> selector, String targetEnvironmentId, Integer baseVersion, List<ValueResponse> values,
                                   String note, String requestedBy, Instant requestedAt, Instant expiresAt, String decidedBy, Instant decidedAt,
                                   String reason, GraphDiffResponse diff, List<String> rolloutWaves) {
        public static ApprovalResponse fromDomain(ApprovalView view) {
            ApprovalRequest r = view.request();
            String reason = r.reason().isEmpty() ? null : r.reason();
            return switch (r.action()) {
                case ApprovalAction.Deploy d -> new ApprovalResponse(r.id().toString(), r.environment().toString(), "deploy", view.state().name(),
                        d.pipeline().toString(), view.pipelineName(), d.version(), d.selector().required().values(), null,
                        d.deployedVersion().orElse(null), List.of(), null, r.requestedBy(), r.requestedAt(), r.expiresAt(), r.decidedBy().orElse(null),
                        r.decidedAt().orElse(null), reason, GraphDiffResponse.fromDomain(view.diff(),
                        d.deployedVersion().map(n -> "v" + n).orElse("nothing deployed"), "v" + d.version()),
                        d.rollout().map(plan -> plan.waves().stream().map(w -> w.size().text() + " soak " + w.soakSeconds() + " s").toList())
                                .orElse(null));
                case ApprovalAction.Promote p -> new ApprovalResponse(r.id().toString(), r.environment().toString(), "promote",
                        view.state().name(), p.source().toString(), view.pipelineName(), p.version(),
                        p.deploy().map(s -> s.required().values()).orElse(null), p.target().toString(), p.targetVersion().orElse(null),
                        p.values().stream().map(ValueResponse::fromMapping).toList(), p.note().isEmpty() ? null : p.note(), r.requestedBy(), r.requestedAt(), r.expiresAt(),
                        r.decidedBy().orElse(null), r.decidedAt().orElse(null), reason, GraphDiffResponse.fromDomain(view.diff(),
                        p.targetVersion().map(n -> "target v" + n).orElse("target (new)"), "promoted v" + p.version()), null);
            };
        }
    }

    /** The list answer: {@code {"items": [...]}}. */
    public record ApprovalPage(List<ApprovalResponse> items) {
    }
}
