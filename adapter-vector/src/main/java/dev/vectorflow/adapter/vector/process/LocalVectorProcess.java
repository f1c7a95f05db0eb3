package dev.vectorflow.adapter.vector.process;

import dev.vectorflow.ports.out.vector.runtime.VectorFailure;
import dev.vectorflow.ports.out.vector.runtime.VectorProcess;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A Vector process on this machine, launched here ({@code process} set) or adopted by pid. */
final class LocalVectorProcess implements VectorProcess {

    private final ProcessHandle handle;
    private final Optional<Process> process;

    LocalVectorProcess(ProcessHandle handle, Optional<Process> process) {
        this.handle = handle;
        this.process = process;
    }

    @Override
    public long pid() {
        return handle.pid();
    }

    @Override
    public Instant startedAt() {
        return handle.info().startInstant().orElse(Instant.EPOCH);
    }

    @Override
    public boolean isAlive() {
        return handle.isAlive();
    }

    @Override
    public OptionalInt exitCode() {
        if (process.isPresent() && !process.get().isAlive()) {
            return OptionalInt.of(process.get().exitValue());
        }
        return OptionalInt.empty();
    }

    @Override
    public void reload() throws VectorFailure {
        // Java cannot send SIGHUP; kill(1) can.
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid())).redirectErrorStream(true).start();
            String said = new String(kill.getInputStream().readAllBytes()).strip();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new VectorFailure("could not send SIGHUP to Vector (pid " + pid() + "): " + said);
            }
        } catch (IOException e) {
            throw new VectorFailure("could not run kill -HUP " + pid() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VectorFailure("interrupted while signalling Vector (pid " + pid() + ")", e);
        }
    }

    @Override
    public void stop(Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy(); // SIGTERM: Vector drains and exits 0
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly(); // SIGKILL
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException ignored) {
                // the kernel will reap it; nothing more can be done from here
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException ignored) {
            // onExit never fails for a real process
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Vector[pid=" + pid() + "]";
    }
}
