package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.SecretCipherContract;
import dev.vectorflow.ports.out.security.SecretCipher;

class ToySecretCipherTest extends SecretCipherContract {

    @Override
    protected SecretCipher newCipher() {
        return new ToySecretCipher("master");
    }

    @Override
    protected SecretCipher newCipherUnderAnotherMasterKey() {
        return new ToySecretCipher("other-master");
    }
}
