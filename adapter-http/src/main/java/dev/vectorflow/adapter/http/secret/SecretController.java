package dev.vectorflow.adapter.http.secret;

import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.core.environment.EnvironmentId;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.secret.Certificate;
import dev.vectorflow.core.secret.CertificateBundle;
import dev.vectorflow.core.secret.Secret;
import dev.vectorflow.core.secret.SecretName;
import dev.vectorflow.core.secret.SecretValue;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.PlainText;
import dev.vectorflow.ports.in.secret.ManageCertificatesUseCase;
import dev.vectorflow.ports.in.secret.ManageSecretsUseCase;
import dev.vectorflow.ports.in.secret.SecretQueries;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Secrets and certificates of an environment: {@code /api/environments/{id}/secrets} and
 * {@code /certificates}. Values go in and never come out: every answer is metadata only.
 */
public final class SecretController {

    /** A secret as the API shows it: never its value. */
    public record SecretResponse(String name, String description, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt,
                                 List<String> referencedBy) {
        static SecretResponse fromDomain(Secret s) {
            // pipelines arrive in a later release; until then nothing references a secret
            return new SecretResponse(s.name().value(), s.description(), s.createdBy(), s.createdAt(), s.updatedBy(), s.updatedAt(), List.of());
        }
    }

    /** A certificate as the API shows it: what it says about itself, and whether it expires soon. */
    public record CertificateResponse(String name, String description, String subject, String issuer, List<String> subjectAltNames,
                                      Instant notBefore, Instant notAfter, String fingerprint, boolean hasPrivateKey, boolean hasCaBundle,
                                      boolean expired, boolean expiresSoon, String createdBy, Instant createdAt, List<String> referencedBy) {
        static CertificateResponse fromDomain(Certificate c, Instant now) {
            return new CertificateResponse(c.name().value(), c.description(), c.subject(), c.issuer(), c.subjectAltNames(), c.notBefore(),
                    c.notAfter(), c.fingerprint(), c.hasPrivateKey(), c.hasCaBundle(), c.expiredAt(now), c.expiresSoonAt(now), c.createdBy(),
                    c.createdAt(), List.of());
        }
    }

    private final ManageSecretsUseCase manageSecrets;
    private final ManageCertificatesUseCase manageCertificates;
    private final SecretQueries queries;
    private final Access.TeamLocator owningTeam;
    private final JsonBodyReader bodies;
    private final Clock clock;

    public SecretController(ManageSecretsUseCase manageSecrets, ManageCertificatesUseCase manageCertificates, SecretQueries queries,
                            Access.TeamLocator owningTeam, JsonBodyReader bodies, Clock clock) {
        this.manageSecrets = manageSecrets;
        this.manageCertificates = manageCertificates;
        this.queries = queries;
        this.owningTeam = owningTeam;
        this.bodies = bodies;
        this.clock = clock;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/environments/{id}/secrets", Access.team(Role.VIEWER, owningTeam), this::listSecrets);
        routes.post("/api/environments/{id}/secrets", Access.team(Role.EDITOR, owningTeam), this::createSecret);
        routes.get("/api/environments/{id}/secrets/{name}", Access.team(Role.VIEWER, owningTeam), this::getSecret);
        routes.patch("/api/environments/{id}/secrets/{name}", Access.team(Role.EDITOR, owningTeam), this::updateSecret);
        routes.delete("/api/environments/{id}/secrets/{name}", Access.team(Role.EDITOR, owningTeam), this::deleteSecret);
        routes.get("/api/environments/{id}/certificates", Access.team(Role.VIEWER, owningTeam), this::listCertificates);
        routes.post("/api/environments/{id}/certificates", Access.team(Role.EDITOR, owningTeam), this::uploadCertificate);
        routes.get("/api/environments/{id}/certificates/{name}", Access.team(Role.VIEWER, owningTeam), this::getCertificate);
        routes.delete("/api/environments/{id}/certificates/{name}", Access.team(Role.EDITOR, owningTeam), this::deleteCertificate);
    }

