package dev.vectorflow.agent.pipeline;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.BitSet;

/**
 * Loopback ports for the pipelines' API and metrics addresses, from a fixed range and reused after an undeploy.
 * A port is handed out only when nothing listens on it now.
 */
final class PortPool {

    private final int first;
    private final int size;
    private final BitSet taken = new BitSet();

    PortPool(int first, int size) {
        if (first < 1024 || size < 2 || first + size > 65536) {
            throw new IllegalArgumentException("port range must lie within 1024..65535 but was " + first + "+" + size);
        }
        this.first = first;
        this.size = size;
    }

    synchronized int take() {
        for (int i = taken.nextClearBit(0); i < size; i = taken.nextClearBit(i + 1)) {
            if (free(first + i)) {
                taken.set(i);
                return first + i;
            }
        }
        throw new IllegalStateException("no free loopback port left in " + first + ".." + (first + size - 1));
    }

    /** Marks a port as used (by a process adopted after a restart). */
    synchronized void claim(int port) {
        if (port >= first && port < first + size) {
            taken.set(port - first);
        }
    }

    synchronized void release(int port) {
        if (port >= first && port < first + size) {
            taken.clear(port - first);
        }
    }

    /** Whether nothing listens on {@code port} now (whoever holds it in this pool). */
    static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
