package dev.vectorflow.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One persistent HTTP/1.1 connection that sends a POST and reads the answer (Content-Length or chunked). Far cheaper
 * than a general HTTP client, so that the generator leaves the CPU to the server it measures.
 */
final class KeepAliveConnection implements AutoCloseable {

    private final URI base;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    /** While non-null, the answer's body is kept here instead of dropped. */
    private ByteArrayOutputStream kept;

    KeepAliveConnection(URI base) {
        this.base = base;
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort() < 0 ? 80 : base.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    /** Sends a GET and returns the status code. */
    int get(String path) throws IOException {
        return send("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n\r\n", new byte[0]);
    }

    /** Sends the request and returns the status code (the body is read and dropped). */
    int post(String path, String bearer, byte[] body) throws IOException {
        return send("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + bearer
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n", body);
    }

    /** As {@link #post}, keeping the answer's body: the status code, and the body in {@code into} (emptied first). */
    int post(String path, String bearer, byte[] body, ByteArrayOutputStream into) throws IOException {
        into.reset();
        kept = into;
        try {
            return post(path, bearer, body);
        } finally {
            kept = null;
        }
    }

    private int send(String head, byte[] body) throws IOException {
        if (socket == null) {
            open();
        }
        try {
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return readResponse();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private int readResponse() throws IOException {
        String status = line();
        if (status == null || !status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(header.substring(15).strip());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                closeAfter = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0; size = Long.parseLong(line().split(";")[0].strip(), 16)) {
                skip(size);
                line();
            }
            line();
        } else if (length > 0) {
            skip(length);
        }
        if (closeAfter) {
            close();
        }
        return code;
    }

    private void skip(long bytes) throws IOException {
        if (kept != null) {
            byte[] read = in.readNBytes(Math.toIntExact(bytes));
            if (read.length < bytes) {
                throw new IOException("connection closed in a body");
            }
            kept.write(read);
            return;
        }
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                int n = line.length();
                return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
