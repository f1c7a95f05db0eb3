package dev.vectorflow.ports.fake;

import dev.vectorflow.core.identity.Password;
import dev.vectorflow.ports.contract.PasswordHasherContract;
import dev.vectorflow.ports.out.security.PasswordHasher;

class PlainPasswordHasherTest extends PasswordHasherContract {

    private final PlainPasswordHasher hasher = new PlainPasswordHasher();

    @Override
    protected PasswordHasher hasher() {
        return hasher;
    }

    @Override
    protected String weakerHash(Password password) {
        return "weak:" + password.value();
    }
}
