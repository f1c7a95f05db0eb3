package dev.vectorflow.ports.in.identity;

import dev.vectorflow.core.identity.TeamId;
import dev.vectorflow.core.identity.UserId;
import java.util.Set;

/** Queries: a user's second factor, and which teams require one. */
public interface TwoFactorQueries {

    /** Whether it is on, waiting for its first code, how many recovery codes are left, and whether the user must have one. */
    record TwoFactorStatus(boolean enabled, boolean pending, int recoveryCodesLeft, boolean required) {
    }

    TwoFactorStatus twoFactorStatus(UserId user);

    Set<TeamId> teamsRequiringTwoFactor();
}
