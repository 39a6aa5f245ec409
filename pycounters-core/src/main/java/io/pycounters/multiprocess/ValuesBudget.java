package io.pycounters.multiprocess;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of values frames a leader holds at once, from the moment a frame's length is read until
 * the report that asked for it has merged it: however many nodes answer with frames of the largest
 * size, the leader's heap holds at most this many bytes of them.
 */
final class ValuesBudget {

    private final int capacity;
    private final Semaphore bytes;

    ValuesBudget(int capacity) {
        this.capacity = capacity;
        this.bytes = new Semaphore(capacity);
    }

    /**
     * Takes {@code length} bytes, waiting at most {@code patience} for other frames to be merged.
     *
     * @throws ProtocolException when there was no room for them in time
     */
    void reserve(int length, Duration patience) throws ProtocolException {
        boolean taken;
        try {
            taken = bytes.tryAcquire(length, patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            throw new ProtocolException("no room for a values frame of " + length + " bytes within " + patience.toMillis()
                    + " ms: the leader holds at most " + capacity + " bytes of values at once"
                    + " (MultiProcessCounters.Builder.maxBufferedBytes)");
        }
    }

    void release(int length) {
        if (length > 0) {
            bytes.release(length);
        }
    }

    /** The bytes free now, for tests. */
    int available() {
        return bytes.availablePermits();
    }
}
