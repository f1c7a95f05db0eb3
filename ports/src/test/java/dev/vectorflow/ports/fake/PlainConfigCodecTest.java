package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.VectorConfigCodecContract;
import dev.vectorflow.ports.out.vector.VectorConfigCodec;

class PlainConfigCodecTest extends VectorConfigCodecContract {

    @Override
    protected VectorConfigCodec codec() {
        return new PlainConfigCodec();
    }
}
