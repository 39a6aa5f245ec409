package io.pycounters.multiprocess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds this process's place: the first port of the list it can bind makes it the leader; on a port
 * bound already it joins the leader of its group there, or tries the next. Only the coordinator's
 * thread (or {@link MultiProcessCounters#start()} before that thread exists) runs it.
 */
final class Election {

    private static final Logger logger = LoggerFactory.getLogger(MultiProcessCounters.class);

    /** How often, and how long apart, election retries a port that nothing listens on but that cannot be bound yet. */
    private static final int PORT_RELEASE_TRIES = 20;
    private static final Duration PORT_RELEASE_PAUSE = Duration.ofMillis(50);

    private final Settings settings;
    private final Coordinator coordinator;
    private final Joining joining;
    private boolean loggedNoLeader;
    /** Refusals logged since this process last joined a leader. */
    private final Set<String> loggedRefusals = new HashSet<>();

    Election(Settings settings, Coordinator coordinator, Joining joining) {
        this.settings = settings;
        this.coordinator = coordinator;
        this.joining = joining;
    }

    /** Tries every port in order; returns whether this process now leads or follows. */
    boolean elect(boolean startup) {
        boolean sawFree = false;
        List<Integer> ports = settings.ports();
        for (int i = 0; i < ports.size() && !coordinator.isClosed(); i++) {
            int port = ports.get(i);
            Joining.Attempt attempt = null;
            for (int tries = 0; attempt == null; tries++) {
                if (coordinator.mayLead()) {
                    ServerSocket server = bind(port);
                    if (server != null) {
                        coordinator.lead(server, i);
                        loggedNoLeader = false;
                        return true;
                    }
                }
                attempt = joining.join(port);
                // Nothing listens, yet the port cannot be bound: the sockets of a leader that just
                // died are still closing. It frees within moments; wait for it rather than lead on
                // a backup port and move back a probe interval later. An auto leader that stepped
                // down for this process of role leader frees it as quickly.
                boolean freeing = attempt.kind() == Joining.Kind.FREE || attempt.kind() == Joining.Kind.YIELDED;
                if (freeing && coordinator.mayLead() && tries < PORT_RELEASE_TRIES && !coordinator.isClosed()) {
                    if (attempt.kind() == Joining.Kind.YIELDED) {
                        logger.info("PyCounters leader {} on port {} steps down for this process {}, whose role is"
                                + " 'leader'", attempt.detail(), port, settings.nodeId());
                    }
                    attempt = null;
                    coordinator.pause(PORT_RELEASE_PAUSE);
                }
            }
            switch (attempt.kind()) {
                case JOINED -> {
                    if (settings.role() == Role.LEADER) {
                        attempt.close();
                        String message = "PyCounters role 'leader', but a leader of this group with the role 'leader'"
                                + " too (" + attempt.detail() + ") runs on port " + port + " of "
                                + MultiProcessCounters.PORTS_PROPERTY + " " + ports
                                + ": give one process the role 'leader' and the others 'node' or 'auto'";
                        if (startup) {
                            throw new IllegalStateException(message);
                        }
                        logger.warn(message);
                        return false;
                    }
                    coordinator.follow(attempt, port);
                    loggedNoLeader = false;
                    loggedRefusals.clear();
                    logger.info("PyCounters node {} follows the leader {} on port {}", settings.nodeId(),
                            attempt.detail(), port);
                    return true;
                }
                case FREE, YIELDED -> sawFree = true;
                case REFUSED -> {
                    // Once per port and reason, not at every retry.
                    if (loggedRefusals.add(port + " " + attempt.detail())) {
                        logger.warn("PyCounters leader on port {} refused node {}: {}", port, settings.nodeId(),
                                attempt.detail());
                    }
                }
                case NOT_OURS -> logger.debug("Port {} is taken by something that is not a leader of this group: {}",
                        port, attempt.detail());
            }
        }
        if (coordinator.isClosed()) {
            return false;
        }
        return noPlace(startup, sawFree);
    }

    private boolean noPlace(boolean startup, boolean sawFree) {
        List<Integer> ports = settings.ports();
        if (!sawFree) {
            String message = "Every port of " + MultiProcessCounters.PORTS_PROPERTY + " " + ports + " is taken by a"
                    + " process that is not a PyCounters leader of this group (or that refused this process): free one,"
                    + " or list other ports";
            if (startup) {
                throw new IllegalStateException(message);
            }
            if (!loggedNoLeader) {
                logger.warn(message + "; retrying every {}", settings.retryInterval());
                loggedNoLeader = true;
            }
            return false;
        }
        if (!loggedNoLeader) {
            logger.info("PyCounters node {} finds no leader on {} {} yet; it keeps looking every {}", settings.nodeId(),
                    MultiProcessCounters.PORTS_PROPERTY, ports, settings.retryInterval());
            loggedNoLeader = true;
        }
        return false;
    }

    /**
     * A leader on a backup port moves to an earlier one that freed up; an auto one joins a leader it
     * finds there, one of role leader claims the place of an auto leader there.
     */
    void probeEarlierPorts(Leader current) {
        for (int i = 0; i < current.portIndex() && !coordinator.isClosed(); i++) {
            int port = settings.ports().get(i);
            ServerSocket server = bind(port);
            if (server != null) {
                logger.info("PyCounters leader {} moves from port {} to port {}, which is free now", settings.nodeId(),
                        current.port(), port);
                coordinator.stopLeading(current); // its nodes lose the connection, elect again, and find this process on the new port
                coordinator.lead(server, i);
                return;
            }
            if (settings.role() == Role.NODE) {
                continue;
            }
            Joining.Attempt attempt = joining.join(port);
            if (attempt.kind() == Joining.Kind.JOINED && settings.role() == Role.AUTO) {
                logger.info("PyCounters leader {} on port {} finds the leader {} on earlier port {}, and joins it",
                        settings.nodeId(), current.port(), attempt.detail(), port);
                coordinator.stopLeading(current);
                coordinator.follow(attempt, port);
                return;
            }
            attempt.close();
            if (attempt.kind() == Joining.Kind.YIELDED) {
                // The auto leader there steps down: bind its port as soon as it is free.
                for (int tries = 0; tries < PORT_RELEASE_TRIES && !coordinator.isClosed(); tries++) {
                    coordinator.pause(PORT_RELEASE_PAUSE);
                    ServerSocket freed = bind(port);
                    if (freed != null) {
                        logger.info("PyCounters leader {} moves from port {} to port {}, which an auto leader left"
                                + " to it", settings.nodeId(), current.port(), port);
                        coordinator.stopLeading(current);
                        coordinator.lead(freed, i);
                        return;
                    }
                }
            }
        }
    }

    static @Nullable ServerSocket bind(int port) {
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            // Lets a new leader bind the port of one that just died, whose connections linger in TIME_WAIT.
            server.setReuseAddress(true);
            // A backlog of as many connections as a leader serves: a burst of them is not turned away
            // by the kernel before the leader can count and refuse the excess itself.
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), Leader.MAX_CONNECTIONS);
            return server;
        } catch (IOException ex) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // Not bound.
                }
            }
            return null;
        }
    }
}
