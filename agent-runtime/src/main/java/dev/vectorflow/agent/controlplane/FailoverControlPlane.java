package dev.vectorflow.agent.controlplane;

import dev.vectorflow.agent.port.ControlPlane;
import dev.vectorflow.ports.protocol.ConfigRequest;
import dev.vectorflow.ports.protocol.DesiredState;
import dev.vectorflow.ports.protocol.EnrollRequest;
import dev.vectorflow.ports.protocol.EnrollResponse;
import dev.vectorflow.ports.protocol.HeartbeatRequest;
import dev.vectorflow.ports.protocol.HeartbeatResponse;
import dev.vectorflow.ports.protocol.PipelineConfig;
import dev.vectorflow.ports.protocol.PreviewJob;
import dev.vectorflow.ports.protocol.PreviewRequest;
import dev.vectorflow.ports.protocol.PreviewResult;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Several servers on one database ({@code VF_URL} with more than one address): every call goes to the current server;
 * a call it answers "unavailable" (no connection, a timeout, 408, 429 or 5xx) moves the agent on to the next address in
 * the list for the next call, round and round. The caller's jittered backoff spaces the attempts, so a dead server
 * costs one failed call and a short wait. A node token is valid on every server since they share the database; a 401,
 * 404 or other refusal is the same answer everywhere and stays with the current server.
 */
public final class FailoverControlPlane implements ControlPlane {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");

    private final List<URI> addresses;
    private final List<ControlPlane> servers;
    private final AtomicInteger current = new AtomicInteger();

    /** {@code servers.get(i)} speaks to {@code addresses.get(i)}; at least one. */
    public FailoverControlPlane(List<URI> addresses, List<? extends ControlPlane> servers) {
        if (addresses.isEmpty() || addresses.size() != servers.size()) {
            throw new IllegalArgumentException("one server per address, at least one: " + addresses.size() + " addresses, " + servers.size() + " servers");
        }
        this.addresses = List.copyOf(addresses);
        this.servers = List.copyOf(servers);
    }

    /** The address the next call goes to. */
    public URI current() {
        return addresses.get(current.get());
    }

    @Override
    public Reply<EnrollResponse> enroll(EnrollRequest request) {
        return call(server -> server.enroll(request));
    }

    @Override
    public Reply<HeartbeatResponse> heartbeat(String nodeToken, HeartbeatRequest request) {
        return call(server -> server.heartbeat(nodeToken, request));
    }

    @Override
    public Reply<PipelineConfig> config(String nodeToken, ConfigRequest request) {
        return call(server -> server.config(nodeToken, request));
    }

    @Override
    public Reply<DesiredState> desiredState(String nodeToken) {
        return call(server -> server.desiredState(nodeToken));
    }

    @Override
    public Reply<PreviewJob> previewJob(String nodeToken, PreviewRequest request) {
        return call(server -> server.previewJob(nodeToken, request));
    }

    @Override
    public Reply<Void> previewResult(String nodeToken, PreviewResult result) {
        return call(server -> server.previewResult(nodeToken, result));
    }

    private <T> Reply<T> call(Function<ControlPlane, Reply<T>> call) {
        int at = current.get();
        Reply<T> reply = call.apply(servers.get(at));
        if (reply instanceof Reply.Unavailable<T> && servers.size() > 1) {
            int next = (at + 1) % servers.size();
            if (current.compareAndSet(at, next)) {
                LOG.log(System.Logger.Level.WARNING, "server " + addresses.get(at) + " is unavailable; the next call goes to " + addresses.get(next));
            }
        }
        return reply;
    }
}
