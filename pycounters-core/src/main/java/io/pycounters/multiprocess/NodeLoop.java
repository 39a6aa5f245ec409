package io.pycounters.multiprocess;

import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A node's side of a joined connection: it answers the leader's collections until the connection ends. */
final class NodeLoop {

    private static final Logger logger = LoggerFactory.getLogger(MultiProcessCounters.class);

    private final CounterRegistry registry;
    private final Settings settings;
    private final Coordinator coordinator;
    private final Warnings warnings;

    NodeLoop(CounterRegistry registry, Settings settings, Coordinator coordinator, Warnings warnings) {
        this.registry = registry;
        this.settings = settings;
        this.coordinator = coordinator;
        this.warnings = warnings;
    }

    /**
     * Answers collections until the connection ends, or until the leader has been silent for
     * {@code leaderTimeout} (null: never), when it takes the leader for hung.
     */
    void serve(Connection connection, @Nullable Duration leaderTimeout) {
        String id = settings.nodeId();
        try {
            Message message;
            while (!coordinator.isClosed() && (message = connection.read(leaderTimeout)) != null) {
                if (message instanceof Message.Handover) {
                    coordinator.leaveThePortsAMoment();
                    logger.info("PyCounters node {}: its leader steps down for a process of role 'leader'", id);
                    continue;
                }
                if (!(message instanceof Message.Collect collect)) {
                    throw new ProtocolException("a leader sends only collections, not " + message.getClass().getSimpleName());
                }
                CounterSnapshot own = registry.snapshot();
                try {
                    connection.write(new Message.Values(collect.id(), own.collectedAt().toEpochMilli(),
                            own.mergeableValues()));
                } catch (ProtocolException tooLarge) {
                    // Not a lost connection: this process's values never fit, at every report.
                    warnings.warn("frame limit", "PyCounters node {} cannot send its values to its leader: {}", id,
                            tooLarge.getMessage());
                    throw tooLarge;
                }
            }
        } catch (SocketTimeoutException ex) {
            if (!coordinator.isClosed()) {
                warnings.warn("hung leader", "PyCounters node {} heard nothing from its leader for {}: it takes the"
                        + " leader for hung, and elects again", id, leaderTimeout);
            }
        } catch (IOException | RuntimeException ex) {
            if (!coordinator.isClosed()) {
                logger.info("PyCounters node {} lost the connection to its leader: {}", id, ex.toString());
            }
        } finally {
            connection.close();
        }
    }
}
