package io.pycounters.multiprocess;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A node connected to the leader, and the one collection it may owe an answer to. */
final class Peer {

    /** A node's values, and the bytes of the leader's budget that their frame holds until merged. */
    record Answer(Message.Values values, int bytes) {
    }

    final String id;
    final Connection connection;
    private long pendingId;
    private @Nullable CompletableFuture<Answer> pending;
    // Set once the welcome is written and the connection sealed: a collection asks only then, or
    // its request could overtake the welcome, unsealed.
    private volatile boolean joined;

    Peer(String id, Connection connection) {
        this.id = id;
        this.connection = connection;
    }

    boolean joined() {
        return joined;
    }

    void joined(boolean joined) {
        this.joined = joined;
    }

    /** Asks for values; null when it still owes the previous answer (a busy or hung node is not asked twice). */
    @Nullable CompletableFuture<Answer> ask(long id) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        synchronized (this) {
            if (owesAnswer()) {
                return null;
            }
            pendingId = id;
            pending = answer;
        }
        try {
            connection.write(new Message.Collect(id));
        } catch (IOException ex) {
            answer.completeExceptionally(ex);
            connection.close(); // its reader thread logs and removes it
        }
        return answer;
    }

    /**
     * Whether a collection waits for this node's values, even one that gave up waiting: only then
     * does the leader read a frame from it, so that a node cannot make it buffer values unasked.
     */
    synchronized boolean owesAnswer() {
        return pending != null && !pending.isDone();
    }

    /** Hands over an answer; false when no collection takes it (late, or for another one): its bytes are the caller's to release. */
    boolean answer(Message.Values values, int bytes) {
        CompletableFuture<Answer> answer;
        synchronized (this) {
            answer = pending;
            if (answer == null || values.id() != pendingId) {
                return false;
            }
        }
        return answer.complete(new Answer(values, bytes));
    }

    void abandon() {
        CompletableFuture<Answer> answer;
        synchronized (this) {
            answer = pending;
        }
        if (answer != null) {
            answer.completeExceptionally(new EOFException("the node left"));
        }
    }
}
