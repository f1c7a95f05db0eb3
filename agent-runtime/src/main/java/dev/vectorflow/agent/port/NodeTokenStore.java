package dev.vectorflow.agent.port;

import java.util.Optional;

/** Driven port of the agent: where the node token lives between runs (a 0600 file in a 0700 directory). */
public interface NodeTokenStore {

    Optional<String> load() throws TokenStoreFailure;

    void save(String nodeToken) throws TokenStoreFailure;

    /** The server refused the token (401): keep it aside so the next start enrolls again with {@code VF_TOKEN}. */
    void reject() throws TokenStoreFailure;

    /** The token file could not be read or written. */
    final class TokenStoreFailure extends Exception {
        public TokenStoreFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
