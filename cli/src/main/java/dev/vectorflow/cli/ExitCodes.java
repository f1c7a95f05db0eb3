package dev.vectorflow.cli;

/** The exit codes of {@code vectorflow ctl} that scripts may rely on (README "Command line"). */
public final class ExitCodes {

    /** Done; for {@code apply --dry-run --detailed-exitcode}: nothing would change. */
    public static final int OK = 0;
    /** Any other failure: the server could not be reached, answered an error of its own, a file could not be read. */
    public static final int ERROR = 1;
    /** The command line was wrong (unknown command or option, missing argument). */
    public static final int USAGE = 2;
    /** Not signed in (no token, the token was refused) or not allowed (the token's role is too low), or an unsafe config file. */
    public static final int NOT_ALLOWED = 3;
    /** The environment, pipeline, version or node does not exist (or belongs to another team). */
    public static final int NOT_FOUND = 4;
    /** Input refused: an invalid file or graph, a name taken, a draft with errors; nothing was changed by the refused step. */
    public static final int REFUSED = 5;
    /** {@code apply --dry-run --detailed-exitcode}: the plan has changes. */
    public static final int CHANGES_PENDING = 6;

    private ExitCodes() {
    }
}
