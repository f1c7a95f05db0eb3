package dev.vectorflow.adapter.crypto;

import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.out.security.CertificateParser;
import dev.vectorflow.ports.out.security.ParsedCertificate;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509AttributeCertificateHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * {@link CertificateParser} reading PEM with BouncyCastle: a certificate chain (leaf first), an optional unencrypted
 * private key (PKCS#8, PKCS#1 RSA or SEC1 EC) that must belong to the leaf, and an optional CA bundle of certificates
 * only.
 * The details are in docs/architecture.md, "Notes on the code".
 */
public final class PemCertificateParser implements CertificateParser {

    static final String CERTIFICATE = "certificate";
    static final String PRIVATE_KEY = "privateKey";
    static final String CA_BUNDLE = "caBundle";

    // One private instance, never registered globally: other code in the JVM keeps seeing the
    // JDK's providers, and key types the JDK dropped (e.g. some EC curves) still parse here.
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----");
    private static final Map<String, String> FRIENDLY_KEYWORDS = Map.of("1.2.840.113549.1.9.1", "emailAddress");
    private static final byte[] KEY_CHECK_MESSAGE = "VectorFlow checks that this key belongs to the certificate".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat FINGERPRINT = HexFormat.ofDelimiter(":");

    @Override
    public ParsedCertificate parse(String certificatePem, String privateKeyPem, String caBundlePem) {
        if (isBlank(certificatePem)) {
            throw new InvalidValueException(CERTIFICATE, "must not be empty: paste the PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        List<X509CertificateHolder> chain = certificates(CERTIFICATE, certificatePem);
        X509CertificateHolder leaf = chain.getFirst();
        X509Certificate leafCertificate = toX509(CERTIFICATE, leaf, 1);
        for (int i = 1; i < chain.size(); i++) {
            toX509(CERTIFICATE, chain.get(i), i + 1);
        }
        boolean hasPrivateKey = !isBlank(privateKeyPem);
        if (hasPrivateKey) {
            requireBelongsTo(privateKey(privateKeyPem), leaf);
        }
        int caCertificates = 0;
        if (!isBlank(caBundlePem)) {
            List<X509CertificateHolder> bundle = certificates(CA_BUNDLE, caBundlePem);
            for (int i = 0; i < bundle.size(); i++) {
                toX509(CA_BUNDLE, bundle.get(i), i + 1);
            }
            caCertificates = bundle.size();
        }
        return new ParsedCertificate(
                leafCertificate.getSubjectX500Principal().getName(X500Principal.RFC2253, FRIENDLY_KEYWORDS),
                leafCertificate.getIssuerX500Principal().getName(X500Principal.RFC2253, FRIENDLY_KEYWORDS),
                subjectAltNames(leaf),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                fingerprint(leaf),
                chain.size(),
                hasPrivateKey,
                caCertificates);
    }

    @Override
    public String toString() {
        return "PemCertificateParser";
    }

    private static List<X509CertificateHolder> certificates(String field, String pem) {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        List<Object> blocks = pemBlocks(field, pem);
        for (Object block : blocks) {
            switch (block) {
                case X509CertificateHolder certificate -> certificates.add(certificate);
                case X509TrustedCertificateBlock trusted -> certificates.add(trusted.getCertificateHolder());
                case PrivateKeyInfo ignored -> throw containsPrivateKey(field);
                case PEMKeyPair ignored -> throw containsPrivateKey(field);
                case PKCS8EncryptedPrivateKeyInfo ignored -> throw containsPrivateKey(field);
                case PEMEncryptedKeyPair ignored -> throw containsPrivateKey(field);
                default -> throw new InvalidValueException(field,
                        "contains " + describe(block) + "; only CERTIFICATE blocks are accepted here");
            }
        }
        if (certificates.isEmpty()) {
            throw new InvalidValueException(field,
                    "contains no PEM certificate: expected one or more blocks starting with -----BEGIN CERTIFICATE-----");
        }
        return certificates;
    }

    private static InvalidValueException containsPrivateKey(String field) {
        return new InvalidValueException(field, field.equals(CA_BUNDLE)
                ? "contains a private key; a CA bundle holds certificates only"
                : "contains a private key; paste the key into the private key field and keep only certificates here");
    }

    private static PrivateKey privateKey(String pem) {
        List<PrivateKeyInfo> keys = new ArrayList<>();
        for (Object block : pemBlocks(PRIVATE_KEY, pem)) {
            switch (block) {
                case PrivateKeyInfo pkcs8 -> keys.add(pkcs8);
                case PEMKeyPair traditional -> keys.add(traditional.getPrivateKeyInfo());
                case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted();
                case PEMEncryptedKeyPair ignored -> throw encrypted();
                // SEC1 files from `openssl ecparam -genkey` start with an EC PARAMETERS block
                case ASN1ObjectIdentifier ignored -> { }
                case X9ECParameters ignored -> { }
                case X509CertificateHolder ignored -> throw new InvalidValueException(PRIVATE_KEY,
                        "contains a certificate; put certificates into the certificate field and only the private key here");
                case SubjectPublicKeyInfo ignored -> throw new InvalidValueException(PRIVATE_KEY,
                        "is a public key; the private key is needed (-----BEGIN PRIVATE KEY-----)");
                default -> throw new InvalidValueException(PRIVATE_KEY,
                        "contains " + describe(block) + "; expected a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block");
            }
        }
        if (keys.isEmpty()) {
            throw new InvalidValueException(PRIVATE_KEY,
                    "contains no PEM private key: expected a block starting with -----BEGIN PRIVATE KEY-----");
        }
        if (keys.size() > 1) {
            throw new InvalidValueException(PRIVATE_KEY, "contains " + keys.size() + " private keys; upload only the key of the certificate");
        }
        try {
            return new JcaPEMKeyConverter().setProvider(BOUNCY_CASTLE).getPrivateKey(keys.getFirst());
        } catch (PEMException | RuntimeException unreadable) {
            throw new InvalidValueException(PRIVATE_KEY, "cannot be read as a private key: it is damaged or of an unsupported type");
        }
    }

    private static InvalidValueException encrypted() {
        return new InvalidValueException(PRIVATE_KEY, "is encrypted; upload it without a passphrase");
    }

    private static void requireBelongsTo(PrivateKey privateKey, X509CertificateHolder leaf) {
        PublicKey publicKey;
        try {
            publicKey = new JcaPEMKeyConverter().setProvider(BOUNCY_CASTLE).getPublicKey(leaf.getSubjectPublicKeyInfo());
        } catch (PEMException | RuntimeException unreadable) {
            throw new InvalidValueException(CERTIFICATE, "has a public key of a type that cannot be read");
        }
        String keyType = keyType(publicKey.getAlgorithm());
        if (!keyType.equals(keyType(privateKey.getAlgorithm()))) {
            throw doesNotBelong("it is a " + keyType(privateKey.getAlgorithm()) + " key and the certificate holds a " + keyType + " key");
        }
        Optional<String> signatureAlgorithm = signatureAlgorithmFor(keyType);
        if (signatureAlgorithm.isEmpty()) {
            throw new InvalidValueException(PRIVATE_KEY, "is a " + keyType + " key, which cannot be checked against the certificate");
        }
        // Signing and verifying works the same for every key type, including keys whose
        // encoding does not carry the public half (PKCS#8 EC without the optional public key).
        boolean matches;
        try {
            Signature signer = Signature.getInstance(signatureAlgorithm.get(), BOUNCY_CASTLE);
            signer.initSign(privateKey);
            signer.update(KEY_CHECK_MESSAGE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm.get(), BOUNCY_CASTLE);
            verifier.initVerify(publicKey);
            verifier.update(KEY_CHECK_MESSAGE);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException mismatchedParameters) {
            matches = false;
        }
        if (!matches) {
            throw doesNotBelong("its public half differs from the key in the leaf certificate");
        }
    }

    private static InvalidValueException doesNotBelong(String why) {
        return new InvalidValueException(PRIVATE_KEY, "does not belong to the certificate: " + why);
    }

    private static String keyType(String jcaAlgorithm) {
        return switch (jcaAlgorithm) {
            case "EC", "ECDSA" -> "EC";
            default -> jcaAlgorithm;
        };
    }

    private static Optional<String> signatureAlgorithmFor(String keyType) {
        return Optional.ofNullable(switch (keyType) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "Ed25519" -> "Ed25519";
            case "Ed448" -> "Ed448";
            case "EdDSA" -> "EdDSA";
            default -> null;
        });
    }

    private static List<Object> pemBlocks(String field, String pem) {
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException unreadable) {
            throw new InvalidValueException(field, "cannot be read as PEM: " + blockAt(pem, blocks.size())
                    + " is damaged, incomplete or of a kind that is not supported");
        }
        return blocks;
    }

    /** How a person would find the {@code index}th PEM block (0-based) of {@code pem}. */
    private static String blockAt(String pem, int index) {
        Matcher begin = PEM_BEGIN.matcher(pem);
        for (int i = 0; begin.find(); i++) {
            if (i == index) {
                return "block " + (index + 1) + " (" + begin.group(1) + ")";
            }
        }
        return "block " + (index + 1);
    }

    private static String describe(Object block) {
        return switch (block) {
            case X509CRLHolder ignored -> "a certificate revocation list (X509 CRL)";
            case PKCS10CertificationRequest ignored -> "a certificate signing request";
            case ContentInfo ignored -> "a PKCS#7/CMS structure";
            case X509AttributeCertificateHolder ignored -> "an attribute certificate";
            case SubjectPublicKeyInfo ignored -> "a public key";
            case ASN1ObjectIdentifier ignored -> "EC PARAMETERS";
            case X9ECParameters ignored -> "EC PARAMETERS";
            default -> "a PEM block of an unexpected kind";
        };
    }

    private static X509Certificate toX509(String field, X509CertificateHolder holder, int position) {
        try {
            return new JcaX509CertificateConverter().setProvider(BOUNCY_CASTLE).getCertificate(holder);
        } catch (CertificateException | RuntimeException unreadable) {
            throw new InvalidValueException(field, "certificate " + position + " cannot be read: it is damaged or not X.509");
        }
    }

    private static List<String> subjectAltNames(X509CertificateHolder certificate) {
        GeneralNames names = GeneralNames.fromExtensions(certificate.getExtensions(), Extension.subjectAlternativeName);
        if (names == null) {
            return List.of();
        }
        List<String> formatted = new ArrayList<>();
        for (GeneralName name : names.getNames()) {
            formatted.add(format(name));
        }
        return formatted;
    }

    private static String format(GeneralName name) {
        ASN1Encodable value = name.getName();
        return switch (name.getTagNo()) {
            case GeneralName.dNSName -> "DNS:" + ((ASN1String) value).getString();
            case GeneralName.rfc822Name -> "EMAIL:" + ((ASN1String) value).getString();
            case GeneralName.uniformResourceIdentifier -> "URI:" + ((ASN1String) value).getString();
            case GeneralName.iPAddress -> "IP:" + ipAddress(ASN1OctetString.getInstance(value).getOctets());
            case GeneralName.directoryName -> "DIRNAME:" + directoryName(X500Name.getInstance(value));
            case GeneralName.registeredID -> "RID:" + ASN1ObjectIdentifier.getInstance(value).getId();
            case GeneralName.otherName -> "OTHERNAME:" + OtherName.getInstance(value).getTypeID().getId();
            default -> "OTHER:" + name.getTagNo();
        };
    }

    private static String ipAddress(byte[] octets) {
        if (octets.length == 4 || octets.length == 16) {
            try {
                return InetAddress.getByAddress(octets).getHostAddress();
            } catch (UnknownHostException impossibleForFourOrSixteenBytes) {
                // falls through to hex
            }
        }
        return HexFormat.of().formatHex(octets);
    }

    private static String directoryName(X500Name name) {
        try {
            return new X500Principal(name.getEncoded()).getName(X500Principal.RFC2253, FRIENDLY_KEYWORDS);
        } catch (IOException | IllegalArgumentException unreadable) {
            return name.toString();
        }
    }

    private static String fingerprint(X509CertificateHolder certificate) {
        try {
            return FINGERPRINT.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | IOException impossible) {
            // SHA-256 is mandatory in every JDK, and the holder was decoded from these very bytes.
            throw new IllegalStateException("cannot compute a SHA-256 fingerprint", impossible);
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