    private static EnvironmentId environment(Context ctx) {
        return EnvironmentId.parse("id", ctx.pathParam("id"));
    }

    private static SecretName pathName(Context ctx, String kind) {
        try {
            return new SecretName(ctx.pathParam("name"));
        } catch (InvalidValueException e) {
            throw ApiProblem.notFound(kind + " " + ctx.pathParam("name") + " does not exist");
        }
    }

    private void listSecrets(Context ctx) {
        ctx.json(Map.of("items", queries.secretsOf(environment(ctx)).stream().map(SecretResponse::fromDomain).toList()));
    }

    private void getSecret(Context ctx) throws Exception {
        ctx.json(SecretResponse.fromDomain(queries.secret(environment(ctx), pathName(ctx, "Secret"))));
    }

    private static String description(String d) {
        return PlainText.optionalMultiLine("description", d, 2000);
    }

    private void createSecret(Context ctx) throws Exception {
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("name", "value", "description"));
        Optional<SecretName> name = f.convert(f.requiredText("name"), SecretName::new);
        Optional<SecretValue> value = f.convert(f.requiredText("value"), SecretValue::new);
        Optional<String> desc = f.convert(f.optionalText("description", ""), SecretController::description);
        f.throwIfInvalid();
        Secret created = manageSecrets.createSecret(Caller.of(ctx).actor(), environment(ctx), name.orElseThrow(), value.orElseThrow(),
                desc.orElse(""));
        ctx.status(HttpStatus.CREATED).header("Location", "/api/environments/" + environment(ctx) + "/secrets/" + created.name())
                .json(SecretResponse.fromDomain(created));
    }

    private void updateSecret(Context ctx) throws Exception {
        SecretName name = pathName(ctx, "Secret");
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("value", "description"));
        Optional<SecretValue> value = f.has("value") ? f.convert(f.requiredText("value"), SecretValue::new) : Optional.empty();
        Optional<String> desc = f.convert(f.optionalText("description", ""), SecretController::description);
        f.throwIfInvalid();
        ctx.json(SecretResponse.fromDomain(manageSecrets.updateSecret(Caller.of(ctx).actor(), environment(ctx), name, value, desc)));
    }

    private void deleteSecret(Context ctx) throws Exception {
        manageSecrets.deleteSecret(Caller.of(ctx).actor(), environment(ctx), pathName(ctx, "Secret"));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void listCertificates(Context ctx) {
        Instant now = clock.instant();
        ctx.json(Map.of("items", queries.certificatesOf(environment(ctx)).stream().map(c -> CertificateResponse.fromDomain(c, now)).toList()));
    }

    private void getCertificate(Context ctx) throws Exception {
        ctx.json(CertificateResponse.fromDomain(queries.certificate(environment(ctx), pathName(ctx, "Certificate")), clock.instant()));
    }

    private void uploadCertificate(Context ctx) throws Exception {
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("name", "certificate", "privateKey", "caBundle", "description"));
        Optional<SecretName> name = f.convert(f.requiredText("name"), SecretName::new);
        Optional<String> certificate = f.requiredText("certificate");
        Optional<String> privateKey = f.optionalText("privateKey", null);
        Optional<String> caBundle = f.optionalText("caBundle", null);
        Optional<String> desc = f.convert(f.optionalText("description", ""), SecretController::description);
        f.throwIfInvalid();
        Certificate created = manageCertificates.uploadCertificate(Caller.of(ctx).actor(), environment(ctx), name.orElseThrow(),
                new CertificateBundle(certificate.orElseThrow(), privateKey.orElse(null), caBundle.orElse(null)), desc.orElse(""));
        ctx.status(HttpStatus.CREATED).header("Location", "/api/environments/" + environment(ctx) + "/certificates/" + created.name())
                .json(CertificateResponse.fromDomain(created, clock.instant()));
    }

    private void deleteCertificate(Context ctx) throws Exception {
        manageCertificates.deleteCertificate(Caller.of(ctx).actor(), environment(ctx), pathName(ctx, "Certificate"));
        ctx.status(HttpStatus.NO_CONTENT);
    }
}
