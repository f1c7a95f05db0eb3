package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.PreviewRepositoryContract;
import dev.vectorflow.ports.out.preview.PreviewRepository;

class InMemoryPreviewRepositoryTest extends PreviewRepositoryContract {

    private final InMemoryFleetStore store = new InMemoryFleetStore();
    private final InMemoryPreviewRepository previews = new InMemoryPreviewRepository();

    @Override
    protected FleetContractStore store() {
        return store;
    }

    @Override
    protected PreviewRepository previews() {
        return previews;
    }
}
