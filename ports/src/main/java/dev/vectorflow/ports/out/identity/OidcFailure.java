package dev.vectorflow.ports.out.identity;

/** An OpenID Connect exchange failed: the provider cannot be reached or is misconfigured, or its answer was refused. */
public class OidcFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for the person signing in. */
    public enum Kind {
        /** Discovery, JWKS or token endpoint unreachable, or answered with an error. */
        PROVIDER_UNAVAILABLE,
        /** The discovery document or its endpoints are unusable (wrong issuer, plain http outside loopback, ...). */
        PROVIDER_MISCONFIGURED,
        /** The ID token failed a check (signature, issuer, audience, expiry, nonce) or was missing. */
        TOKEN_REJECTED
    }

    private final Kind kind;

    public OidcFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
