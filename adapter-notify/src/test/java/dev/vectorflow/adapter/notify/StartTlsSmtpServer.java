package dev.vectorflow.adapter.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A small real SMTP server on loopback that offers STARTTLS with a self-signed certificate for one host name (made by
 * the JDK's keytool) and takes messages only after the TLS handshake; the tests' trust in that certificate is
 * {@link #clientTls()}.
 */
final class StartTlsSmtpServer implements AutoCloseable {

    /** One message as it arrived: whether the conversation was encrypted by then, and the DATA text. */
    record Mail(boolean overTls, String data) {
    }

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final ServerSocket listener;
    private final SSLContext serverTls;
    private final SSLContext clientTls;
    private final List<Mail> mails = new CopyOnWriteArrayList<>();

    StartTlsSmtpServer(Path dir, String certificateHost) throws Exception {
        KeyStore keys = keyStore(dir, certificateHost);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serve);
    }

    private static KeyStore keyStore(Path dir, String host) throws Exception {
        Path file = dir.resolve("smtp-" + host + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host,
                "-ext", "san=dns:" + host, "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(30, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** A TLS client that trusts this server's certificate and nothing else. */
    javax.net.ssl.SSLSocketFactory clientTls() {
        return clientTls.getSocketFactory();
    }

    List<Mail> mails() {
        return List.copyOf(mails);
    }

    private void serve() {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                converse(socket);
            } catch (IOException endOfConversation) {
                // the client went away or the server is closing
            }
        }
    }

    private void converse(Socket plain) throws IOException {
        Socket socket = plain;
        boolean tls = false;
        var in = reader(socket);
        OutputStream out = socket.getOutputStream();
        reply(out, "220 starttls.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO")) {
                reply(out, tls ? "250 starttls.test" : "250-starttls.test\r\n250 STARTTLS");
            } else if (command.equals("STARTTLS") && !tls) {
                reply(out, "220 go ahead");
                SSLSocket secured = (SSLSocket) serverTls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
                secured.setUseClientMode(false);
                secured.startHandshake();
                socket = secured;
                tls = true;
                in = reader(socket);
                out = socket.getOutputStream();
            } else if (command.equals("DATA")) {
                reply(out, "354 end with .");
                StringBuilder data = new StringBuilder();
                String dataLine;
                while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                    data.append(dataLine).append('\n');
                }
                mails.add(new Mail(tls, data.toString()));
                reply(out, "250 queued");
            } else if (command.equals("QUIT")) {
                reply(out, "221 bye");
                return;
            } else if ((command.startsWith("MAIL") || command.startsWith("RCPT")) && !tls) {
                reply(out, "530 must issue STARTTLS first");
            } else {
                reply(out, "250 ok");
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
