package io.pycounters.counters;

import io.pycounters.Clock;
import io.pycounters.events.EventListener;
import io.pycounters.internal.CategoryStack;
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
 *
 * <p>A section whose END comes on another thread than its START (a {@code Timing} closed in a
 * reactive callback) is credited to the thread that started it, with its time up to that END and
 * never beyond, when that thread next reports an event of one of these categories; until then it
 * reads as open. Work handed to other threads is not that thread's: its own sections there count
 * where they run. A raw START and END without timings must pair in one thread.
 */
public final class ThreadTimeCategorizer extends Counter {

    private static final Logger logger = LoggerFactory.getLogger(ThreadTimeCategorizer.class);

    private final Category[] categories;
    // Replaced when the counter is unregistered: the threads' old states are then unreachable,
    // each one dropped with its thread or by its thread's next thread-local clean-up.
    private volatile ThreadLocal<CategoryStack> nesting = ThreadLocal.withInitial(CategoryStack::new);
    private final CategoryStack.Hops hops = new CategoryStack.Hops();
    private final CategoryStack.Credit credit = this::addTime;
    private volatile boolean warnedOfMismatch;

    /**
     * A categorizer of {@code categories}; none: the event of its own name is the only one.
     *
     * @param name the counter's name
     * @param categories the events whose time it keeps apart, each a key of its value
     */
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
        if (!nesting.get().start(index, nanos, hops, credit)) {
            warnOnce("more than " + CategoryStack.MAX_DEPTH + " nested categories in one thread: its STARTs had no END; forgetting them");
        }
    }

    private void end(int index, long nanos, long elapsedNanos) {
        int outcome = nesting.get().end(index, nanos, elapsedNanos, hops, credit);
        if (outcome == CategoryStack.NOT_OPEN) {
            warnOnce("an END of '" + categories[index].event + "' had no START in its thread; ignored"
                    + " (a section that ends on another thread must be timed: Timing, or startTiming/endTiming)");
        } else if (outcome == CategoryStack.ENDED_INNER_TOO) {
            warnOnce("'" + categories[index].event + "' ended while categories it started were still running; they end with it");
        }
    }

    private void addTime(int category, long nanos) {
        categories[category].seconds.add(nanos / 1e9);
    }

    @Override
    void bound(@Nullable Clock registryClock) {
        if (registryClock == null) {
            nesting.remove();
            nesting = ThreadLocal.withInitial(CategoryStack::new);
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
            end(index, nanos, elapsedNanos);
        }

        @Override
        public String toString() {
            return ThreadTimeCategorizer.this + " for '" + event + "'";
        }
    }
}
