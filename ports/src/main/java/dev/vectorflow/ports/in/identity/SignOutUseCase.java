package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.access.Actor;
import dev.vectorflow.core.identity.UserId;

/** Use case: end one session, or every session of a user. */
public interface SignOutUseCase {

    void signOut(Actor actor, String sessionToken);

    void signOutEverywhere(Actor actor, UserId user);
}
