package dev.vectorflow.adapter.http.enrollment;

import dev.vectorflow.core.fleet.EnrollmentToken;
import java.time.Instant;
import java.util.Map;
/** The JSON shape of enrollment tokens, mapped from the domain in one place. */
final class EnrollmentTokenResponses {

    private EnrollmentTokenResponses() {
    }

    record EnrollmentTokenResponse(String id, String name, String token, String hint, int maxUses, int uses, Instant expiresAt,
                                   Map<String, String> labels, String state, Instant createdAt, String createdBy) {
        static EnrollmentTokenResponse fromDomain(EnrollmentToken t, String text, Instant now) {
            return new EnrollmentTokenResponse(t.id().toString(), t.name(), text, t.hint(), t.maxUses(), t.uses(), t.expiresAt(),
                    t.labels().values(), t.state(now).name(), t.createdAt(), t.createdBy());
        }
    }
}
