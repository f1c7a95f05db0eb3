package dev.vectorflow.ports.service.release;

import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.fleet.AgentRelease;
import dev.vectorflow.core.fleet.OneShotAction;
import dev.vectorflow.ports.out.fleet.AgentReleaseRepository;

/** What the release use cases share: finding a registered release, and the update action that installs it. */
final class AgentReleases {

    private AgentReleases() {
    }

    static AgentRelease existing(AgentReleaseRepository releases, String version) throws NotFoundFailure {
        return releases.find(version).orElseThrow(() -> new NotFoundFailure("Agent release", version));
    }

    static OneShotAction.Update updateTo(String actionId, AgentRelease release) {
        return new OneShotAction.Update(actionId, release.version(), release.downloadUrl(), release.checksum(), release.signature());
    }
}
