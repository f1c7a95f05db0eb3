package dev.vectorflow.ports.out.system;

/** Driven port: unguessable random strings for session ids, API tokens and setup links. */
public interface RandomTokens {

    /** {@code bytes} random bytes from a cryptographically strong source, as lower-case hex. */
    String hex(int bytes);
}
