package io.pycounters;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** {@link Clock#SYSTEM}: {@code System.nanoTime()}, with a coarse copy refreshed by a daemon tick. */
final class SystemClock implements Clock {

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long coarseNanoTime() {
        // The holder's class initialisation starts the tick the first time coarse time is asked
        // for, and costs nothing afterwards.
        return CoarseTime.now;
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public String toString() {
        return "Clock.SYSTEM";
    }

    private static final class CoarseTime {

        // A volatile read is a plain load on x86 and ARM's load-acquire is cheap: far below the
        // cost of System.nanoTime(), which is the point of this class.
        static volatile long now = System.nanoTime();

        static {
            Thread tick = new Thread(CoarseTime::tick, "pycounters-clock");
            tick.setDaemon(true);
            tick.start();
        }

        private static void tick() {
            while (true) {
                LockSupport.parkNanos(TICK_NANOS);
                now = System.nanoTime();
            }
        }
    }
}
