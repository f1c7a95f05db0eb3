package dev.vectorflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vectorflow.agent.update.SignedJarUpdater;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vectorflow release keygen | sign}: what {@code ./vectorflow dist} uses to sign the agent jar. */
class ReleaseCommandsTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VectorFlowCli.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private PublicKey keygen(Path key) {
        Run made = cli("release", "keygen", "--out", key.toString());
        assertThat(made.code()).as(made.err()).isZero();
        String line = made.out().lines().filter(l -> l.startsWith("VF_UPDATE_PUBLIC_KEY=")).findFirst().orElseThrow();
        // the agent's own parser reads what keygen prints
        return SignedJarUpdater.parsePublicKey(line.substring("VF_UPDATE_PUBLIC_KEY=".length()));
    }

    @Test
    void givenANewKey_signWritesARelease_whoseChecksumAndSignatureTheAgentsKeyAccepts() throws Exception {
        Path key = dir.resolve("release.key");
        PublicKey publicKey = keygen(key);
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        byte[] jar = "not really a jar, but bytes to sign".getBytes(StandardCharsets.UTF_8);
        Path jarFile = Files.write(dir.resolve("vectorflow-agent.jar"), jar);
        Path output = dir.resolve("agent-release.json");

        Run signed = cli("release", "sign", "--key", key.toString(), "--jar", jarFile.toString(), "--version", "1.4.0",
                "--download-url", "https://dl.example.com/agent/vectorflow-agent.jar", "--output", output.toString());

        assertThat(signed.code()).as(signed.err()).isZero();
        JsonNode release = new ObjectMapper().readTree(Files.readString(output));
        assertThat(release.get("version").asText()).isEqualTo("1.4.0");
        assertThat(release.get("downloadUrl").asText()).isEqualTo("https://dl.example.com/agent/vectorflow-agent.jar");
        assertThat(release.get("checksum").asText())
                .isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar)));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(jar);
        assertThat(verifier.verify(Base64.getDecoder().decode(release.get("signature").asText()))).isTrue();
        // one changed byte: the signature no longer holds
        verifier.initVerify(publicKey);
        verifier.update("Not really a jar, but bytes to sign".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(release.get("signature").asText()))).isFalse();
    }

    @Test
    void givenNoDownloadUrl_signPrintsTheReleaseWithAnEmptyAddress_andSaysToFillItIn() throws Exception {
        Path key = dir.resolve("release.key");
        keygen(key);
        Path jarFile = Files.write(dir.resolve("a.jar"), new byte[] {1, 2, 3});

        Run signed = cli("release", "sign", "--key", key.toString(), "--jar", jarFile.toString(), "--version", "2.0.0-rc.1");

        assertThat(signed.code()).isZero();
        assertThat(new ObjectMapper().readTree(signed.out()).get("downloadUrl").asText()).isEmpty();
        assertThat(signed.err()).contains("\"downloadUrl\" is empty");
    }

    @Test
    void givenAnExistingKeyFile_keygenRefusesToOverwriteIt() throws Exception {
        Path key = Files.writeString(dir.resolve("release.key"), "precious");

        Run again = cli("release", "keygen", "--out", key.toString());

        assertThat(again.code()).isEqualTo(VectorFlowCli.FAILED);
        assertThat(again.err()).contains("Refusing to overwrite");
        assertThat(Files.readString(key)).isEqualTo("precious");
    }

    @Test
    void givenBadInput_signSaysWhatIsWrong_andWritesNothing() throws Exception {
        Path key = dir.resolve("release.key");
        keygen(key);
        Path jarFile = Files.write(dir.resolve("a.jar"), new byte[] {1});
        Path output = dir.resolve("out.json");
        Path notAKey = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Path rsaShaped = Files.writeString(dir.resolve("broken.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        Run badVersion = cli("release", "sign", "--key", key.toString(), "--jar", jarFile.toString(), "--version", "1.0 beta",
                "--output", output.toString());
        Run badUrl = cli("release", "sign", "--key", key.toString(), "--jar", jarFile.toString(), "--version", "1.0",
                "--download-url", "ftp://dl.example.com/a.jar", "--output", output.toString());
        Run certificate = cli("release", "sign", "--key", notAKey.toString(), "--jar", jarFile.toString(), "--version", "1.0",
                "--output", output.toString());
        Run broken = cli("release", "sign", "--key", rsaShaped.toString(), "--jar", jarFile.toString(), "--version", "1.0",
                "--output", output.toString());
        Run noJar = cli("release", "sign", "--key", key.toString(), "--jar", dir.resolve("missing.jar").toString(), "--version", "1.0",
                "--output", output.toString());
        Run missingOption = cli("release", "sign", "--key", key.toString(), "--version", "1.0");

        assertThat(badVersion.code()).isEqualTo(VectorFlowCli.USAGE);
        assertThat(badVersion.err()).contains("--version must be 1 to 64 letters", "'1.0 beta'");
        assertThat(badUrl.code()).isEqualTo(VectorFlowCli.USAGE);
        assertThat(badUrl.err()).contains("--download-url must be an absolute http(s) address");
        assertThat(certificate.code()).isEqualTo(VectorFlowCli.FAILED);
        assertThat(certificate.err()).contains("expected a PKCS#8 PEM private key");
        assertThat(broken.code()).isEqualTo(VectorFlowCli.FAILED);
        assertThat(broken.err()).contains("not an ed25519 private key");
        assertThat(noJar.code()).isEqualTo(VectorFlowCli.FAILED);
        assertThat(noJar.err()).contains("No agent jar at");
        assertThat(missingOption.code()).isEqualTo(VectorFlowCli.USAGE);
        assertThat(missingOption.err()).contains("--jar");
        assertThat(output).doesNotExist();
    }
}
