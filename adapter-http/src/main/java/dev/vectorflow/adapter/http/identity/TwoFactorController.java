package dev.vectorflow.adapter.http.identity;

import dev.vectorflow.adapter.http.auth.Access;
import dev.vectorflow.adapter.http.auth.ApiRoutes;
import dev.vectorflow.adapter.http.auth.Caller;
import dev.vectorflow.adapter.http.error.ApiProblem;
import dev.vectorflow.adapter.http.json.JsonBodyReader;
import dev.vectorflow.adapter.http.json.JsonFields;
import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.ForbiddenFailure;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.identity.Role;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.in.identity.ManageTwoFactorUseCase;
import dev.vectorflow.ports.in.identity.TwoFactorQueries;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.nayuki.qrcodegen.QrCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * TOTP second factors: one's own ({@code /api/me/two-factor...}), a platform admin's reset, and a team's requirement.
 * The enrolment answers the secret, its {@code otpauth://} address and that address as a QR code (SVG, drawn here).
 */
public final class TwoFactorController {

    private final ManageTwoFactorUseCase manage;
    private final TwoFactorQueries queries;
    private final JsonBodyReader bodies;

    public TwoFactorController(ManageTwoFactorUseCase manage, TwoFactorQueries queries, JsonBodyReader bodies) {
        this.manage = manage;
        this.queries = queries;
        this.bodies = bodies;
    }

    public void register(ApiRoutes routes) {
        Access own = Access.signedIn().usersOnly().evenWhileTwoFactorEnrollmentRequired();
        routes.get("/api/me/two-factor", own, this::status);
        routes.post("/api/me/two-factor", own, this::begin);
        routes.post("/api/me/two-factor/confirm", own, this::confirm);
        routes.post("/api/me/two-factor/recovery-codes", Access.signedIn().usersOnly(), this::regenerate);
        routes.post("/api/me/two-factor/disable", Access.signedIn().usersOnly(), this::disable);
        routes.delete("/api/users/{userId}/two-factor", Access.platformAdmin(), this::reset);
        routes.get("/api/teams/{teamId}/two-factor", Access.team(Role.VIEWER, IdentityController.teamInPath()), this::teamRequirement);
        routes.put("/api/teams/{teamId}/two-factor", Access.team(Role.ADMIN, IdentityController.teamInPath()), this::setTeamRequirement);
    }

    private static UserId me(Context ctx) {
        return Caller.of(ctx).member().userId();
    }

    private void status(Context ctx) {
        TwoFactorQueries.TwoFactorStatus s = queries.twoFactorStatus(me(ctx));
        ctx.json(Map.of("enabled", s.enabled(), "pending", s.pending(), "recoveryCodesLeft", s.recoveryCodesLeft(), "required", s.required()));
    }

    private void begin(Context ctx) throws ConflictFailure {
        ManageTwoFactorUseCase.PendingEnrollment pending = manage.beginEnrollment(Caller.of(ctx).actor(), me(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("secret", pending.secret());
        body.put("otpauthUri", pending.otpauthUri());
        body.put("qrSvg", svg(QrCode.encodeText(pending.otpauthUri(), QrCode.Ecc.MEDIUM), 4));
        ctx.status(HttpStatus.CREATED).json(body);
    }

    private String code(Context ctx) {
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("code"));
        Optional<String> code = f.convert(f.requiredText("code"), c -> {
            if (c.length() > 40) {
                throw new InvalidValueException("code", "must be the 6 digits of the app or a recovery code");
            }
            return c;
        });
        f.throwIfInvalid();
        return code.orElseThrow();
    }

    private void confirm(Context ctx) throws RejectedCredentialsFailure, ConflictFailure {
        List<String> codes = manage.confirmEnrollment(Caller.of(ctx).actor(), me(ctx), code(ctx));
        ctx.json(Map.of("recoveryCodes", codes));
    }

    private void regenerate(Context ctx) throws RejectedCredentialsFailure, ConflictFailure {
        ctx.json(Map.of("recoveryCodes", manage.regenerateRecoveryCodes(Caller.of(ctx).actor(), me(ctx), code(ctx))));
    }

    private void disable(Context ctx) throws RejectedCredentialsFailure, ConflictFailure, ForbiddenFailure {
        manage.disable(Caller.of(ctx).actor(), me(ctx), code(ctx));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void reset(Context ctx) throws NotFoundFailure {
        UserId user;
        try {
            user = UserId.parse("userId", ctx.pathParam("userId"));
        } catch (InvalidValueException e) {
            throw ApiProblem.notFound("User " + ctx.pathParam("userId") + " does not exist");
        }
        manage.reset(Caller.of(ctx).actor(), user);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void teamRequirement(Context ctx) {
        TeamId team = TeamId.parse("teamId", ctx.pathParam("teamId"));
        ctx.json(Map.of("required", queries.teamsRequiringTwoFactor().contains(team)));
    }

    private void setTeamRequirement(Context ctx) throws NotFoundFailure {
        JsonFields f = new JsonFields(bodies.readObject(ctx), Set.of("required"));
        Optional<Boolean> required = f.optionalBoolean("required");
        if (required.isEmpty() && !f.has("required")) {
            f.requiredText("required");
        }
        f.throwIfInvalid();
        TeamId team = TeamId.parse("teamId", ctx.pathParam("teamId"));
        manage.setTeamRequirement(Caller.of(ctx).actor(), team, required.orElseThrow());
        ctx.json(Map.of("required", required.get()));
    }

    /** The QR code as an SVG document: one path of dark modules, {@code border} modules of quiet zone around it. */
    static String svg(QrCode qr, int border) {
        int size = qr.size + border * 2;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + border).append(',').append(y + border).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/><path d=\"" + path + "\" fill=\"#000000\"/></svg>";
    }
}
