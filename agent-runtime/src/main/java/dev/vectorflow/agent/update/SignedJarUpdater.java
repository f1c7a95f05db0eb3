package dev.vectorflow.agent.update;

import dev.vectorflow.agent.port.AgentUpdater;
import dev.vectorflow.ports.protocol.PendingAction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AgentUpdater} for the single-file agent jar: downloads the release (https, or http to loopback only),
 * checks its SHA-256 and its ed25519 signature against the key the agent was installed with
 * ({@code VF_UPDATE_PUBLIC_KEY}), keeps the current jar as {@code <jar>.previous}, renames the new one into place and
 * writes {@code <data dir>/update-pending} (action id, version). The launcher puts the previous jar back when the new
 * agent has not heartbeated within the settle window ({@code VF_UPDATE_SETTLE_SECONDS}, a minute) and says so in
 * {@code <data dir>/update-failed}; the new agent removes the marker after its first heartbeat.
 */
public final class SignedJarUpdater implements AgentUpdater {

    /** The marker of an installed update that has not heartbeated yet; the launcher rolls back while it exists. */
    public static final String PENDING = "update-pending";
    private static final System.Logger LOG = System.getLogger("vectorflow.agent");
    /** Written by the launcher after a rollback: {@code action=}, {@code version=} and {@code message=} lines. */
    public static final String FAILED = "update-failed";
    private static final long MAX_DOWNLOAD = 256L * 1024 * 1024;
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Optional<PublicKey> publicKey;
    private final Optional<Path> installedJar;
    private final Path dataDirectory;
    private final Clock clock;

    public SignedJarUpdater(Optional<PublicKey> publicKey, Optional<Path> installedJar, Path dataDirectory, Clock clock) {
        this.publicKey = publicKey;
        this.installedJar = installedJar;
        this.dataDirectory = dataDirectory;
        this.clock = clock;
    }

    /** The key of {@code VF_UPDATE_PUBLIC_KEY}: base64 of an X.509 SubjectPublicKeyInfo, or of the raw 32 key bytes. */
    public static PublicKey parsePublicKey(String base64) {
        try {
            byte[] raw = Base64.getDecoder().decode(base64.strip());
            byte[] spki = raw;
            if (raw.length == 32) {
                spki = new byte[ED25519_SPKI_PREFIX.length + 32];
                System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
                System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, 32);
            }
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("VF_UPDATE_PUBLIC_KEY must be a base64 ed25519 public key (X.509 or 32 raw bytes): " + e.getMessage());
        }
    }

    @Override
    public Result install(PendingAction update) {
        if (publicKey.isEmpty()) {
            return new Result.Refused("update to " + update.targetVersion() + " refused: this agent was installed without VF_UPDATE_PUBLIC_KEY, so it cannot check a release's signature");
        }
        if (installedJar.isEmpty()) {
            return new Result.Refused("update to " + update.targetVersion() + " refused: this agent does not run from vectorflow-agent.jar");
        }
        URI url;
        try {
            url = URI.create(update.downloadUrl());
            checkTransport(url);
        } catch (IllegalArgumentException e) {
            return new Result.Refused("update refused: " + e.getMessage());
        }
        String expected = update.checksum() == null ? "" : update.checksum().strip().toLowerCase(Locale.ROOT);
        if (!expected.matches("sha256:[0-9a-f]{64}")) {
            return new Result.Refused("update refused: checksum must be sha256:<64 hex> but was '" + update.checksum() + "'");
        }
        Path jar = installedJar.get();
        Path download = jar.resolveSibling(jar.getFileName() + ".download");
        try {
            fetch(url, download);
            String actual = "sha256:" + sha256(download);
            if (!actual.equals(expected)) {
                Files.deleteIfExists(download);
                return new Result.Refused("update refused: the download's " + actual + " is not the expected " + expected);
            }
            if (!verify(download, update.signature())) {
                Files.deleteIfExists(download);
                return new Result.Refused("update refused: the ed25519 signature does not match the installed public key");
            }
            Files.copy(jar, jar.resolveSibling(jar.getFileName() + ".previous"), StandardCopyOption.REPLACE_EXISTING);
            move(download, jar);
            Files.writeString(dataDirectory.resolve(PENDING), "action=" + update.id() + "\nversion=" + update.targetVersion() + "\nsince="
                    + clock.instant() + "\njar=" + jar + "\n", StandardCharsets.UTF_8);
            return new Result.Installed(update.targetVersion());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(download);
            } catch (IOException ignored) {
                // nothing more to clean
            }
            return new Result.Refused("update to " + update.targetVersion() + " failed: " + e.getMessage());
        }
    }

    @Override
    public Optional<RolledBack> rolledBack() {
        Path failed = dataDirectory.resolve(FAILED);
        String text;
        try {
            text = Files.readString(failed, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return Optional.empty(); // none (the usual case), or unreadable: nothing we could report
        }
        Map<String, String> fields = new HashMap<>();
        text.lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        });
        String message = fields.getOrDefault("message", text);
        return Optional.of(new RolledBack(Optional.ofNullable(fields.get("action")).filter(a -> !a.isEmpty()),
                fields.getOrDefault("version", "?"), message.isEmpty() ? "the update was rolled back" : message));
    }

    @Override
    public void heartbeatAnswered() {
        for (String marker : new String[] {PENDING, FAILED}) {
            try {
                Files.deleteIfExists(dataDirectory.resolve(marker));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot remove " + dataDirectory.resolve(marker) + ": " + e.getMessage());
            }
        }
    }

    static void checkTransport(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http") && url.getHost() != null) {
            try {
                if (InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
                    return;
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("downloads must use https (plain http only to loopback); unknown host in " + url);
            }
        }
        throw new IllegalArgumentException("downloads must use https (plain http only to loopback) but the URL was " + url);
    }

    /** Downloads to {@code target}; redirects are followed within the same scheme and must end at an allowed address too. */
    private static void fetch(URI url, Path target) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        try {
            connection.setConnectTimeout((int) Duration.ofSeconds(10).toMillis());
            connection.setReadTimeout((int) Duration.ofMinutes(1).toMillis());
            connection.setInstanceFollowRedirects(true);
            connection.setUseCaches(false);
            int status = connection.getResponseCode();
            try {
                checkTransport(connection.getURL().toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IOException("the download was redirected to " + connection.getURL() + ", which is not allowed: " + e.getMessage());
            }
            if (status != 200) {
                throw new IOException(url + " answered " + status);
            }
            try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(target)) {
                byte[] buf = new byte[64 * 1024];
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > MAX_DOWNLOAD) {
                        throw new IOException("the download is larger than " + MAX_DOWNLOAD + " bytes");
                    }
                    out.write(buf, 0, n);
                }
            }
        } finally {
            connection.disconnect();
        }
    }

    boolean verify(Path file, String signatureBase64) throws IOException {
        if (signatureBase64 == null || signatureBase64.isBlank()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey.orElseThrow());
            verifier.update(Files.readAllBytes(file));
            return verifier.verify(Base64.getDecoder().decode(signatureBase64.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) > 0) {
                    digest.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
