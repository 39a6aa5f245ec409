package io.pycounters.multiprocess;

import io.pycounters.CounterSnapshot;
import io.pycounters.counters.MergeableValue;
import io.pycounters.internal.SortedPairs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the snapshots of several processes counter by counter, as API.md says: sums for counts,
 * totals and frequencies, averages weighted by their sample counts, max of maxes, min of mins, keyed
 * sums key by key (see {@link MergeableValue#merge}). A counter that is of different kinds in two
 * processes keeps the first one's value (the leader's, when it has one), logged once per name.
 *
 * <p>Every snapshot is sorted by name, so the merge walks them side by side, like the merge step of
 * a merge sort, and yields the names in order: no hashing, no tree insertion.
 */
final class Merger {

    private static final Logger logger = LoggerFactory.getLogger(Merger.class);

    private final Set<String> loggedConflicts = ConcurrentHashMap.newKeySet();

    /** The merged snapshot of {@code nodes} (node id to its snapshot, the leader's first), collected at {@code at}. */
    CounterSnapshot merge(Instant at, Map<String, CounterSnapshot> nodes) {
        int count = nodes.size();
        String[] ids = new String[count];
        List<Iterator<Map.Entry<String, MergeableValue>>> iterators = new ArrayList<>(count);
        @SuppressWarnings("unchecked")
        Map.Entry<String, MergeableValue>[] heads = (Map.Entry<String, MergeableValue>[]) new Map.Entry<?, ?>[count];
        int expected = 0;
        int i = 0;
        for (Map.Entry<String, CounterSnapshot> node : nodes.entrySet()) {
            ids[i] = node.getKey();
            Iterator<Map.Entry<String, MergeableValue>> iterator = node.getValue().mergeableValues().entrySet().iterator();
            iterators.add(iterator);
            heads[i] = iterator.hasNext() ? iterator.next() : null;
            expected = Math.max(expected, node.getValue().mergeableValues().size());
            i++;
        }
        List<String> names = new ArrayList<>(expected);
        List<MergeableValue> values = new ArrayList<>(expected);
        while (true) {
            String smallest = null;
            for (Map.Entry<String, MergeableValue> head : heads) {
                if (head != null && (smallest == null || head.getKey().compareTo(smallest) < 0)) {
                    smallest = head.getKey();
                }
            }
            if (smallest == null) {
                break;
            }
            MergeableValue merged = null;
            for (i = 0; i < count; i++) {
                Map.Entry<String, MergeableValue> head = heads[i];
                if (head != null && head.getKey().equals(smallest)) {
                    merged = merged == null ? head.getValue() : merge(smallest, merged, head.getValue(), ids[i]);
                    Iterator<Map.Entry<String, MergeableValue>> iterator = iterators.get(i);
                    heads[i] = iterator.hasNext() ? iterator.next() : null;
                }
            }
            names.add(smallest);
            values.add(merged);
        }
        return CounterSnapshot.merged(at, new SortedPairs<>(names, values), nodes);
    }

    private MergeableValue merge(String name, MergeableValue mine, MergeableValue theirs, String node) {
        if (mine.getClass() != theirs.getClass()) {
            if (loggedConflicts.add(name)) {
                logger.warn("Counter '{}' is a {} in one process and a {} in node {}: its merged value leaves out"
                        + " the latter (logged once per counter)", name, mine.getClass().getSimpleName(),
                        theirs.getClass().getSimpleName(), node);
            }
            return mine;
        }
        return mine.merge(theirs);
    }
}
