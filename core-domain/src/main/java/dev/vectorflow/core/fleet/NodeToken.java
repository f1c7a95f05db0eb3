package dev.vectorflow.core.fleet;

import dev.vectorflow.core.identity.SecretTokens;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bearer credential of a node: {@code vf_node_<16 hex lookup id>_<64 hex secret>}. The lookup id finds the node
 * in O(1); only the SHA-256 of the secret is stored and compared in constant time.
 */
public record NodeToken(String lookupId, String secret) {

    public static final String PREFIX = "vf_node_";
    private static final Pattern FORMAT = Pattern.compile("vf_node_([0-9a-f]{16})_([0-9a-f]{64})");
    private static final Pattern LOOKUP = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern SECRET = Pattern.compile("[0-9a-f]{64}");

    public NodeToken {
        if (lookupId == null || !LOOKUP.matcher(lookupId).matches()) {
            throw new IllegalArgumentException("'lookupId' must be 16 lower-case hex digits");
        }
        if (secret == null || !SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException("'secret' must be 64 lower-case hex digits");
        }
    }

    /** The token in a header, if it has the node token format. */
    public static Optional<NodeToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.strip());
        return m.matches() ? Optional.of(new NodeToken(m.group(1), m.group(2))) : Optional.empty();
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
