package dev.vectorflow.core.access;

import java.util.Objects;

/**
 * Who does something and from where, as the audit log records it: the principal, the source
 * address and the user agent ({@code "cli"} for the command line).
 */
public record Actor(Principal principal, String sourceAddress, String userAgent) {

    public Actor {
        Objects.requireNonNull(principal, "principal");
        sourceAddress = sourceAddress == null ? "" : sourceAddress;
        userAgent = userAgent == null ? "" : truncate(userAgent, 512);
    }

    /** The operator on the command line of the server host. */
    public static Actor commandLine() {
        return new Actor(new Principal.Anonymous(), "local", "cli");
    }

    /** What the audit log names as the actor: {@code user:<email>}, {@code token:<name>}, {@code cli} or {@code anonymous}. */
    public String label() {
        return switch (principal) {
            case Principal.Member m -> m.tokenId().isPresent() ? "user-token:" + m.email() : "user:" + m.email();
            case Principal.TeamToken t -> "team-token:" + t.tokenName();
            case Principal.Anonymous a -> userAgent.equals("cli") ? "cli" : "anonymous";
        };
    }

    /** The id of the acting user or token, empty for anonymous and the command line. */
    public String actorId() {
        return switch (principal) {
            case Principal.Member m -> m.userId().toString();
            case Principal.TeamToken t -> t.tokenId().toString();
            case Principal.Anonymous a -> "";
        };
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
