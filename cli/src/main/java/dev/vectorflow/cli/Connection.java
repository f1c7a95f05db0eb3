package dev.vectorflow.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where the server is and the API token to use: {@code --server} or {@code VF_CTL_URL}, the token from {@code VF_CTL_TOKEN},
 * either from the config file ({@code VF_CTL_CONFIG}, else {@code ~/.config/vectorflow/ctl.properties}, keys {@code url}
 * and {@code token}) which must not be readable by group or others. A token is never taken from the command line.
 */
public record Connection(URI server, String token) {

    private static final long MAX_CONFIG_BYTES = 64 * 1024;

    public Connection {
        if (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            throw new CtlFailure(ExitCodes.NOT_ALLOWED, "the API token must be one word without spaces or control characters");
        }
    }

    @Override
    public String toString() {
        return "Connection[" + server + "]";
    }

    /**
     * The settings from the option, the environment and the config file, in that order; the file is read only when the
     * option and the environment leave something open.
     */
    public static Connection resolve(Optional<String> serverOption, Map<String, String> env, Path home) {
        Optional<Path> explicit = Optional.ofNullable(env.get("VF_CTL_CONFIG")).filter(s -> !s.isBlank()).map(Path::of);
        Path file = explicit.orElse(home.resolve(".config/vectorflow/ctl.properties"));
        Optional<String> url = serverOption.or(() -> Optional.ofNullable(env.get("VF_CTL_URL")))
                .map(String::strip).filter(s -> !s.isEmpty());
        Optional<String> token = Optional.ofNullable(env.get("VF_CTL_TOKEN")).map(String::strip).filter(s -> !s.isEmpty());
        if ((url.isEmpty() || token.isEmpty()) && (explicit.isPresent() || Files.exists(file))) {
            Properties config = read(file);
            url = url.or(() -> Optional.ofNullable(config.getProperty("url")).map(String::strip).filter(s -> !s.isEmpty()));
            token = token.or(() -> Optional.ofNullable(config.getProperty("token")).map(String::strip).filter(s -> !s.isEmpty()));
        }
        if (url.isEmpty()) {
            throw new CtlFailure(ExitCodes.USAGE, "no server: give --server URL, set VF_CTL_URL, or put url=... into " + file);
        }
        if (token.isEmpty()) {
            throw new CtlFailure(ExitCodes.NOT_ALLOWED, "no API token: set VF_CTL_TOKEN or put token=... into " + file
                    + " (mode 600); make one in the web UI (Account > API tokens) or with POST /api/me/tokens");
        }
        return new Connection(serverUri(url.get()), token.get());
    }

    static URI serverUri(String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new CtlFailure(ExitCodes.USAGE, "the server address '" + url + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new CtlFailure(ExitCodes.USAGE, "the server address must be http(s)://host[:port][/path] but was '" + url + "'");
        }
        return uri;
    }

    /** Reads the config file, refusing one that group or others may read or change (it holds a token). */
    static Properties read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CtlFailure(ExitCodes.ERROR, "the config file " + file + " does not exist or is not a file");
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> open = Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                    PosixFilePermission.OTHERS_EXECUTE);
            if (mode.stream().anyMatch(open::contains)) {
                throw new CtlFailure(ExitCodes.NOT_ALLOWED, "the config file " + file + " holds a token but group or others may access it (mode "
                        + java.nio.file.attribute.PosixFilePermissions.toString(mode) + "): run chmod 600 " + file);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its ACLs are the user's business
        } catch (IOException e) {
            throw new CtlFailure(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
        }
        try {
            if (!Files.isReadable(file) || Files.size(file) > MAX_CONFIG_BYTES) {
                throw new CtlFailure(ExitCodes.ERROR, "cannot read the config file " + file + " (unreadable, or over 64 KiB)");
            }
        } catch (IOException e) {
            throw new CtlFailure(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new CtlFailure(ExitCodes.ERROR, "cannot read the config file " + file + ": " + e.getMessage());
        }
        return properties;
    }
}
