package dev.vectorflow.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How bearer secrets (session ids, API tokens, setup tokens) are stored: as their SHA-256, never as given. */
public final class SecretTokens {

    /** Prefix of API tokens, so that leaked ones are easy to recognise (and scan for). */
    public static final String API_TOKEN_PREFIX = "vf_api_";

    private SecretTokens() {
    }

    /** Copied for each hash: looking the algorithm up among the providers cost more than hashing a token (every agent call hashes one). */
    private static final MessageDigest SHA_256 = sha256();

    public static String hash(String token) {
        return HexFormat.of().formatHex(newSha256().digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256(); // a provider whose digest cannot be copied
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares two strings in time that does not depend on where they differ. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
