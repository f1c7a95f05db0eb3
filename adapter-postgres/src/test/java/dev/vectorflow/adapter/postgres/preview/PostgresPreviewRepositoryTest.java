package dev.vectorflow.adapter.postgres.preview;

import dev.vectorflow.adapter.postgres.PostgresFleetContractStore;
import dev.vectorflow.ports.contract.FleetContractStore;
import dev.vectorflow.ports.contract.PreviewRepositoryContract;
import dev.vectorflow.ports.out.preview.PreviewRepository;

class PostgresPreviewRepositoryTest extends PreviewRepositoryContract {

    @Override
    protected FleetContractStore store() {
        return PostgresFleetContractStore.shared();
    }

    @Override
    protected PreviewRepository previews() {
        return PostgresFleetContractStore.shared().store().previews();
    }
}
