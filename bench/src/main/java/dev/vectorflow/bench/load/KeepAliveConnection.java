package dev.vectorflow.bench.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One persistent HTTP/1.1 connection that sends a request and reads the answer (Content-Length or chunked). Far cheaper
 * than a general HTTP client, so that the generator leaves the CPU to the server it measures: a request goes out in one
 * write (head and body together, as one TCP segment on loopback, so the server reads it whole), and the answer is read
 * from the connection's own buffer without a string per header line. Not thread-safe: one thread per connection.
 */
final class KeepAliveConnection implements AutoCloseable {

    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONNECTION = "connection:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RETRY_AFTER = "retry-after:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNKED = "chunked".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "close".getBytes(StandardCharsets.US_ASCII);

    private final URI base;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    /** The request being written: head, then body. */
    private final Ascii request = new Ascii(4096);
    /** What was read from the socket and not used yet: {@code buffer[position, limit)}. */
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    /** While non-null, the answer's body is kept here instead of dropped. */
    private ByteArrayOutputStream kept;
    /** The last answer's {@code Retry-After} in seconds (delay-seconds form), -1 when it had none. */
    private long retryAfterSeconds = -1;

    KeepAliveConnection(URI base) {
        this.base = base;
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort() < 0 ? 80 : base.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        position = 0;
        limit = 0;
    }

    /** Sends a GET and returns the status code. */
    int get(String path) throws IOException {
        request.reset().append("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(base.getHost()).append("\r\n\r\n");
        return send();
    }

    /** Sends the request and returns the status code (the body is read and dropped). */
    int post(String path, String bearer, Ascii body) throws IOException {
        request.reset().append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(base.getHost()).append("\r\nAuthorization: Bearer ")
                .append(bearer).append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length()).append("\r\n\r\n")
                .append(body);
        return send();
    }

    /** As {@link #post}, keeping the answer's body: the status code, and the body in {@code into} (emptied first). */
    int post(String path, String bearer, Ascii body, ByteArrayOutputStream into) throws IOException {
        into.reset();
        kept = into;
        try {
            return post(path, bearer, body);
        } finally {
            kept = null;
        }
    }

    private int send() throws IOException {
        if (socket == null) {
            open();
        }
        try {
            out.write(request.bytes(), 0, request.length());
            out.flush();
            return readResponse();
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? io : new IOException("not an HTTP answer", e);
        }
    }

    private int readResponse() throws IOException {
        int line = line();
        if (position - line < 13 || !startsWith(buffer, line, "HTTP/1.1 ")) {
            throw new IOException("not an HTTP answer: " + new String(buffer, line, Math.max(0, position - line), StandardCharsets.ISO_8859_1));
        }
        int code = (buffer[line + 9] - '0') * 100 + (buffer[line + 10] - '0') * 10 + (buffer[line + 11] - '0');
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        retryAfterSeconds = -1;
        for (int header = line(); position - header > 2; header = line()) {
            int end = position - 2; // before \r\n
            if (startsWithIgnoreCase(header, end, CONTENT_LENGTH)) {
                length = number(header + CONTENT_LENGTH.length, end, 10);
            } else if (startsWithIgnoreCase(header, end, TRANSFER_ENCODING)) {
                chunked = containsIgnoreCase(header, end, CHUNKED);
            } else if (startsWithIgnoreCase(header, end, CONNECTION)) {
                closeAfter = containsIgnoreCase(header, end, CLOSE);
            } else if (startsWithIgnoreCase(header, end, RETRY_AFTER)) {
                retryAfterSeconds = number(header + RETRY_AFTER.length, end, 10);
            }
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
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

    /** The {@code Retry-After} of the last answer, in seconds; -1 when it had none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private long chunkSize() throws IOException {
        int start = line();
        int end = position - 2;
        for (int i = start; i < end; i++) {
            if (buffer[i] == ';') {
                end = i;
            }
        }
        return number(start, end, 16);
    }

    private long number(int from, int to, int radix) throws IOException {
        long value = 0;
        boolean digits = false;
        for (int i = from; i < to; i++) {
            int d = Character.digit(buffer[i], radix);
            if (d >= 0) {
                value = value * radix + d;
                digits = true;
            } else if (buffer[i] != ' ' && buffer[i] != '\t') {
                throw new IOException("not a number in an HTTP answer");
            }
        }
        if (!digits) {
            throw new IOException("no number in an HTTP answer");
        }
        return value;
    }

    /**
     * Reads up to and including the next line break; returns where the line starts in {@link #buffer} (it ends at
     * {@link #position}, after its {@code \r\n}). The buffered bytes are moved to the front first when the line may not fit.
     */
    private int line() throws IOException {
        int start = position;
        int scanned = position;
        while (true) {
            for (; scanned < limit; scanned++) {
                if (buffer[scanned] == '\n') {
                    position = scanned + 1;
                    return start;
                }
            }
            if (limit == buffer.length) {
                if (start == 0) {
                    throw new IOException("an HTTP answer's line is longer than " + buffer.length + " bytes");
                }
                System.arraycopy(buffer, start, buffer, 0, limit - start);
                limit -= start;
                scanned -= start;
                start = 0;
                position = 0;
            }
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                throw new IOException("connection closed in an HTTP answer");
            }
            limit += read;
        }
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            if (position == limit) {
                position = 0;
                limit = in.read(buffer, 0, buffer.length);
                if (limit < 0) {
                    limit = 0;
                    throw new IOException("connection closed in a body");
                }
            }
            int take = (int) Math.min(left, limit - position);
            if (kept != null) {
                kept.write(buffer, position, take);
            }
            position += take;
            left -= take;
        }
    }

    private static boolean startsWith(byte[] bytes, int from, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithIgnoreCase(int from, int to, byte[] lowerPrefix) {
        if (to - from < lowerPrefix.length) {
            return false;
        }
        for (int i = 0; i < lowerPrefix.length; i++) {
            if (lower(buffer[from + i]) != lowerPrefix[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean containsIgnoreCase(int from, int to, byte[] lowerWord) {
        outer:
        for (int at = from; at + lowerWord.length <= to; at++) {
            for (int i = 0; i < lowerWord.length; i++) {
                if (lower(buffer[at + i]) != lowerWord[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
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

    /** A growable ASCII text written as bytes: a request or a heartbeat's body, built without a string in between. */
    static final class Ascii {
        private byte[] bytes;
        private int length;

        Ascii(int capacity) {
            bytes = new byte[capacity];
        }

        Ascii reset() {
            length = 0;
            return this;
        }

        int length() {
            return length;
        }

        byte[] bytes() {
            return bytes;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        /** Appends ASCII text (characters above 127 are not expected here and are written as '?'). */
        Ascii append(String text) {
            int n = text.length();
            room(n);
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                bytes[length++] = c < 128 ? (byte) c : (byte) '?';
            }
            return this;
        }

        Ascii append(char c) {
            room(1);
            bytes[length++] = c < 128 ? (byte) c : (byte) '?';
            return this;
        }

        Ascii append(long value) {
            if (value < 0) {
                append('-');
                if (value == Long.MIN_VALUE) {
                    return append("9223372036854775808");
                }
                value = -value;
            }
            int digits = 1;
            for (long v = value; v >= 10; v /= 10) {
                digits++;
            }
            room(digits);
            for (int i = length + digits - 1; i >= length; i--) {
                bytes[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
            return this;
        }

        Ascii append(Ascii other) {
            room(other.length);
            System.arraycopy(other.bytes, 0, bytes, length, other.length);
            length += other.length;
            return this;
        }

        @Override
        public String toString() {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
