package dev.vectorflow.core.secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** The PEM texts of a certificate upload, in clear (memory only; never printed). */
public record CertificateBundle(String certificatePem, String privateKeyPem, String caBundlePem) {

    public CertificateBundle {
        Objects.requireNonNull(certificatePem, "certificatePem");
    }

    /** One text holding all three PEMs, for sealing as a single envelope. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "v1\n" + b64.encodeToString(certificatePem.getBytes(StandardCharsets.UTF_8)) + "\n"
                + b64.encodeToString(nullToEmpty(privateKeyPem).getBytes(StandardCharsets.UTF_8)) + "\n"
                + b64.encodeToString(nullToEmpty(caBundlePem).getBytes(StandardCharsets.UTF_8));
    }

    /** The inverse of {@link #encode()}. */
    public static CertificateBundle decode(String encoded) {
        String[] parts = encoded.split("\n", -1);
        if (parts.length != 4 || !parts[0].equals("v1")) {
            throw new IllegalArgumentException("not an encoded certificate bundle");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        String key = new String(b64.decode(parts[2]), StandardCharsets.UTF_8);
        String ca = new String(b64.decode(parts[3]), StandardCharsets.UTF_8);
        return new CertificateBundle(new String(b64.decode(parts[1]), StandardCharsets.UTF_8), key.isEmpty() ? null : key,
                ca.isEmpty() ? null : ca);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "CertificateBundle[****]";
    }
}
