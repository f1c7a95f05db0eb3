package dev.vectorflow.adapter.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;

/**
 * The sockets Angus Mail opens for one e-mail delivery: whatever address Angus asks for, they connect to the address the
 * guard checked (so a second DNS answer cannot lead elsewhere), and {@link #closeAll} ends them when the delivery's
 * time is up. STARTTLS still verifies the certificate against the host name, which Angus keeps.
 */
final class PinnedSocketFactory extends SocketFactory {

    private final InetAddress checked;
    private final List<Socket> opened = new CopyOnWriteArrayList<>();

    PinnedSocketFactory(InetAddress checked) {
        this.checked = checked;
    }

    @Override
    public Socket createSocket() {
        Socket socket = new PinnedSocket(checked);
        opened.add(socket);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(checked, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address.getHostAddress(), port);
    }

    /** Closes every socket this factory made; a blocked read or write then fails at once. */
    void closeAll() {
        for (Socket socket : opened) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing to end a delivery whose time is up: nothing more to do
            }
        }
    }

    /** A socket that connects to the checked address and the port it is asked for, never to a name. */
    private static final class PinnedSocket extends Socket {
        private final InetAddress checked;

        PinnedSocket(InetAddress checked) {
            this.checked = checked;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            int port = endpoint instanceof InetSocketAddress inet ? inet.getPort() : 0;
            super.connect(new InetSocketAddress(checked, port), timeout);
        }
    }
}
