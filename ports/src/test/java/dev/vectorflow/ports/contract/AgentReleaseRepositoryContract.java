package dev.vectorflow.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;
import dev.vectorflow.ports.out.persistence.UniqueViolation;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link AgentReleaseRepository} must do; run against the in-memory fake and against PostgreSQL. */
public abstract class AgentReleaseRepositoryContract extends FleetStoreContract {

    private AgentReleaseRepository releases() {
        return store().agentReleases();
    }

    private static AgentRelease release(String version, Instant at) {
        return new AgentRelease(version, "https://example.com/vectorflow-agent-" + version + ".jar", "sha256:" + "0".repeat(64),
                Base64.getEncoder().encodeToString(new byte[64]), "notes of " + version, at, "root");
    }

    private static String version() {
        return "1." + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100_000);
    }

    @Test
    void aRegisteredRelease_isFoundByItsVersion_andListedNewestFirst() {
        AgentRelease older = release(version() + "-a", T0);
        AgentRelease newer = release(version() + "-b", T0.plusSeconds(3600));
        inTransaction(() -> {
            releases().insert(older);
            releases().insert(newer);
        });

        assertThat(inTransaction(() -> releases().find(older.version()))).contains(older);
        assertThat(inTransaction(() -> releases().find("0.0.0-none"))).isEmpty();
        assertThat(inTransaction(() -> releases().findAll())).containsSubsequence(newer, older);
    }

    @Test
    void aVersionRegisteredTwice_isRefused() {
        AgentRelease release = release(version() + "-c", T0);
        inTransaction(() -> releases().insert(release));

        assertThatThrownBy(() -> inTransaction(() -> releases().insert(release(release.version(), T0.plusSeconds(1)))))
                .isInstanceOf(UniqueViolation.class);
    }
}
