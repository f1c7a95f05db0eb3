package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.Password;
import dev.vectorflow.ports.out.security.PasswordHasher;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stand-in of {@link PasswordHasher} without the cost: a "hash" is the password behind a marker and a salt (a counter), so
 * that two hashes of one password differ; {@code plain:<password>} without a salt still matches, {@code weak:} ones need a
 * rehash, and so does anything unreadable.
 */
public final class PlainPasswordHasher implements PasswordHasher {

    private final AtomicLong salt = new AtomicLong();

    @Override
    public String hash(Password password) {
        return "plain:" + salt.incrementAndGet() + "$" + password.value();
    }

    private static boolean current(String encodedHash) {
        return encodedHash != null && encodedHash.matches("plain:([0-9]+\\$)?(?s).+");
    }

    @Override
    public boolean matches(Password password, String encodedHash) {
        if (encodedHash == null) {
            return false;
        }
        return encodedHash.equals("weak:" + password.value()) || current(encodedHash)
                && encodedHash.replaceFirst("^plain:([0-9]+\\$)?", "").equals(password.value());
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return !current(encodedHash);
    }
}
