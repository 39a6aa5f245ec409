package io.pycounters.autoconfigure.web;

import io.pycounters.counters.Counter;
import io.pycounters.counters.MergeableValue;
import io.pycounters.events.EventListener;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link io.pycounters.counters.ThreadTimeCategorizer} per request: the time the thread that
 * handles a request spends in each category while it does, with the categorizer's exclusive
 * categories (one that starts pauses the running one, which resumes when it ends). Outside a
 * request, its events cost one thread-local read and are not counted.
 *
 * <p>Its own value, as a {@code ThreadTimeCategorizer}'s, is the seconds requests spent in each
 * category, summed; the filters report each request's share as {@code http.time.CATEGORY}.
 */
final class RequestTimeCategorizer extends Counter {

    private final Category[] categories;
    private final LongAdder[] totals;
    private final ThreadLocal<Tally> tallies;

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
        long[] spent = tally.finish(nanos);
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
            tallies.get().start(index, nanos);
        }

        @Override
        public void onEnd(String event, long nanos, long elapsedNanos) {
            tallies.get().end(index, nanos);
        }

        @Override
        public String toString() {
            return RequestTimeCategorizer.this + " for '" + event + "'";
        }
    }

    /**
     * One thread's request: nanoseconds in each category, and the categories it is in, innermost
     * last, each with when it last (re)started. Reused by the thread's next request.
     */
    private static final class Tally {

        private static final int MAX_DEPTH = 1024;

        final long[] spent;
        int[] open = new int[8];
        long[] since = new long[8];
        int depth;
        boolean inRequest;

        Tally(int categories) {
            spent = new long[categories];
        }

        void begin() {
            Arrays.fill(spent, 0L);
            depth = 0;
            inRequest = true;
        }

        long[] finish(long nanos) {
            if (inRequest && depth > 0) {
                pause(nanos);
            }
            inRequest = false;
            depth = 0;
            return spent;
        }

        void start(int category, long nanos) {
            if (!inRequest) {
                return;
            }
            if (depth == MAX_DEPTH) {
                // STARTs with no END: forget them rather than grow without bound.
                depth = 0;
            }
            if (depth > 0) {
                pause(nanos);
            }
            if (depth == open.length) {
                open = Arrays.copyOf(open, depth * 2);
                since = Arrays.copyOf(since, depth * 2);
            }
            open[depth] = category;
            since[depth] = nanos;
            depth++;
        }

        void end(int category, long nanos) {
            if (!inRequest) {
                return;
            }
            int at = depth - 1;
            while (at >= 0 && open[at] != category) {
                at--;
            }
            if (at < 0) {
                return;
            }
            pause(nanos);
            depth = at;
            if (at > 0) {
                since[at - 1] = nanos;
            }
        }

        /** Credits the running category with its time so far. */
        private void pause(long nanos) {
            int top = depth - 1;
            spent[open[top]] += Math.max(0, nanos - since[top]);
            since[top] = nanos;
        }
    }
}
