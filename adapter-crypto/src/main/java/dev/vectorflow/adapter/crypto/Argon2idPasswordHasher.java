package dev.vectorflow.adapter.crypto;

import dev.vectorflow.core.identity.Password;
import dev.vectorflow.ports.out.security.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * {@link PasswordHasher} using Argon2id (version 0x13) from BouncyCastle, encoding hashes as PHC
 * strings {@code $argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt>$<hash>} (standard base64
 * without padding, 16-byte salt, 32-byte hash).
 */
public final class Argon2idPasswordHasher implements PasswordHasher {

    /** OWASP's minimum recommendation for Argon2id: 19 MiB of memory, two passes, one lane. */
    public static final int RECOMMENDED_MEMORY_KIB = 19_456;
    public static final int RECOMMENDED_ITERATIONS = 2;
    public static final int RECOMMENDED_PARALLELISM = 1;

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    // Limits on what a stored hash may ask for, so a corrupted or planted row cannot make
    // sign-in allocate gigabytes or spin for minutes.
    private static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    private static final int MAX_ITERATIONS = 1_000;
    private static final int MAX_PARALLELISM = 255;
    private static final int MIN_SALT_BYTES = 8;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_HASH_BYTES = 1_024;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    private final Cost cost;
    private final SecureRandom random;

    /**
     * A hasher making new hashes with these parameters.
     *
     * @param memoryKib memory per hash in KiB, at least 8 per lane
     * @param iterations passes over the memory, at least 1
     * @param parallelism lanes, 1 to 255
     */
    public Argon2idPasswordHasher(int memoryKib, int iterations, int parallelism, SecureRandom random) {
        this.cost = new Cost(memoryKib, iterations, parallelism);
        if (memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("'memoryKib' must be at most " + MAX_MEMORY_KIB + " but was " + memoryKib);
        }
        if (iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("'iterations' must be at most " + MAX_ITERATIONS + " but was " + iterations);
        }
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A hasher with OWASP's recommended parameters (m=19456 KiB, t=2, p=1). */
    public static Argon2idPasswordHasher recommended(SecureRandom random) {
        return new Argon2idPasswordHasher(RECOMMENDED_MEMORY_KIB, RECOMMENDED_ITERATIONS, RECOMMENDED_PARALLELISM, random);
    }

    @Override
    public String hash(Password password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2id(password, cost, salt, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
    }

    @Override
    public boolean matches(Password password, String encodedHash) {
        Objects.requireNonNull(password, "password");
        Optional<StoredHash> stored = StoredHash.parse(encodedHash);
        if (stored.isEmpty()) {
            return false;
        }
        StoredHash parsed = stored.get();
        byte[] computed = argon2id(password, parsed.cost(), parsed.salt(), parsed.hash().length);
        return MessageDigest.isEqual(computed, parsed.hash());
    }

    /** Also true for a hash this hasher cannot read, since it has to be replaced anyway. */
    @Override
    public boolean needsRehash(String encodedHash) {
        Optional<StoredHash> stored = StoredHash.parse(encodedHash);
        if (stored.isEmpty()) {
            return true;
        }
        StoredHash parsed = stored.get();
        return parsed.cost().isWeakerThan(cost) || parsed.salt().length < SALT_BYTES || parsed.hash().length < HASH_BYTES;
    }

    @Override
    public String toString() {
        return "Argon2idPasswordHasher[m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism() + "]";
    }

    private static byte[] argon2id(Password password, Cost cost, byte[] salt, int hashLength) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] passwordBytes = password.value().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[hashLength];
        try {
            generator.generateBytes(passwordBytes, out);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
        return out;
    }

    /** Argon2 cost parameters; valid by construction. */
    private record Cost(int memoryKib, int iterations, int parallelism) {

        Cost {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException("'parallelism' must be 1 to " + MAX_PARALLELISM + " but was " + parallelism);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("'iterations' must be at least 1 but was " + iterations);
            }
            if (memoryKib < 8 * parallelism) {
                throw new IllegalArgumentException(
                        "'memoryKib' must be at least 8 per lane (" + 8 * parallelism + ") but was " + memoryKib);
            }
        }

        boolean isWeakerThan(Cost wanted) {
            return memoryKib < wanted.memoryKib || iterations < wanted.iterations || parallelism < wanted.parallelism;
        }
    }

    /** A PHC string taken apart; only ever built from a string that passed every check. */
    private record StoredHash(Cost cost, byte[] salt, byte[] hash) {

        static Optional<StoredHash> parse(String encoded) {
            if (encoded == null) {
                return Optional.empty();
            }
            Matcher matcher = PHC.matcher(encoded);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            try {
                long memoryKib = Long.parseLong(matcher.group(1));
                long iterations = Long.parseLong(matcher.group(2));
                long parallelism = Long.parseLong(matcher.group(3));
                if (memoryKib > MAX_MEMORY_KIB || iterations > MAX_ITERATIONS || parallelism > MAX_PARALLELISM) {
                    return Optional.empty();
                }
                Cost cost = new Cost((int) memoryKib, (int) iterations, (int) parallelism);
                byte[] salt = BASE64_DECODER.decode(matcher.group(4));
                byte[] hash = BASE64_DECODER.decode(matcher.group(5));
                // The decoder ignores stray low bits in the last character; only the canonical
                // spelling of a hash is the hash.
                if (!BASE64.encodeToString(salt).equals(matcher.group(4)) || !BASE64.encodeToString(hash).equals(matcher.group(5))) {
                    return Optional.empty();
                }
                if (salt.length < MIN_SALT_BYTES || hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
                    return Optional.empty();
                }
                return Optional.of(new StoredHash(cost, salt, hash));
            } catch (IllegalArgumentException unreadable) {
                return Optional.empty();
            }
        }
    }
}
