package dev.vectorflow.adapter.postgres.backup;

import dev.vectorflow.core.backup.BackupManifest;
import dev.vectorflow.core.failure.BackupRefusedFailure;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * The layout of a backup file. A text head anyone can read with {@code head -2}: the line
 * {@code VECTORFLOW-BACKUP 1} and the manifest as one line of JSON. Then the tables, gzip-compressed, in the manifest's
 * order, each as PostgreSQL's COPY text rows ending in a line {@code \.}. Last, the line {@code SHA-256 <hex>}: the
 * checksum of every byte before it, so a flipped byte or a cut-off file is found before anything is read.
 */
final class BackupFile {

    static final String HEADER = "VECTORFLOW-BACKUP 1";
    static final byte[] END_OF_TABLE = {'\\', '.'};
    private static final String TRAILER_PREFIX = "\nSHA-256 ";
    static final int TRAILER_BYTES = TRAILER_PREFIX.length() + 64 + 1;
    private static final int MAX_MANIFEST_BYTES = 16 << 20;

    private BackupFile() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Writes {@code target}: the head, then the already compressed table data, then the trailer. */
    static void assemble(Path target, BackupManifest manifest, Path compressedTables) throws IOException {
        MessageDigest digest = sha256();
        try (OutputStream file = Files.newOutputStream(target);
             DigestOutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(file, 1 << 16), digest)) {
            out.write((HEADER + "\n" + ManifestJson.write(manifest) + "\n").getBytes(StandardCharsets.UTF_8));
            Files.copy(compressedTables, out);
            out.on(false);
            out.write((TRAILER_PREFIX + HexFormat.of().formatHex(digest.digest()) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /**
     * Checks the trailer against every byte before it; returns the SHA-256 of the whole file (as {@code sha256sum} prints it).
     *
     * @throws BackupRefusedFailure when the file is too short, has no trailer, or its bytes changed
     */
    static String verifyChecksum(Path file) throws BackupRefusedFailure, IOException {
        long size = Files.size(file);
        if (size < HEADER.length() + TRAILER_BYTES) {
            throw new BackupRefusedFailure(file.getFileName() + " is not a VectorFlow backup, or was cut short: it has only " + size + " bytes.");
        }
        byte[] trailer = new byte[TRAILER_BYTES];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(size - TRAILER_BYTES);
            raf.readFully(trailer);
        }
        String text = new String(trailer, StandardCharsets.US_ASCII);
        if (!text.startsWith(TRAILER_PREFIX) || !text.endsWith("\n") || !text.substring(TRAILER_PREFIX.length(), TRAILER_BYTES - 1).matches("[0-9a-f]{64}")) {
            throw new BackupRefusedFailure(file.getFileName() + " is damaged or incomplete: it does not end with its SHA-256 checksum"
                    + " (was it cut short, or is it not a VectorFlow backup?). Nothing was changed.");
        }
        MessageDigest digest = sha256();
        MessageDigest whole = sha256();
        try (InputStream in = new Bounded(Files.newInputStream(file), size - TRAILER_BYTES)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                whole.update(buffer, 0, n);
            }
        }
        whole.update(trailer);
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(text.substring(TRAILER_PREFIX.length(), TRAILER_BYTES - 1))) {
            throw new BackupRefusedFailure(file.getFileName() + " is damaged: its content does not match its SHA-256 checksum (bytes were"
                    + " changed or lost since it was written). Nothing was changed.");
        }
        return HexFormat.of().formatHex(whole.digest());
    }

    /** A backup file opened for reading: its manifest, then its tables' rows. */
    static final class Reader implements AutoCloseable {
        final BackupManifest manifest;
        private final InputStream tables;
        private final Lines lines;

        private Reader(BackupManifest manifest, InputStream tables) {
            this.manifest = manifest;
            this.tables = tables;
            this.lines = new Lines(tables);
        }

        /** The next row of the current table, without its newline; null at the table's end. */
        byte[] nextRow() throws IOException {
            byte[] line = lines.next();
            if (line == null) {
                throw new java.io.EOFException("the table data ends early");
            }
            return java.util.Arrays.equals(line, END_OF_TABLE) ? null : line;
        }

        /** True when nothing follows the last table. */
        boolean atEnd() throws IOException {
            return lines.next() == null;
        }

        @Override
        public void close() throws IOException {
            tables.close();
        }
    }

    /**
     * Opens a file (whose checksum the caller verified) for its manifest and tables.
     *
     * @throws BackupRefusedFailure when its head is not a backup's
     */
    static Reader open(Path file) throws BackupRefusedFailure, IOException {
        long size = Files.size(file);
        BufferedInputStream in = new BufferedInputStream(new Bounded(Files.newInputStream(file), size - TRAILER_BYTES), 1 << 16);
        try {
            BackupManifest manifest = readHead(in, file.getFileName().toString());
            return new Reader(manifest, new GZIPInputStream(in, 1 << 16));
        } catch (BackupRefusedFailure | IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads the head (format line and manifest) of a backup from {@code in}. */
    static BackupManifest readHead(InputStream in, String what) throws BackupRefusedFailure, IOException {
        String first = line(in, 64);
        if (!HEADER.equals(first)) {
            throw new BackupRefusedFailure(what + " is not a VectorFlow backup (it does not start with '" + HEADER + "').");
        }
        String manifest = line(in, MAX_MANIFEST_BYTES);
        if (manifest == null) {
            throw new BackupRefusedFailure(what + " is damaged: its manifest is incomplete.");
        }
        try {
            return ManifestJson.read(manifest);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new BackupRefusedFailure(what + " has an unreadable manifest: " + e.getMessage() + ".");
        }
    }

    private static String line(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0 || line.size() >= max) {
                return null;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Lines of a byte stream (without the newline); COPY text escapes newlines inside values, so a row is one line. */
    static final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;

        Lines(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            ByteArrayOutputStream line = null;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer, 0, buffer.length);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (line != null && line.size() > 0) {
                            throw new java.io.EOFException("the last row has no line end");
                        }
                        return null;
                    }
                }
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                if (position < limit) {
                    byte[] result;
                    if (line == null) {
                        result = java.util.Arrays.copyOfRange(buffer, start, position);
                    } else {
                        line.write(buffer, start, position - start);
                        result = line.toByteArray();
                    }
                    position++;
                    return result;
                }
                if (line == null) {
                    line = new ByteArrayOutputStream();
                }
                line.write(buffer, start, position - start);
            }
        }
    }

    /** The first {@code remaining} bytes of a stream. */
    static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
