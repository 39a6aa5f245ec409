package io.pycounters.multiprocess;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the leader and the nodes of one process need to know, fixed at build time. */
record Settings(
        Role role,
        List<Integer> ports,
        String nodeId,
        Auth auth,
        int maxFrameBytes,
        int maxBufferedBytes,
        Duration frameTimeout,
        Duration handshakeTimeout,
        Duration collectTimeout,
        Duration retryInterval,
        Duration probeInterval,
        @Nullable Duration leaderTimeout,
        @Nullable Duration reportInterval) {
}
