package io.pycounters.multiprocess;

import io.pycounters.counters.MergeableValue;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The messages of the wire format, one per frame (see {@code docs/multiprocess.md}). */
sealed interface Message {

    /**
     * Leader to a process that connected: who leads, a challenge, and the leader's report interval
     * in milliseconds (null when it does not say), from which its nodes derive how long a silence
     * means it hangs.
     */
    record Hello(int protocol, String leader, String nonce, @Nullable Long intervalMillis) implements Message {

        Hello(int protocol, String leader, String nonce) {
            this(protocol, leader, nonce, null);
        }
    }

    /**
     * Process to leader: who it is, its own challenge, and its answer to the leader's (when there is
     * a secret); {@code claim} when it has the role {@code leader} and asks an {@code auto} leader to
     * step down for it.
     */
    record Join(int protocol, String node, String nonce, @Nullable String mac, boolean claim) implements Message {

        Join(int protocol, String node, String nonce, @Nullable String mac) {
            this(protocol, node, nonce, mac, false);
        }
    }

    /**
     * An {@code auto} leader to a process of role {@code leader} that claimed its place: it steps
     * down and frees the port (with its answer to the claimant's challenge), then closes.
     */
    record Yield(@Nullable String mac) implements Message {
    }

    /** Leader to node, when it steps down for a process of role {@code leader}: leave the port to that one a moment. */
    record Handover() implements Message {
    }

    /** Leader to a process it accepted: its answer to the process's challenge (when there is a secret). */
    record Welcome(@Nullable String mac) implements Message {
    }

    /** Leader to a process it turns away, before closing the connection. */
    record Refused(String reason) implements Message {
    }

    /** Leader to node: send your values now, answering with this id. */
    record Collect(long id) implements Message {
    }

    /** Node to leader: its values, read at {@code time} (epoch milliseconds), answering collect {@code id}. */
    record Values(long id, long time, Map<String, MergeableValue> counters) implements Message {
    }
}
