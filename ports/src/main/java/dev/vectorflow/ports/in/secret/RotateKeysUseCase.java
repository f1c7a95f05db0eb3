package dev.vectorflow.ports.in.secret;

import dev.vectorflow.core.access.Actor;

/**
 * Use case: add a new data key to the key ring, make it the one that seals, and re-seal every
 * stored value with it, while the servers keep running (they load the new key when they meet it).
 */
public interface RotateKeysUseCase {

    Rotation rotateKeys(Actor actor);

    /** What a rotation did. */
    record Rotation(String newKeyId, int secretsResealed, int certificatesResealed, int keysInRing) {
    }
}
