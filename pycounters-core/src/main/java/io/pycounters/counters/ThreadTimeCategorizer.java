package io.pycounters.counters;

import io.pycounters.Clock;
import io.pycounters.events.EventListener;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seconds spent in each category, per thread, summed over threads: its categories are the events
 * it listens to, and each START..END of one is time in that category. Categories are exclusive:
 * one that starts pauses the one running in that thread, which resumes when it ends; so
 * {@code request} around {@code db} around nothing reads request's own time apart from db's. A map
 * of category to seconds, empty with none.
 */
public final class ThreadTimeCategorizer extends Counter {

    private static final Logger logger = LoggerFactory.getLogger(ThreadTimeCategorizer.class);
    private static final int MAX_DEPTH = 1024;

    private final Category[] categories;
    // Replaced when the counter is unregistered: the threads' old states are then unreachable,
    // each one dropped with its thread or by its thread's next thread-local clean-up.
    private volatile ThreadLocal<Nesting> nesting = ThreadLocal.withInitial(Nesting::new);
    private volatile boolean warnedOfMismatch;

    /** A categorizer of {@code categories}; none: the event of its own name is the only one. */
    public ThreadTimeCategorizer(String name, String... categories) {
        super(name, categories);
        this.categories = new Category[events().size()];
        for (int i = 0; i < this.categories.length; i++) {
            this.categories[i] = new Category(i, events().get(i));
        }
    }

    @Override
    public boolean needsTimings() {
        return true;
    }

    // Each category gets a listener of its own that knows its index: no look-up per event.
    @Override
    public EventListener listenerFor(String event) {
        return categories[indexOf(event)];
    }

    private int indexOf(String event) {
        for (Category category : categories) {
            if (category.event.equals(event)) {
                return category.index;
            }
        }
        return -1;
    }

    private void start(int index, long nanos) {
        Nesting n = nesting.get();
        if (n.depth == MAX_DEPTH) {
            warnOnce("more than " + MAX_DEPTH + " nested categories in one thread: its STARTs had no END; forgetting them");
            n.depth = 0;
        }
        if (n.depth > 0) {
            pause(n, nanos);
        }
        n.push(index, nanos);
    }

    private void end(int index, long nanos) {
        Nesting n = nesting.get();
        int at = n.depth - 1;
        while (at >= 0 && n.categories[at] != index) {
            at--;
        }
        if (at < 0) {
            warnOnce("an END of '" + categories[index].event + "' had no START in its thread; ignored");
            return;
        }
        pause(n, nanos);
        if (at != n.depth - 1) {
            warnOnce("'" + categories[index].event + "' ended while categories it started were still running; they end with it");
        }
        n.depth = at;
        if (at > 0) {
            n.since[at - 1] = nanos;
        }
    }

    /** Credits the running category of this thread with its time so far. */
    private void pause(Nesting n, long nanos) {
        int top = n.depth - 1;
        categories[n.categories[top]].seconds.add(Math.max(0, nanos - n.since[top]) / 1e9);
        n.since[top] = nanos;
    }

    @Override
    void bound(@Nullable Clock registryClock) {
        if (registryClock == null) {
            nesting.remove();
            nesting = ThreadLocal.withInitial(Nesting::new);
        }
    }

    private void warnOnce(String problem) {
        if (!warnedOfMismatch) {
            warnedOfMismatch = true;
            logger.warn("Counter '{}': {} (logged once)", name(), problem);
        }
    }

    @Override
    public MergeableValue.KeyedSums mergeableValueAt(long nanos) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (Category category : categories) {
            if (category.seconds.recorded()) {
                sums.put(category.event, category.seconds.sum());
            }
        }
        return new MergeableValue.KeyedSums(sums);
    }

    @Override
    public void clear() {
        for (Category category : categories) {
            category.seconds.forget();
        }
    }

    private final class Category implements EventListener {

        final int index;
        final String event;
        final RunningTotal seconds = new RunningTotal();

        Category(int index, String event) {
            this.index = index;
            this.event = event;
        }

        @Override
        public boolean needsTimings() {
            return true;
        }

        @Override
        public void onStart(String event, long nanos) {
            start(index, nanos);
        }

        @Override
        public void onEnd(String event, long nanos, long elapsedNanos) {
            end(index, nanos);
        }

        @Override
        public String toString() {
            return ThreadTimeCategorizer.this + " for '" + event + "'";
        }
    }

    /** The categories a thread is in, innermost last, each with when it last (re)started. */
    private static final class Nesting {

        int[] categories = new int[8];
        long[] since = new long[8];
        int depth;

        void push(int category, long nanos) {
            if (depth == categories.length) {
                categories = Arrays.copyOf(categories, depth * 2);
                since = Arrays.copyOf(since, depth * 2);
            }
            categories[depth] = category;
            since[depth] = nanos;
            depth++;
        }
    }
}
