package dev.vectorflow.ports.out.security;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an uploaded PEM certificate says about itself: subject and issuer (RFC 4514 names),
 * subject alternative names ({@code DNS:example.com}, {@code IP:10.0.0.1}, ...), validity, SHA-256
 * fingerprint of the DER encoding, how many certificates the PEM held (leaf first), whether a
 * private key was given and matches the leaf, and how many CA certificates the bundle held.
 */
public record ParsedCertificate(
        String subject,
        String issuer,
        List<String> subjectAltNames,
        Instant notBefore,
        Instant notAfter,
        String sha256Fingerprint,
        int chainLength,
        boolean hasPrivateKey,
        int caCertificates) {

    public ParsedCertificate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        subjectAltNames = List.copyOf(subjectAltNames);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
    }
}
