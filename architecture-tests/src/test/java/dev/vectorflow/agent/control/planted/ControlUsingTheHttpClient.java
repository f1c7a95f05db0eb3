package dev.vectorflow.agent.control.planted;

import dev.vectorflow.agent.controlplane.HttpControlPlane;
import java.net.URI;
import java.time.Duration;

/** Planted violation: the agent's conversation with the server naming its HTTP adapter instead of the ControlPlane port. */
public class ControlUsingTheHttpClient {
    public Object server() {
        return new HttpControlPlane(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1));
    }
}
