package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.IdGeneratorContract;
import dev.vectorflow.ports.out.system.IdGenerator;

class SequentialIdGeneratorTest extends IdGeneratorContract {

    @Override
    protected IdGenerator generator() {
        return new SequentialIdGenerator();
    }
}
