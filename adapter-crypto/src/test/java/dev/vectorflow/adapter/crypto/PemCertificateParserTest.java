package dev.vectorflow.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.out.security.ParsedCertificate;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PemCertificateParserTest {

    private static KeyPair caKeys;
    private static X509Certificate ca;
    private static KeyPair rsaLeafKeys;
    private static X509Certificate rsaLeaf;
    private static KeyPair ecLeafKeys;
    private static X509Certificate ecLeaf;
    private static KeyPair otherRsaKeys;
    private static KeyPair otherEcKeys;
    private static X509Certificate otherCa;

    private final PemCertificateParser parser = new PemCertificateParser();

    @BeforeAll
    static void issueCertificates() {
        caKeys = TestPki.rsaKeyPair();
        ca = TestPki.selfSignedCa("CN=Acme Test CA,O=Acme", caKeys);
        rsaLeafKeys = TestPki.rsaKeyPair();
        rsaLeaf = TestPki.leaf("CN=api.example.com,O=Acme", rsaLeafKeys, ca, caKeys.getPrivate(),
                new GeneralName(GeneralName.dNSName, "api.example.com"),
                new GeneralName(GeneralName.dNSName, "*.api.example.com"),
                new GeneralName(GeneralName.iPAddress, "10.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "fd00::1"),
                new GeneralName(GeneralName.rfc822Name, "ops@example.com"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.com/api"));
        ecLeafKeys = TestPki.ecKeyPair();
        ecLeaf = TestPki.leaf("CN=agent.example.com", ecLeafKeys, ca, caKeys.getPrivate(),
                new GeneralName(GeneralName.dNSName, "agent.example.com"));
        otherRsaKeys = TestPki.rsaKeyPair();
        otherEcKeys = TestPki.ecKeyPair();
        otherCa = TestPki.selfSignedCa("CN=Other CA", TestPki.ecKeyPair());
    }

    @Test
    void givenLeafCertificate_parse_readsNamesSubjectAltNamesValidityAndFingerprint() throws Exception {
        ParsedCertificate parsed = parser.parse(TestPki.pem(rsaLeaf), null, null);

        assertThat(parsed.subject()).isEqualTo("CN=api.example.com,O=Acme");
        assertThat(parsed.issuer()).isEqualTo("CN=Acme Test CA,O=Acme");
        assertThat(parsed.subjectAltNames()).containsExactly(
                "DNS:api.example.com", "DNS:*.api.example.com", "IP:10.0.0.1", "IP:fd00:0:0:0:0:0:0:1",
                "EMAIL:ops@example.com", "URI:spiffe://example.com/api");
        assertThat(parsed.notBefore()).isEqualTo(TestPki.NOT_BEFORE);
        assertThat(parsed.notAfter()).isEqualTo(TestPki.NOT_AFTER);
        String expectedFingerprint = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(rsaLeaf.getEncoded()));
        assertThat(parsed.sha256Fingerprint()).isEqualTo(expectedFingerprint).matches("([0-9a-f]{2}:){31}[0-9a-f]{2}");
        assertThat(parsed.chainLength()).isEqualTo(1);
        assertThat(parsed.hasPrivateKey()).isFalse();
        assertThat(parsed.caCertificates()).isZero();
    }

    @Test
    void givenSelfSignedCertificateWithoutSubjectAltNames_parse_hasSubjectAsIssuerAndNoNames() {
        ParsedCertificate parsed = parser.parse(TestPki.pem(ca), null, null);

        assertThat(parsed.subject()).isEqualTo(parsed.issuer()).isEqualTo("CN=Acme Test CA,O=Acme");
        assertThat(parsed.subjectAltNames()).isEmpty();
    }

    @Test
    void givenLeafThenIssuer_parse_describesTheLeafAndCountsTheChain() throws Exception {
        ParsedCertificate parsed = parser.parse(TestPki.pem(List.of(rsaLeaf, ca)), null, null);

        assertThat(parsed.chainLength()).isEqualTo(2);
        assertThat(parsed.subject()).isEqualTo("CN=api.example.com,O=Acme");
        assertThat(parsed.sha256Fingerprint())
                .isEqualTo(HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(rsaLeaf.getEncoded())));
    }

    @Test
    void givenTextAroundTheBlocks_parse_ignoresIt() {
        String pem = "subject=CN=api.example.com\nissuer=CN=Acme Test CA\n" + TestPki.pem(rsaLeaf) + "\n# end\n";

        assertThat(parser.parse(pem, null, null).chainLength()).isEqualTo(1);
    }

    @Test
    void givenRsaKeyAsPkcs8_parse_acceptsTheMatchingKey() {
        ParsedCertificate parsed = parser.parse(TestPki.pem(rsaLeaf), TestPki.pkcs8Pem(rsaLeafKeys.getPrivate()), null);

        assertThat(parsed.hasPrivateKey()).isTrue();
    }

    @Test
    void givenRsaKeyAsPkcs1_parse_acceptsTheMatchingKey() {
        String pkcs1 = TestPki.traditionalPem(rsaLeafKeys.getPrivate());

        assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(parser.parse(TestPki.pem(rsaLeaf), pkcs1, null).hasPrivateKey()).isTrue();
    }

    @Test
    void givenEcKeyAsSec1AndAsPkcs8_parse_acceptsTheMatchingKey() {
        String sec1 = TestPki.traditionalPem(ecLeafKeys.getPrivate());

        assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(parser.parse(TestPki.pem(ecLeaf), sec1, null).hasPrivateKey()).isTrue();
        assertThat(parser.parse(TestPki.pem(ecLeaf), TestPki.pkcs8Pem(ecLeafKeys.getPrivate()), null).hasPrivateKey()).isTrue();
    }

    @Test
    void givenEcKeyAsPkcs8WithoutItsPublicPoint_parse_acceptsTheMatchingKey() {
        KeyPair jdkKeys = TestPki.jdkEcKeyPair();
        X509Certificate jdkLeaf = TestPki.leaf("CN=jdk.example.com", jdkKeys, ca, caKeys.getPrivate());

        assertThat(parser.parse(TestPki.pem(jdkLeaf), TestPki.pkcs8Pem(jdkKeys.getPrivate()), null).hasPrivateKey()).isTrue();
        assertRejected(() -> parser.parse(TestPki.pem(ecLeaf), TestPki.pkcs8Pem(jdkKeys.getPrivate()), null),
                "privateKey", "does not belong to the certificate");
    }

    @Test
    void givenEcKeyAfterEcParametersBlock_parse_acceptsIt() {
        String openSslStyle = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + TestPki.traditionalPem(ecLeafKeys.getPrivate());

        assertThat(parser.parse(TestPki.pem(ecLeaf), openSslStyle, null).hasPrivateKey()).isTrue();
    }

    @Test
    void givenKeyOfAnotherCertificate_parse_rejectsThePrivateKey() {
        String otherKey = TestPki.pkcs8Pem(otherRsaKeys.getPrivate());

        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf), otherKey, null), "privateKey", "does not belong to the certificate");
        assertRejected(() -> parser.parse(TestPki.pem(ecLeaf), TestPki.traditionalPem(otherEcKeys.getPrivate()), null),
                "privateKey", "does not belong to the certificate");
    }

    @Test
    void givenKeyOfTheIssuerInsteadOfTheLeaf_parse_rejectsThePrivateKey() {
        assertRejected(() -> parser.parse(TestPki.pem(List.of(rsaLeaf, ca)), TestPki.pkcs8Pem(caKeys.getPrivate()), null),
                "privateKey", "does not belong to the certificate");
    }

    @Test
    void givenKeyOfAnotherType_parse_rejectsThePrivateKey() {
        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf), TestPki.pkcs8Pem(ecLeafKeys.getPrivate()), null),
                "privateKey", "does not belong to the certificate");
    }

    @Test
    void givenEncryptedPkcs8Key_parse_asksForItWithoutPassphrase() {
        String encrypted = TestPki.encryptedPkcs8Pem(rsaLeafKeys.getPrivate(), "s3cret passphrase");

        assertThat(encrypted).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf), encrypted, null), "privateKey", "is encrypted; upload it without a passphrase");
    }

    @Test
    void givenLegacyEncryptedKey_parse_asksForItWithoutPassphrase() {
        String encrypted = TestPki.legacyEncryptedPem(ecLeafKeys.getPrivate(), "s3cret passphrase");

        assertThat(encrypted).contains("Proc-Type: 4,ENCRYPTED");
        assertRejected(() -> parser.parse(TestPki.pem(ecLeaf), encrypted, null), "privateKey", "is encrypted; upload it without a passphrase");
    }

    @Test
    void givenRejectedKey_message_containsNoKeyMaterial() {
        String otherKey = TestPki.traditionalPem(otherRsaKeys.getPrivate());

        assertThatThrownBy(() -> parser.parse(TestPki.pem(rsaLeaf), otherKey, null))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(failure -> Arrays.stream(otherKey.split("\n"))
                        .filter(line -> !line.startsWith("-----"))
                        .forEach(line -> assertThat(failure.getMessage()).doesNotContain(line)));
    }

    @Test
    void givenTwoKeys_parse_rejectsThePrivateKey() {
        String twoKeys = TestPki.pkcs8Pem(rsaLeafKeys.getPrivate()) + TestPki.pkcs8Pem(otherRsaKeys.getPrivate());

        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf), twoKeys, null), "privateKey", "contains 2 private keys");
    }

    @Test
    void givenCertificateInTheKeyField_parse_rejectsThePrivateKey() {
        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf), TestPki.pem(rsaLeaf), null), "privateKey", "contains a certificate");
    }

    @Test
    void givenPublicKeyInTheKeyField_parse_saysThePrivateKeyIsNeeded() {
        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf), TestPki.pem(rsaLeafKeys.getPublic()), null), "privateKey", "is a public key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"})
    void givenGarbageKey_parse_rejectsThePrivateKey(String garbage) {
        assertThatThrownBy(() -> parser.parse(TestPki.pem(rsaLeaf), garbage, null))
                .isInstanceOfSatisfying(InvalidValueException.class, failure -> assertThat(failure.field()).isEqualTo("privateKey"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  \n"})
    void givenNoCertificate_parse_rejectsTheCertificate(String empty) {
        assertRejected(() -> parser.parse(empty, null, null), "certificate", "must not be empty");
    }

    @Test
    void givenTextWithoutPemBlocks_parse_saysNoCertificateWasFound() {
        assertRejected(() -> parser.parse("hello, this is not a certificate", null, null), "certificate", "contains no PEM certificate");
    }

    @Test
    void givenDamagedCertificateBlock_parse_rejectsTheCertificate() {
        String pem = TestPki.pem(rsaLeaf);
        String damaged = pem.substring(0, 100) + "!!!!" + pem.substring(104);
        String truncated = pem.substring(0, pem.indexOf("-----END"));
        String notDer = "-----BEGIN CERTIFICATE-----\nSGVsbG8gd29ybGQ=\n-----END CERTIFICATE-----\n";

        assertRejected(() -> parser.parse(damaged, null, null), "certificate", "cannot be read as PEM: block 1 (CERTIFICATE)");
        assertRejected(() -> parser.parse(truncated, null, null), "certificate", "cannot be read as PEM");
        assertRejected(() -> parser.parse(notDer, null, null), "certificate", "cannot be read as PEM");
    }

    @Test
    void givenUnsupportedBlockKind_parse_namesIt() {
        String sshKey = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\n";

        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf) + sshKey, null, null), "certificate", "block 2 (OPENSSH PRIVATE KEY)");
        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf), sshKey, null), "privateKey", "block 1 (OPENSSH PRIVATE KEY)");
    }

    @Test
    void givenPrivateKeyInTheCertificateField_parse_rejectsTheCertificate() {
        String combined = TestPki.pem(rsaLeaf) + TestPki.pkcs8Pem(rsaLeafKeys.getPrivate());

        assertRejected(() -> parser.parse(combined, null, null), "certificate", "contains a private key");
    }

    @Test
    void givenCaBundle_parse_countsItsCertificates() {
        ParsedCertificate parsed = parser.parse(TestPki.pem(rsaLeaf), TestPki.pkcs8Pem(rsaLeafKeys.getPrivate()),
                TestPki.pem(List.of(ca, otherCa)));

        assertThat(parsed.caCertificates()).isEqualTo(2);
        assertThat(parsed.hasPrivateKey()).isTrue();
    }

    @Test
    void givenBlankCaBundle_parse_countsNone() {
        assertThat(parser.parse(TestPki.pem(rsaLeaf), null, "").caCertificates()).isZero();
    }

    @Test
    void givenCaBundleWithAnythingButCertificates_parse_rejectsTheBundle() {
        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf), null, "garbage"), "caBundle", "contains no PEM certificate");
        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf), null, TestPki.pem(ca) + TestPki.pkcs8Pem(caKeys.getPrivate())),
                "caBundle", "contains a private key");
        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf), null, TestPki.pem(ca) + TestPki.pem(caKeys.getPublic())),
                "caBundle", "contains a public key");
        assertRejected(() -> parser.parse(TestPki.pem(rsaLeaf), null, "-----BEGIN CERTIFICATE-----\nAAAA\n"),
                "caBundle", "cannot be read as PEM");
    }

    private static void assertRejected(ThrowingCallable parse, String field, String problem) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(InvalidValueException.class, failure -> {
            assertThat(failure.field()).isEqualTo(field);
            assertThat(failure.problem()).contains(problem);
        });
    }
}
