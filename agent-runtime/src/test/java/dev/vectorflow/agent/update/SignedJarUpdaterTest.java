package dev.vectorflow.agent.update;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vectorflow.agent.port.AgentUpdater;
import dev.vectorflow.ports.protocol.PendingAction;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Self-update with a real ed25519 key pair and a real download from a loopback HTTP server. */
class SignedJarUpdaterTest {

    @TempDir
    Path dir;
    private HttpServer server;
    private final byte[] release = "new agent jar bytes".getBytes();
    private KeyPair keys;
    private Path jar;

    @BeforeEach
    void setUp() throws Exception {
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext("/agent.jar", ex -> {
            ex.sendResponseHeaders(200, release.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(release);
            }
        });
        server.start();
        jar = dir.resolve("vectorflow-agent.jar");
        Files.writeString(jar, "old agent jar");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/agent.jar";
    }

    private String sha256() throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(release));
    }

    private String sign(KeyPair with) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(with.getPrivate());
        s.update(release);
        return Base64.getEncoder().encodeToString(s.sign());
    }

    private SignedJarUpdater updater(boolean withKey) {
        String encoded = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        return new SignedJarUpdater(withKey ? Optional.of(SignedJarUpdater.parsePublicKey(encoded)) : Optional.empty(), Optional.of(jar), dir,
                Clock.systemUTC());
    }

    @Test
    void aSignedReleaseWithTheRightChecksum_isSwappedIn_keepingThePreviousJar() throws Exception {
        AgentUpdater.Result result = updater(true).install(PendingAction.update("u1", "1.1.0", url(), sha256(), sign(keys)));

        assertThat(result).isEqualTo(new AgentUpdater.Result.Installed("1.1.0"));
        assertThat(Files.readAllBytes(jar)).isEqualTo(release);
        assertThat(Files.readString(dir.resolve("vectorflow-agent.jar.previous"))).isEqualTo("old agent jar");
        assertThat(Files.readString(dir.resolve("update-pending"))).contains("action=u1\n").contains("version=1.1.0\n");
    }

    @Test
    void theLaunchersRollbackNote_isReadAsTheFailureOfThatAction_andBothMarkersGoOnceAHeartbeatWasAnswered() throws Exception {
        SignedJarUpdater updater = updater(true);
        assertThat(updater.rolledBack()).isEmpty();
        Files.writeString(dir.resolve("update-pending"), "action=u2\nversion=1.3.0\n");
        Files.writeString(dir.resolve("update-failed"), "action=u1\nversion=1.2.0\nmessage=the agent 1.2.0 exited with code 1 before its"
                + " first heartbeat; the launcher put the previous agent back\n");

        assertThat(updater.rolledBack()).contains(new AgentUpdater.RolledBack(Optional.of("u1"), "1.2.0",
                "the agent 1.2.0 exited with code 1 before its first heartbeat; the launcher put the previous agent back"));
        updater.heartbeatAnswered();

        assertThat(dir.resolve("update-failed")).doesNotExist();
        assertThat(dir.resolve("update-pending")).doesNotExist();
        assertThat(updater.rolledBack()).isEmpty();
    }

    @Test
    void aWrongSignature_aWrongChecksum_noKey_orPlainHttpElsewhere_areRefused_andTheJarStays() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String badChecksum = "sha256:" + "0".repeat(64);

        assertThat(updater(true).install(PendingAction.update("u", "1.1.0", url(), sha256(), sign(other))))
                .isInstanceOfSatisfying(AgentUpdater.Result.Refused.class, r -> assertThat(r.reason()).contains("signature"));
        assertThat(updater(true).install(PendingAction.update("u", "1.1.0", url(), badChecksum, sign(keys))))
                .isInstanceOfSatisfying(AgentUpdater.Result.Refused.class, r -> assertThat(r.reason()).contains("is not the expected"));
        assertThat(updater(false).install(PendingAction.update("u", "1.1.0", url(), sha256(), sign(keys))))
                .isInstanceOfSatisfying(AgentUpdater.Result.Refused.class, r -> assertThat(r.reason()).contains("VF_UPDATE_PUBLIC_KEY"));
        assertThat(updater(true).install(PendingAction.update("u", "1.1.0", "http://192.0.2.10/agent.jar", sha256(), sign(keys))))
                .isInstanceOfSatisfying(AgentUpdater.Result.Refused.class, r -> assertThat(r.reason()).contains("https"));

        assertThat(Files.readString(jar)).isEqualTo("old agent jar");
        assertThat(dir.resolve("update-pending")).doesNotExist();
        assertThat(dir.resolve("vectorflow-agent.jar.download")).doesNotExist();
    }

    @Test
    void aRawThirtyTwoByteKey_isAcceptedToo() throws Exception {
        byte[] spki = keys.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        SignedJarUpdater u = new SignedJarUpdater(Optional.of(SignedJarUpdater.parsePublicKey(Base64.getEncoder().encodeToString(raw))),
                Optional.of(jar), dir, Clock.systemUTC());

        assertThat(u.install(PendingAction.update("u", "1.2.0", url(), sha256(), sign(keys)))).isInstanceOf(AgentUpdater.Result.Installed.class);
    }
}
