package dev.vectorflow.adapter.crypto;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import java.security.PublicKey;

/**
 * Test key pairs and certificates made fresh at test time (no private keys are committed), and
 * their PEM spellings.
 */
final class TestPki {

    static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2027-01-01T00:00:00Z");

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {}

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A P-256 key pair whose private key encoding carries its curve and public point, as OpenSSL
     * writes it (the JDK's encoding leaves both out, which makes an unusable SEC1 file).
     */
    static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BOUNCY_CASTLE);
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 key pair from the JDK: its PKCS#8 encoding holds no public point. */
    static KeyPair jdkEcKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA certificate for {@code subject}. */
    static X509Certificate selfSignedCa(String subject, KeyPair keys) {
        return certificate(name(subject), keys.getPublic(), name(subject), keys.getPrivate(), true, null);
    }

    /** A leaf certificate for {@code subject} with {@code subjectAltNames}, issued by {@code issuer}. */
    static X509Certificate leaf(String subject, KeyPair subjectKeys, X509Certificate issuer, PrivateKey issuerKey,
            GeneralName... subjectAltNames) {
        return certificate(name(subject), subjectKeys.getPublic(),
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey, false,
                subjectAltNames.length == 0 ? null : new GeneralNames(subjectAltNames));
    }

    /** Reads {@code rfc4514} as people write it (most significant part last), unlike BouncyCastle's X500Name(String). */
    private static X500Name name(String rfc4514) {
        return X500Name.getInstance(new X500Principal(rfc4514).getEncoded());
    }

    private static X509Certificate certificate(X500Name subject, PublicKey publicKey, X500Name issuer,
            PrivateKey issuerKey, boolean ca, GeneralNames subjectAltNames) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), subject, publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, ca
                    ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (subjectAltNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
            }
            String signatureAlgorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().setProvider(BOUNCY_CASTLE)
                    .getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BOUNCY_CASTLE).build(issuerKey)));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Certificates (or other objects JcaPEMWriter knows) as PEM, in order. */
    static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String pem(List<X509Certificate> certificates) {
        return pem(certificates.toArray());
    }

    /** {@code -----BEGIN RSA PRIVATE KEY-----} (PKCS#1) or {@code -----BEGIN EC PRIVATE KEY-----} (SEC1). */
    static String traditionalPem(PrivateKey key) {
        return pem(key);
    }

    /** {@code -----BEGIN PRIVATE KEY-----} (PKCS#8). */
    static String pkcs8Pem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----} (PKCS#8, PBES2 with AES-256-CBC). */
    static String encryptedPkcs8Pem(PrivateKey key, String passphrase) {
        try {
            return pem(new JcaPKCS8Generator(key, new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                    .setProvider(BOUNCY_CASTLE).build(passphrase.toCharArray())));
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OpenSSL's legacy encrypted PKCS#1/SEC1 form with {@code Proc-Type: 4,ENCRYPTED}. */
    static String legacyEncryptedPem(PrivateKey key, String passphrase) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(BOUNCY_CASTLE).build(passphrase.toCharArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
