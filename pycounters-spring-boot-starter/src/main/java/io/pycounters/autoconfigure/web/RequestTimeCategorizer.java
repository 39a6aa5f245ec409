package io.pycounters.autoconfigure.web;

import io.pycounters.counters.Counter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.events.EventListener;
import io.pycounters.internal.CategoryStack;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link io.pycounters.counters.ThreadTimeCategorizer} per request: the time the thread that
 * handles a request spends in each category while it does, with the categorizer's exclusive
 * categories (one that starts pauses the running one, which resumes when it ends). Outside a
 * request, its events cost one thread-local read and a few array writes, and are not counted.
 *
 * <p>Only the thread that handles the request counts: work handed to other threads (executors,
 * reactive schedulers, virtual threads a request starts) is not attributed to the request. A
 * section the request started that ends on another thread is credited to the request with its
 * time up to that END when the request's thread next reports one of these events or finishes.
 *
 * <p>Its own value, as a {@code ThreadTimeCategorizer}'s, is the seconds requests spent in each
 * category, summed; the filters report each request's share as {@code http.time.CATEGORY}.
 */
final class RequestTimeCategorizer extends Counter {

    private final Category[] categories;
    private final LongAdder[] totals;
    private final ThreadLocal<Tally> tallies;
    private final CategoryStack.Hops hops = new CategoryStack.Hops();

    RequestTimeCategorizer(String name, String... categories) {
        super(name, categories);
        this.categories = new Category[events().size()];
        this.totals = new LongAdder[this.categories.length];
        for (int i = 0; i < this.categories.length; i++) {
            this.categories[i] = new Category(i, events().get(i));
            this.totals[i] = new LongAdder();
        }
        int count = this.categories.length;
        this.tallies = ThreadLocal.withInitial(() -> new Tally(count));
    }

    /** The number of categories; {@link #finish(long)} returns that many times. */
    int size() {
        return categories.length;
    }

    /** The categories, in the order of the times {@link #finish(long)} returns. */
    String category(int index) {
        return categories[index].event;
    }

    /** A request begins on this thread: from now on, its categories' time is its own. */
    void begin() {
        tallies.get().begin();
    }

    /**
     * The request on this thread ends at {@code nanos}: its nanoseconds in each category, a
     * category still running credited up to now; the thread is then outside any request. The
     * array is the thread's own, valid until it begins another request: copy it to keep it.
     */
    long[] finish(long nanos) {
        Tally tally = tallies.get();
        long[] spent = tally.finish(nanos, hops);
        for (int i = 0; i < spent.length; i++) {
            if (spent[i] > 0) {
                totals[i].add(spent[i]);
            }
        }
        return spent;
    }

    @Override
    public boolean needsTimings() {
        return true;
    }

    @Override
    public EventListener listenerFor(String event) {
        for (Category category : categories) {
            if (category.event.equals(event)) {
                return category;
            }
        }
        throw new IllegalArgumentException("Counter '" + name() + "' does not listen to '" + event + "'");
    }

    @Override
    public MergeableValue.KeyedSums mergeableValueAt(long nanos) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (int i = 0; i < categories.length; i++) {
            long sum = totals[i].sum();
            if (sum > 0) {
                sums.put(categories[i].event, sum / 1e9);
            }
        }
        return new MergeableValue.KeyedSums(sums);
    }

    @Override
    public void clear() {
        for (LongAdder total : totals) {
            total.reset();
        }
    }

    private final class Category implements EventListener {

        final int index;
        final String event;

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
            tallies.get().start(index, nanos, hops);
        }

        @Override
        public void onEnd(String event, long nanos, long elapsedNanos) {
            tallies.get().end(index, nanos, elapsedNanos, hops);
        }

        @Override
        public String toString() {
            return RequestTimeCategorizer.this + " for '" + event + "'";
        }
    }

    /**
     * One thread's request: nanoseconds in each category, and the categories it is in (the
     * bookkeeping {@code ThreadTimeCategorizer} shares). Reused by the thread's next request.
     */
    private static final class Tally implements CategoryStack.Credit {

        final long[] spent;
        final CategoryStack stack = new CategoryStack();
        boolean inRequest;

        Tally(int categories) {
            spent = new long[categories];
        }

        void begin() {
            Arrays.fill(spent, 0L);
            stack.clear();
            inRequest = true;
        }

        long[] finish(long nanos, CategoryStack.Hops hops) {
            if (inRequest) {
                stack.finish(nanos, hops, this);
            }
            inRequest = false;
            stack.clear();
            return spent;
        }

        // Followed outside requests too, crediting nothing: an END here of a section this thread
        // did not start is then one that a request started elsewhere, to be handed back to it.
        void start(int category, long nanos, CategoryStack.Hops hops) {
            stack.start(category, nanos, hops, this);
        }

        void end(int category, long nanos, long elapsedNanos, CategoryStack.Hops hops) {
            stack.end(category, nanos, elapsedNanos, hops, this);
        }

        @Override
        public void credit(int category, long nanos) {
            if (inRequest) {
                spent[category] += nanos;
            }
        }
    }
}
