package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.Password;
import dev.vectorflow.ports.out.security.PasswordHasher;

/** Stand-in of {@link PasswordHasher} without the cost: a "hash" is the password behind a marker ({@code weak:} ones need a rehash). */
public final class PlainPasswordHasher implements PasswordHasher {

    @Override
    public String hash(Password password) {
        return "plain:" + password.value();
    }

    @Override
    public boolean matches(Password password, String encodedHash) {
        return encodedHash.equals("plain:" + password.value()) || encodedHash.equals("weak:" + password.value());
    }

    @Override
    public boolean needsRehash(String encodedHash) {
        return encodedHash.startsWith("weak:");
    }
}
