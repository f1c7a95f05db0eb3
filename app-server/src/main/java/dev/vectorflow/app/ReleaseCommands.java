package dev.vectorflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code release keygen} and {@code release sign}: the ed25519 key that signs agent releases and the signature plus
 * checksum of an agent jar, written as the body that {@code POST /api/agent-releases} takes. The agent checks the same
 * signature with the public key of {@code VF_UPDATE_PUBLIC_KEY}. Keys are PKCS#8 PEM, as {@code openssl genpkey
 * -algorithm ed25519} writes them, so either tool can make them.
 */
final class ReleaseCommands {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END PRIVATE KEY-----");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");
    private static final long MAX_KEY_FILE = 16 * 1024;

    private ReleaseCommands() {
    }

    /** Writes a new private key (0600, refusing to overwrite) and prints the public key for VF_UPDATE_PUBLIC_KEY. */
    static int keygen(Path keyFile, PrintStream out, PrintStream err) {
        if (Files.exists(keyFile)) {
            err.println("Refusing to overwrite " + keyFile + ": it exists (a new key would invalidate every agent's VF_UPDATE_PUBLIC_KEY).");
            return VectorFlowCli.FAILED;
        }
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            out.println("Wrote the release signing key to " + keyFile + " (0600; keep it private and backed up).");
            out.println("Give every agent its public key:");
            out.println("VF_UPDATE_PUBLIC_KEY=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            return VectorFlowCli.OK;
        } catch (IOException | GeneralSecurityException | UnsupportedOperationException e) {
            err.println("Could not write the key to " + keyFile + ": " + e.getMessage());
            return VectorFlowCli.FAILED;
        }
    }

    /**
     * Signs {@code jar} with the key in {@code keyFile} and prints (or writes to {@code output}) the agent release:
     * {@code {"version","downloadUrl","checksum":"sha256:<hex>","signature":"<base64>","notes"}}.
     */
    static int sign(Path keyFile, Path jar, String version, String downloadUrl, Path output, PrintStream out, PrintStream err) {
        String problem = versionProblem(version);
        if (problem == null) {
            problem = downloadUrlProblem(downloadUrl);
        }
        if (problem != null) {
            err.println(problem);
            return VectorFlowCli.USAGE;
        }
        PrivateKey key;
        try {
            key = readPrivateKey(keyFile);
        } catch (IllegalArgumentException | IOException e) {
            err.println("Cannot use the signing key " + keyFile + ": " + e.getMessage());
            return VectorFlowCli.FAILED;
        }
        if (!Files.isRegularFile(jar)) {
            err.println("No agent jar at " + jar + ".");
            return VectorFlowCli.FAILED;
        }
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(jar)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    signer.update(buffer, 0, n);
                    sha256.update(buffer, 0, n);
                }
            }
            String release = "{\n"
                    + "  \"version\": \"" + version + "\",\n"
                    + "  \"downloadUrl\": \"" + (downloadUrl == null ? "" : jsonText(downloadUrl)) + "\",\n"
                    + "  \"checksum\": \"sha256:" + HexFormat.of().formatHex(sha256.digest()) + "\",\n"
                    + "  \"signature\": \"" + Base64.getEncoder().encodeToString(signer.sign()) + "\",\n"
                    + "  \"notes\": \"\"\n"
                    + "}\n";
            if (output == null) {
                out.print(release);
            } else {
                Files.writeString(output, release, StandardCharsets.UTF_8);
                out.println("Wrote the agent release " + version + " to " + output + ".");
            }
            if (downloadUrl == null) {
                err.println("Note: \"downloadUrl\" is empty: fill in the https address the jar will be served from before registering the release.");
            }
            return VectorFlowCli.OK;
        } catch (IOException | GeneralSecurityException e) {
            err.println("Could not sign " + jar + ": " + e.getMessage());
            return VectorFlowCli.FAILED;
        }
    }

    static PrivateKey readPrivateKey(Path keyFile) throws IOException {
        if (!Files.isRegularFile(keyFile)) {
            throw new IllegalArgumentException("no such file");
        }
        if (Files.size(keyFile) > MAX_KEY_FILE) {
            throw new IllegalArgumentException("larger than " + MAX_KEY_FILE + " bytes: not a key");
        }
        Matcher pem = PEM.matcher(Files.readString(keyFile, StandardCharsets.US_ASCII));
        if (!pem.find()) {
            throw new IllegalArgumentException("expected a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----),"
                    + " as 'vectorflow release keygen' or 'openssl genpkey -algorithm ed25519' write it");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.group(1));
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not an ed25519 private key (" + e.getMessage() + ")");
        }
    }

    private static String versionProblem(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            return "--version must be 1 to 64 letters, digits and . + _ - (starting with a letter or digit) but was '"
                    + (version == null ? "" : version.replaceAll("\\p{Cntrl}", "?")) + "'";
        }
        return null;
    }

    private static String downloadUrlProblem(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return "--download-url must be an absolute http(s) address but was '" + url + "'";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "--download-url is not an address: " + e.getMessage();
        }
    }

    private static String jsonText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
