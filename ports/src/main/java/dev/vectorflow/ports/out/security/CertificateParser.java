package dev.vectorflow.ports.out.security;

import dev.vectorflow.core.validation.InvalidValueException;

/** Driven port: reads PEM certificates, private keys and CA bundles. */
public interface CertificateParser {

    /**
     * Parses {@code certificatePem} (one or more CERTIFICATE blocks, leaf first), and checks that
     * {@code privateKeyPem} (PKCS#8, PKCS#1 RSA or SEC1 EC; unencrypted; may be null) belongs to the
     * leaf and that {@code caBundlePem} (may be null) holds only certificates.
     *
     * @throws InvalidValueException naming the field ({@code certificate}, {@code privateKey},
     *     {@code caBundle}) with a message a person understands, when something is not valid
     */
    ParsedCertificate parse(String certificatePem, String privateKeyPem, String caBundlePem);
}
