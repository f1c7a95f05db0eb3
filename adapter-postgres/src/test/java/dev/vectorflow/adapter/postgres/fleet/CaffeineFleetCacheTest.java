package dev.vectorflow.adapter.postgres.fleet;

import dev.vectorflow.ports.contract.FleetCacheContract;
import dev.vectorflow.ports.out.fleet.FleetCache;
import java.time.Duration;

class CaffeineFleetCacheTest extends FleetCacheContract {

    @Override
    protected FleetCache cache() {
        return new CaffeineFleetCache(1_000, Duration.ofMinutes(10));
    }
}
