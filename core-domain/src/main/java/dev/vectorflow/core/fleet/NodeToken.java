package dev.vectorflow.core.fleet;

import dev.vectorflow.core.identity.SecretTokens;
import java.util.Optional;

/**
 * The bearer credential of a node: {@code vf_node_<16 hex lookup id>_<64 hex secret>}. The lookup id finds the node
 * in O(1); only the SHA-256 of the secret is stored and compared in constant time.
 */
public record NodeToken(String lookupId, String secret) {

    public static final String PREFIX = "vf_node_";
    private static final int LOOKUP_CHARS = 16;
    private static final int SECRET_CHARS = 64;
    private static final int TOKEN_CHARS = PREFIX.length() + LOOKUP_CHARS + 1 + SECRET_CHARS;

    public NodeToken {
        if (lookupId == null || lookupId.length() != LOOKUP_CHARS || !lowerHex(lookupId, 0, LOOKUP_CHARS)) {
            throw new IllegalArgumentException("'lookupId' must be 16 lower-case hex digits");
        }
        if (secret == null || secret.length() != SECRET_CHARS || !lowerHex(secret, 0, SECRET_CHARS)) {
            throw new IllegalArgumentException("'secret' must be 64 lower-case hex digits");
        }
    }

    /** The token in a header, if it has the node token format. */
    public static Optional<NodeToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        // a character check, not a regular expression: every agent call passes through here
        String token = text.strip();
        int separator = PREFIX.length() + LOOKUP_CHARS;
        if (token.length() != TOKEN_CHARS || !token.startsWith(PREFIX) || token.charAt(separator) != '_') {
            return Optional.empty();
        }
        try {
            return Optional.of(new NodeToken(token.substring(PREFIX.length(), separator), token.substring(separator + 1)));
        } catch (IllegalArgumentException notHex) {
            return Optional.empty(); // the constructor checks the digits, once
        }
    }

    private static boolean lowerHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    public String text() {
        return PREFIX + lookupId + "_" + secret;
    }

    public String secretHash() {
        return SecretTokens.hash(secret);
    }

    /** True when this token's secret hashes to {@code storedHash} (constant time). */
    public boolean matches(String storedHash) {
        return SecretTokens.constantTimeEquals(secretHash(), storedHash);
    }

    @Override
    public String toString() {
        return "NodeToken[" + lookupId + ", ****]";
    }
}
