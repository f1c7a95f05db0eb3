package dev.vectorflow.ports.in.identity;

import dev.vectorflow.ports.in.identity.SignInUseCase.SignInResult;

/**
 * Use case: the second step of a sign-in with a second factor: a TOTP code (each counts once) or one of the recovery
 * codes (each works once). Five wrong codes end the step; wrong codes count towards the account's lock like wrong
 * passwords. Every attempt is audited.
 */
public interface VerifySecondFactorUseCase {

    /** {@link SignInUseCase.SignedIn}, {@link SignInUseCase.Rejected} (wrong or used code, unknown or expired step) or {@link SignInUseCase.LockedOut}. */
    SignInResult verifySecondFactor(VerifySecondFactorCommand command);

    /** The step's token, the code as typed, and where the request came from. */
    record VerifySecondFactorCommand(String challengeToken, String code, String sourceAddress, String userAgent) {
        @Override
        public String toString() {
            return "VerifySecondFactorCommand[from=" + sourceAddress + "]";
        }
    }
}
