package dev.vectorflow.agent.control;

import dev.vectorflow.agent.pipeline.Pipelines;
import dev.vectorflow.agent.port.NodeTokenStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The running agent: a supervisor thread that looks at every pipeline each tick, and a control thread that talks
 * to the server. Stopping the daemon leaves the Vector processes running (the next agent adopts them) unless asked.
 */
public final class AgentDaemon {

    private static final System.Logger LOG = System.getLogger("vectorflow.agent");

    private final Pipelines pipelines;
    private final ControlLoop control;
    private final Duration tick;
    private volatile boolean running;
    private Thread supervisor;
    private Thread talker;

    /**
     * @param pipelinesFactory builds the pipelines given the change callback (which nudges the control loop)
     * @param controlFactory   builds the control loop around those pipelines
     */
    public AgentDaemon(Function<Runnable, Pipelines> pipelinesFactory, Function<Pipelines, ControlLoop> controlFactory, Duration tick) {
        AtomicReference<ControlLoop> loop = new AtomicReference<>();
        this.pipelines = pipelinesFactory.apply(() -> {
            ControlLoop c = loop.get();
            if (c != null) {
                c.nudge();
            }
        });
        this.control = controlFactory.apply(pipelines);
        loop.set(control);
        this.tick = tick;
    }

    public Pipelines pipelines() {
        return pipelines;
    }

    public ControlLoop control() {
        return control;
    }

    public synchronized void start() {
        int adopted = pipelines.recover();
        if (adopted > 0) {
            LOG.log(System.Logger.Level.INFO, "adopted " + adopted + " running Vector process(es) of an earlier agent run");
        }
        running = true;
        supervisor = Thread.ofPlatform().name("vf-supervisor").start(() -> {
            while (running) {
                try {
                    pipelines.supervise();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "supervision failed: " + e, e);
                }
                try {
                    Thread.sleep(tick.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        talker = Thread.ofPlatform().name("vf-control").start(() -> {
            try {
                control.run();
            } catch (NodeTokenStore.TokenStoreFailure e) {
                LOG.log(System.Logger.Level.ERROR, "cannot use the node token file: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "the control loop failed: " + e, e);
            }
        });
    }

    /** Stops both threads; Vector processes keep running unless {@code stopPipelines}. */
    public void stop(boolean stopPipelines) {
        Thread s;
        Thread t;
        synchronized (this) {
            running = false;
            s = supervisor;
            t = talker;
        }
        control.stop();
        if (s != null) {
            s.interrupt();
            join(s);
        }
        if (t != null) {
            join(t);
        }
        if (!stopPipelines) {
            // what Vector logged up to now reaches the server before the next agent resumes reading after it
            pipelines.supervise();
            control.farewell();
        }
        pipelines.close(stopPipelines);
    }

    private static void join(Thread t) {
        try {
            t.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
