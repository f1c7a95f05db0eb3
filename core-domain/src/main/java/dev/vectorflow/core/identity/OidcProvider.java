package dev.vectorflow.core.identity;

import dev.vectorflow.core.network.Cidr;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.core.validation.InvalidValuesException;
import dev.vectorflow.core.validation.PlainText;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An OpenID Connect provider people can sign in with: its issuer (whose discovery document is read at
 * {@code <issuer>/.well-known/openid-configuration}), the client registered there (its secret only as an envelope sealed
 * by the key ring), which claims carry the e-mail address and the groups, whether unverified e-mail addresses are
 * accepted and existing local accounts linked, and the group mapping with its default. The issuer must be https except
 * on a loopback address.
 */
public record OidcProvider(OidcProviderId id, String name, URI issuer, String clientId, Optional<String> clientSecretEnvelope,
                           List<String> scopes, String emailClaim, String groupsClaim, boolean allowUnverifiedEmail,
                           boolean linkExistingUsers, List<GroupRule> rules, Optional<TeamName> defaultTeam, Optional<Role> defaultRole,
                           boolean enabled, Instant createdAt, Instant updatedAt) {

    public static final int MAX_RULES = 200;
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:/.\\-]{1,100}");

    public OidcProvider {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientSecretEnvelope, "clientSecretEnvelope");
        Objects.requireNonNull(defaultTeam, "defaultTeam");
        Objects.requireNonNull(defaultRole, "defaultRole");
        scopes = List.copyOf(scopes);
        rules = List.copyOf(rules);
        List<InvalidValueException> problems = new ArrayList<>();
        check(problems, () -> PlainText.requireSingleLine("name", name, 60));
        check(problems, () -> requireDiscoverable(issuer));
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            problems.add(new InvalidValueException("clientId", "must be 1-255 printable characters without spaces"));
        }
        if (!scopes.contains("openid")) {
            problems.add(new InvalidValueException("scopes", "must include openid"));
        } else if (scopes.size() > 20 || scopes.stream().anyMatch(s -> !SCOPE.matcher(s).matches())) {
            problems.add(new InvalidValueException("scopes", "must be up to 20 scope names without spaces or quotes"));
        }
        if (emailClaim == null || !CLAIM.matcher(emailClaim).matches()) {
            problems.add(new InvalidValueException("emailClaim", "must be a claim name (letters, digits, _ : / . -; a dot reaches into an object)"));
        }
        if (groupsClaim == null || !CLAIM.matcher(groupsClaim).matches()) {
            problems.add(new InvalidValueException("groupsClaim", "must be a claim name (letters, digits, _ : / . -; a dot reaches into an object)"));
        }
        if (rules.size() > MAX_RULES) {
            problems.add(new InvalidValueException("rules", "may be at most " + MAX_RULES + " but are " + rules.size()));
        }
        if (defaultTeam.isPresent() != defaultRole.isPresent()) {
            problems.add(new InvalidValueException("defaultRole", "a default team needs a default role, and a default role a team"));
        }
        if (problems.size() == 1) {
            throw problems.getFirst();
        }
        if (!problems.isEmpty()) {
            throw new InvalidValuesException(problems);
        }
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
        updatedAt = Objects.requireNonNull(updatedAt, "updatedAt").truncatedTo(ChronoUnit.MICROS);
    }

    private static void check(List<InvalidValueException> problems, Runnable check) {
        try {
            check.run();
        } catch (InvalidValueException e) {
            problems.add(e);
        }
    }

    /** The sealing context of the client secret: bound to this provider. */
    public static String secretContext(OidcProviderId id) {
        return "oidc-client-secret:" + id;
    }

    /**
     * Checks an address the server will fetch provider documents from: absolute, https (plain http only to a loopback
     * address), no query or fragment.
     *
     * @throws InvalidValueException on {@code issuer} naming what is wrong
     */
    public static URI requireDiscoverable(URI issuer) {
        if (issuer == null) {
            throw new InvalidValueException("issuer", "must not be empty");
        }
        String text = issuer.toString();
        if (text.length() > 500 || issuer.getHost() == null || issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
            throw new InvalidValueException("issuer", "must be an https URL like https://login.example.com/realms/ops but was '" + text + "'");
        }
        boolean https = "https".equalsIgnoreCase(issuer.getScheme());
        boolean http = "http".equalsIgnoreCase(issuer.getScheme());
        if (!https && !(http && loopback(issuer.getHost()))) {
            throw new InvalidValueException("issuer", "must use https (plain http only on a loopback address such as 127.0.0.1) but was '"
                    + text + "'");
        }
        return issuer;
    }

    /** Parses an issuer text with {@link #requireDiscoverable}; a trailing slash is kept as given (issuers compare exactly). */
    public static URI parseIssuer(String text) {
        try {
            return requireDiscoverable(new URI(text == null ? "" : text.strip()));
        } catch (URISyntaxException e) {
            throw new InvalidValueException("issuer", "must be an https URL like https://login.example.com/realms/ops but was '" + text + "'");
        }
    }

    /** True for {@code localhost} and literal loopback addresses (127.0.0.0/8, ::1); never resolves a name. */
    public static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        return Cidr.literalAddress(h).map(OidcProvider::loopbackBytes).orElse(false);
    }

    private static boolean loopbackBytes(byte[] address) {
        if (address.length == 4) {
            return address[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[15] == 1;
    }

    @Override
    public String toString() {
        return "OidcProvider[" + id + ", " + name + ", " + issuer + ", client=" + clientId + ", secret=" + (clientSecretEnvelope.isPresent() ? "****" : "")
                + "]";
    }
}
