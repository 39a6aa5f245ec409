package io.pycounters;

import java.time.Instant;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * {@link Clock#SYSTEM}: {@code System.nanoTime()}, with a coarse copy that a daemon thread
 * ({@code pycounters-clock}) refreshes only as often as the registries using it ask for.
 *
 * <p>Each registry asks for the resolution its counters need (a fraction of the shortest window
 * slice) and withdraws when it closes or no longer needs one. The thread sleeps for the finest
 * resolution asked for, never less than {@link #MIN_TICK_NANOS}, and ends when nobody asks: an
 * application with 5-minute windows wakes it about once a second, and one with only running
 * totals not at all. Registries are held weakly, so one that is dropped without being closed stops
 * asking once it is collected.
 */
final class SystemClock implements Clock {

    /** The finest resolution the tick gives, whatever is asked for. */
    static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    // A volatile read is a plain load on x86 and a load-acquire on ARM: what makes an occurrence
    // cheaper than a precise clock reading.
    private volatile long coarse = System.nanoTime();

    // Guarded by itself: each registry's resolution, in nanoseconds.
    private final Map<Object, Long> demands = new WeakHashMap<>();
    private @Nullable Thread ticker;
    private int tickers;

    SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long coarseNanoTime() {
        return coarse;
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    /**
     * Keeps the coarse time within {@code resolutionNanos} of the precise time for {@code owner},
     * or withdraws {@code owner}'s request when it is zero or negative.
     */
    void demand(Object owner, long resolutionNanos) {
        synchronized (demands) {
            if (resolutionNanos > 0) {
                demands.put(owner, resolutionNanos);
                // A registry that starts asking after a quiet spell must not read a stale time.
                coarse = System.nanoTime();
            } else {
                demands.remove(owner);
            }
            if (ticker == null) {
                if (!demands.isEmpty()) {
                    Thread thread = new Thread(this::tick, tickers++ == 0 ? "pycounters-clock" : "pycounters-clock-" + tickers);
                    thread.setDaemon(true);
                    ticker = thread;
                    thread.start();
                }
            } else {
                // Wakes it to sleep for the new period, or to end.
                LockSupport.unpark(ticker);
            }
        }
    }

    /** The period the tick sleeps for, or 0 when nobody asks for coarse time; for tests. */
    long tickNanos() {
        synchronized (demands) {
            return period();
        }
    }

    /** The ticking thread, null when there is none; for tests. */
    @Nullable Thread ticker() {
        synchronized (demands) {
            return ticker;
        }
    }

    private long period() {
        long period = Long.MAX_VALUE;
        for (Long demand : demands.values()) {
            period = Math.min(period, demand);
        }
        return period == Long.MAX_VALUE ? 0 : Math.max(MIN_TICK_NANOS, period);
    }

    private void tick() {
        while (true) {
            long period;
            synchronized (demands) {
                period = period();
                if (period == 0) {
                    ticker = null;
                    return;
                }
            }
            coarse = System.nanoTime();
            LockSupport.parkNanos(this, period);
        }
    }

    @Override
    public String toString() {
        return "Clock.SYSTEM";
    }
}
