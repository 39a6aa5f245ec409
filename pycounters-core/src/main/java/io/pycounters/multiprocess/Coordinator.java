package io.pycounters.multiprocess;

import io.pycounters.CounterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where this process stands in its group (leading, following, or looking), and the thread that
 * keeps it there: a leader probes the earlier ports, a node answers its leader, a process without
 * one elects. {@link Election} decides; this class holds the outcome and the lifecycle.
 */
final class Coordinator {

    private static final Logger logger = LoggerFactory.getLogger(MultiProcessCounters.class);

    /**
     * How long the nodes of an {@code auto} leader that steps down for a process of role
     * {@code leader}, and the leader itself, leave the ports to that process before they would bind
     * one themselves.
     */
    static final Duration HANDOVER_PAUSE = Duration.ofSeconds(2);

    private final Settings settings;
    private final Object lock = new Object();
    private final Warnings warnings = new Warnings(logger);
    private final Election election;
    private final NodeLoop nodeLoop;
    private volatile @Nullable Leader leader;
    private volatile @Nullable Connection following;
    private volatile @Nullable Duration followingTimeout;
    private volatile int followingPort = -1;
    private volatile boolean closed;
    private volatile long leaveThePortsUntil;
    private volatile boolean leavingThePorts;
    private @Nullable Thread thread;

    Coordinator(CounterRegistry registry, Settings settings) {
        this.settings = settings;
        this.election = new Election(settings, this, new Joining(settings));
        this.nodeLoop = new NodeLoop(registry, settings, this, warnings);
    }

    @Nullable Leader leader() {
        return leader;
    }

    boolean isFollowing() {
        return following != null;
    }

    /** How long a silence of the leader followed now means it hangs (null: never), for tests. */
    @Nullable Duration followingTimeout() {
        return followingTimeout;
    }

    int followingPort() {
        return followingPort;
    }

    boolean isClosed() {
        return closed;
    }

    /** Elects (throwing what the startup election throws), then keeps this process's place in the background. */
    void start() {
        synchronized (lock) {
            election.elect(true);
            Thread coordinating = new Thread(this::coordinate, "pycounters-multiprocess");
            coordinating.setDaemon(true);
            thread = coordinating;
            coordinating.start();
        }
    }

    /** Leads on {@code server}, the port at {@code portIndex} of the list. */
    void lead(ServerSocket server, int portIndex) {
        Leader current = new Leader(server, portIndex, settings, this::stepDown);
        current.start();
        leader = current;
        if (closed) {
            current.close();
            leader = null;
            return;
        }
        logger.info("PyCounters node {} leads on port {}", settings.nodeId(), server.getLocalPort());
    }

    /** Follows the leader that {@code attempt} joined on {@code port}. */
    void follow(Joining.Attempt attempt, int port) {
        followingTimeout = attempt.leaderTimeout();
        followingPort = port;
        following = attempt.connection();
    }

    /** Stops leading on {@code current} without closing anything else: the election takes it from here. */
    void stopLeading(Leader current) {
        leader = null;
        current.close();
    }

    /** A process of role leader claimed this auto leader's place: its nodes are told, and all leave the port to it. */
    private void stepDown(Leader current) {
        if (leader != current) {
            return;
        }
        leaveThePortsAMoment();
        current.handOver();
        stopLeading(current);
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** For {@link #HANDOVER_PAUSE}, this process joins but does not bind a port. */
    void leaveThePortsAMoment() {
        leaveThePortsUntil = System.nanoTime() + HANDOVER_PAUSE.toNanos();
        leavingThePorts = true;
    }

    /** Whether this process may bind a port now (its role allows it, and it is not leaving them to another). */
    boolean mayLead() {
        if (settings.role() == Role.NODE) {
            return false;
        }
        if (leavingThePorts && System.nanoTime() - leaveThePortsUntil < 0) {
            return false;
        }
        leavingThePorts = false;
        return true;
    }

    void close() {
        Thread coordinating;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            coordinating = thread;
            lock.notifyAll();
        }
        closeConnections();
        if (coordinating != null) {
            coordinating.interrupt();
            try {
                coordinating.join(settings.handshakeTimeout().toMillis() + 1000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        leader = null;
        following = null;
    }

    private void closeConnections() {
        Leader current = leader;
        if (current != null) {
            current.close();
        }
        Connection connection = following;
        if (connection != null) {
            connection.close();
        }
    }

    void pause(Duration duration) {
        synchronized (lock) {
            if (!closed) {
                try {
                    lock.wait(Math.max(1, duration.toMillis()));
                } catch (InterruptedException ex) {
                    // close() interrupts: the loop checks closed.
                }
            }
        }
    }

    private void coordinate() {
        try {
            while (!closed) {
                step();
            }
        } finally {
            // close() may have looked before this thread led or joined: nothing stays open after it.
            closeConnections();
        }
    }

    private void step() {
        try {
            Leader current = leader;
            Connection connection = following;
            if (current != null) {
                pause(settings.probeInterval());
                if (!closed && leader == current && current.portIndex() > 0) {
                    election.probeEarlierPorts(current);
                }
            } else if (connection != null) {
                nodeLoop.serve(connection, followingTimeout);
                following = null;
                followingPort = -1;
                if (!closed) {
                    logger.info("PyCounters node {} lost its leader; electing", settings.nodeId());
                }
            } else if (!election.elect(false)) {
                pause(settings.retryInterval());
            }
        } catch (RuntimeException ex) {
            warnings.warn("coordination", "PyCounters multiprocess coordination failed; retrying: {}", ex.toString());
            pause(settings.retryInterval());
        }
    }
}
