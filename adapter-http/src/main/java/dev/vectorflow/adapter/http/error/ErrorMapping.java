package dev.vectorflow.adapter.http.error;

import dev.vectorflow.core.failure.ConflictFailure;
import dev.vectorflow.core.failure.ForbiddenFailure;
import dev.vectorflow.core.failure.InvalidGraphFailure;
import dev.vectorflow.core.pipeline.Problem;
import dev.vectorflow.core.failure.NotFoundFailure;
import dev.vectorflow.core.failure.RejectedCredentialsFailure;
import dev.vectorflow.core.validation.InvalidValueException;
import dev.vectorflow.ports.out.persistence.DatabaseUnreachable;
import dev.vectorflow.ports.out.persistence.PersistenceFailure;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure to its status code and the one error shape, in one place. */
public final class ErrorMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
    public static final String PROBLEM_JSON = "application/problem+json";
    /** What a caller is told to wait while the database cannot be reached (agents wait between this and twice it). */
    public static final int UNREACHABLE_RETRY_AFTER_SECONDS = 5;
    private static final long UNREACHABLE_LOG_EVERY_NANOS = 10_000_000_000L;
    private static final AtomicLong unreachableLoggedAt = new AtomicLong(System.nanoTime() - UNREACHABLE_LOG_EVERY_NANOS);
    private static final AtomicLong unreachableAnswers = new AtomicLong();

    private ErrorMapping() {
    }

    public static void register(RoutesConfig routes) {
        routes.exception(ApiProblem.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            write(ctx, e.response());
        });
        routes.exception(NotFoundFailure.class, (e, ctx) -> write(ctx, new ErrorResponse(404, "Not Found", e.getMessage(), List.of())));
        routes.exception(ConflictFailure.class, (e, ctx) -> write(ctx, new ErrorResponse(409, "Conflict", e.getMessage(),
                e.field().map(f -> List.of(new FieldProblem(f, e.getMessage()))).orElse(List.of()))));
        routes.exception(RejectedCredentialsFailure.class, (e, ctx) -> write(ctx, new ErrorResponse(401, "Unauthorized", e.getMessage(), List.of())));
        routes.exception(ForbiddenFailure.class, (e, ctx) -> write(ctx, new ErrorResponse(403, "Forbidden", e.getMessage(), List.of())));
        routes.exception(dev.vectorflow.core.failure.BackupRefusedFailure.class, (e, ctx) ->
                write(ctx, new ErrorResponse(422, "Backup Refused", e.getMessage(), List.of())));
        routes.exception(dev.vectorflow.ports.out.backup.BackupStorageFailure.class, (e, ctx) -> {
            LOG.error("backup storage failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, new ErrorResponse(503, "Service Unavailable", e.getMessage(), List.of()));
        });
        routes.exception(InvalidGraphFailure.class, (e, ctx) -> write(ctx, invalidPipeline(e.getMessage(), e.problems()).response()));
        routes.exception(dev.vectorflow.core.validation.InvalidValuesException.class, (e, ctx) ->
                write(ctx, ApiProblem.invalid(e.problems().stream().map(p -> new FieldProblem(p.field(), p.problem())).toList()).response()));
        routes.exception(InvalidValueException.class, (e, ctx) ->
                write(ctx, ApiProblem.invalid(List.of(new FieldProblem(e.field(), e.problem()))).response()));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            HttpStatus status = HttpStatus.forStatus(e.getStatus());
            String title = status == HttpStatus.UNKNOWN ? "Error" : status.getMessage();
            write(ctx, new ErrorResponse(e.getStatus(), title, e.getMessage(), List.of()));
        });
        routes.exception(DatabaseUnreachable.class, (e, ctx) -> {
            unreachable(e);
            ctx.header("Retry-After", Integer.toString(UNREACHABLE_RETRY_AFTER_SECONDS));
            write(ctx, new ErrorResponse(503, "Service Unavailable",
                    "The database cannot be reached; try again in " + UNREACHABLE_RETRY_AFTER_SECONDS + " s.", List.of()));
        });
        routes.exception(PersistenceFailure.class, (e, ctx) -> {
            String reference = reference();
            LOG.error("database failure [{}] on {} {}", reference, ctx.method(), ctx.path(), e);
            write(ctx, new ErrorResponse(503, "Service Unavailable",
                    "The database did not complete the request; try again. Reference: " + reference, List.of()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            String reference = reference();
            LOG.error("unexpected failure [{}] on {} {}", reference, ctx.method(), ctx.path(), e);
            write(ctx, new ErrorResponse(500, "Internal Server Error",
                    "An unexpected error occurred. Reference: " + reference, List.of()));
        });
    }

    /** A 400 answer listing every problem of a pipeline graph, each under {@code component.option}. */
    public static ApiProblem invalidPipeline(String detail, List<Problem> problems) {
        return new ApiProblem(400, "Invalid Pipeline", detail, problems.stream()
                .map(p -> new FieldProblem(p.component().map(c -> c + (p.optionPath().isEmpty() ? "" : "." + p.optionPath())).orElse(p.optionPath()),
                        p.severity() + ": " + p.message()))
                .toList());
    }

    public static void write(Context ctx, ErrorResponse error) {
        ctx.status(error.status()).json(error).contentType(PROBLEM_JSON);
    }

    /** One log line per 10 s while the database is unreachable (every request fails then), with how many were answered. */
    private static void unreachable(DatabaseUnreachable e) {
        long answered = unreachableAnswers.incrementAndGet();
        long last = unreachableLoggedAt.get();
        long now = System.nanoTime();
        if (now - last >= UNREACHABLE_LOG_EVERY_NANOS && unreachableLoggedAt.compareAndSet(last, now)) {
            unreachableAnswers.addAndGet(-answered);
            LOG.warn("database unreachable: {} request(s) answered 503 with Retry-After {} s since the last line ({})", answered,
                    UNREACHABLE_RETRY_AFTER_SECONDS, e.getMessage());
        }
    }

    private static String reference() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
