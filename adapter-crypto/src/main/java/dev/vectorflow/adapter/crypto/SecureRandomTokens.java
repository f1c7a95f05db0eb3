package dev.vectorflow.adapter.crypto;

import dev.vectorflow.ports.out.system.RandomTokens;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/** {@link RandomTokens} drawing bytes from a {@link SecureRandom} and spelling them as lower-case hex. */
public final class SecureRandomTokens implements RandomTokens {

    /** Upper bound on one token, far above any session id or API token, to catch unit mix-ups. */
    static final int MAX_BYTES = 1024;

    private final SecureRandom random;

    public SecureRandomTokens(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public String hex(int bytes) {
        if (bytes < 1 || bytes > MAX_BYTES) {
            throw new IllegalArgumentException("'bytes' must be 1 to " + MAX_BYTES + " but was " + bytes);
        }
        byte[] token = new byte[bytes];
        random.nextBytes(token);
        return HexFormat.of().formatHex(token);
    }
}
