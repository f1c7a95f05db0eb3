package dev.vectorflow.ports.fake;

import dev.vectorflow.ports.contract.FleetCacheContract;
import dev.vectorflow.ports.out.fleet.FleetCache;

class InMemoryFleetCacheTest extends FleetCacheContract {

    @Override
    protected FleetCache cache() {
        return new InMemoryFleetCache();
    }
}
