package dev.vectorflow.adapter.postgres.identity;

import static dev.vectorflow.adapter.postgres.identity.PostgresUserRepository.utc;
import static dev.vectorflow.adapter.postgres.jooq.Tables.OIDC_IDENTITIES;
import static dev.vectorflow.adapter.postgres.jooq.Tables.OIDC_MANAGED_MEMBERSHIPS;
import static dev.vectorflow.adapter.postgres.jooq.Tables.OIDC_PENDING_SIGN_INS;
import static dev.vectorflow.adapter.postgres.jooq.Tables.OIDC_SESSIONS;

import dev.vectorflow.core.identity.OidcProviderId;
import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import dev.vectorflow.ports.out.identity.OidcSignIns;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/** {@link OidcSignIns} on {@code oidc_pending_sign_ins}, {@code oidc_identities}, {@code oidc_managed_memberships} and {@code oidc_sessions}. */
public final class PostgresOidcSignIns implements OidcSignIns {

    private final Supplier<DSLContext> dsl;

    public PostgresOidcSignIns(Supplier<DSLContext> dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insertPending(PendingSignIn p) {
        dsl.get().insertInto(OIDC_PENDING_SIGN_INS)
                .set(OIDC_PENDING_SIGN_INS.STATE_HASH, p.stateHash())
                .set(OIDC_PENDING_SIGN_INS.PROVIDER_ID, p.provider().value())
                .set(OIDC_PENDING_SIGN_INS.NONCE, p.nonce())
                .set(OIDC_PENDING_SIGN_INS.CODE_VERIFIER, p.codeVerifier())
                .set(OIDC_PENDING_SIGN_INS.BROWSER_HASH, p.browserHash())
                .set(OIDC_PENDING_SIGN_INS.REDIRECT_URI, p.redirectUri().toString())
                .set(OIDC_PENDING_SIGN_INS.CREATED_AT, utc(p.createdAt()))
                .set(OIDC_PENDING_SIGN_INS.EXPIRES_AT, utc(p.expiresAt()))
                .execute();
    }

    @Override
    public Optional<PendingSignIn> takePending(String stateHash) {
        // delete ... returning: of two answers with the same state only one finds it
        return dsl.get().deleteFrom(OIDC_PENDING_SIGN_INS).where(OIDC_PENDING_SIGN_INS.STATE_HASH.eq(stateHash)).returning()
                .fetchOptional().map(r -> new PendingSignIn(r.getStateHash(), new OidcProviderId(r.getProviderId()), r.getNonce(),
                        r.getCodeVerifier(), r.getBrowserHash(), URI.create(r.getRedirectUri()), r.getCreatedAt().toInstant(),
                        r.getExpiresAt().toInstant()));
    }

    @Override
    public int deleteExpiredPending(Instant now) {
        return dsl.get().deleteFrom(OIDC_PENDING_SIGN_INS).where(OIDC_PENDING_SIGN_INS.EXPIRES_AT.lt(utc(now))).execute();
    }

    @Override
    public Optional<UserId> linkedUser(OidcProviderId provider, String subject) {
        return dsl.get().select(OIDC_IDENTITIES.USER_ID).from(OIDC_IDENTITIES)
                .where(OIDC_IDENTITIES.PROVIDER_ID.eq(provider.value()).and(OIDC_IDENTITIES.SUBJECT.eq(subject)))
                .fetchOptional(r -> new UserId(r.value1()));
    }

    @Override
    public void link(OidcProviderId provider, String subject, UserId user, Instant now) {
        dsl.get().insertInto(OIDC_IDENTITIES)
                .set(OIDC_IDENTITIES.PROVIDER_ID, provider.value())
                .set(OIDC_IDENTITIES.SUBJECT, subject)
                .set(OIDC_IDENTITIES.USER_ID, user.value())
                .set(OIDC_IDENTITIES.CREATED_AT, utc(now))
                .set(OIDC_IDENTITIES.LAST_SIGN_IN_AT, utc(now))
                .onConflict(OIDC_IDENTITIES.PROVIDER_ID, OIDC_IDENTITIES.SUBJECT).doUpdate()
                .set(OIDC_IDENTITIES.USER_ID, user.value())
                .set(OIDC_IDENTITIES.LAST_SIGN_IN_AT, utc(now))
                .execute();
    }

    @Override
    public Set<TeamId> managedTeams(UserId user, OidcProviderId provider) {
        return new HashSet<>(dsl.get().select(OIDC_MANAGED_MEMBERSHIPS.TEAM_ID).from(OIDC_MANAGED_MEMBERSHIPS)
                .where(OIDC_MANAGED_MEMBERSHIPS.USER_ID.eq(user.value()).and(OIDC_MANAGED_MEMBERSHIPS.PROVIDER_ID.eq(provider.value())))
                .fetch(r -> new TeamId(r.value1())));
    }

    @Override
    public void setManaged(UserId user, TeamId team, OidcProviderId provider, boolean managed) {
        if (managed) {
            dsl.get().insertInto(OIDC_MANAGED_MEMBERSHIPS)
                    .set(OIDC_MANAGED_MEMBERSHIPS.TEAM_ID, team.value())
                    .set(OIDC_MANAGED_MEMBERSHIPS.USER_ID, user.value())
                    .set(OIDC_MANAGED_MEMBERSHIPS.PROVIDER_ID, provider.value())
                    .onConflict(OIDC_MANAGED_MEMBERSHIPS.TEAM_ID, OIDC_MANAGED_MEMBERSHIPS.USER_ID).doUpdate()
                    .set(OIDC_MANAGED_MEMBERSHIPS.PROVIDER_ID, provider.value())
                    .execute();
        } else {
            dsl.get().deleteFrom(OIDC_MANAGED_MEMBERSHIPS)
                    .where(OIDC_MANAGED_MEMBERSHIPS.TEAM_ID.eq(team.value()).and(OIDC_MANAGED_MEMBERSHIPS.USER_ID.eq(user.value())))
                    .execute();
        }
    }

    @Override
    public void recordSession(String sessionHash, ProviderSession session) {
        dsl.get().insertInto(OIDC_SESSIONS)
                .set(OIDC_SESSIONS.SESSION_HASH, sessionHash)
                .set(OIDC_SESSIONS.PROVIDER_ID, session.provider().value())
                .set(OIDC_SESSIONS.ID_TOKEN, session.idToken())
                .execute();
    }

    @Override
    public Optional<ProviderSession> sessionOf(String sessionHash) {
        return dsl.get().selectFrom(OIDC_SESSIONS).where(OIDC_SESSIONS.SESSION_HASH.eq(sessionHash))
                .fetchOptional(r -> new ProviderSession(new OidcProviderId(r.getProviderId()), r.getIdToken()));
    }
}
