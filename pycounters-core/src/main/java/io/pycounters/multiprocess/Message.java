package io.pycounters.multiprocess;

import io.pycounters.counters.MergeableValue;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The messages of the wire format, one per frame (see {@code docs/multiprocess.md}). */
sealed interface Message {

    /** Leader to a process that connected: who leads, and a challenge. */
    record Hello(int protocol, String leader, String nonce) implements Message {
    }

    /** Process to leader: who it is, its own challenge, and its answer to the leader's (when there is a secret). */
    record Join(int protocol, String node, String nonce, @Nullable String mac) implements Message {
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
