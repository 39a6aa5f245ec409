package io.pycounters.multiprocess;

import io.pycounters.CounterSnapshot;
import io.pycounters.counters.MergeableValue;
import java.time.Instant;
import java.util.HashMap;
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
 */
final class Merger {

    private static final Logger logger = LoggerFactory.getLogger(Merger.class);

    private final Set<String> loggedConflicts = ConcurrentHashMap.newKeySet();

    /** The merged snapshot of {@code nodes} (node id to its snapshot, the leader's first), collected at {@code at}. */
    CounterSnapshot merge(Instant at, Map<String, CounterSnapshot> nodes) {
        Map<String, MergeableValue> merged = new HashMap<>();
        for (Map.Entry<String, CounterSnapshot> node : nodes.entrySet()) {
            for (Map.Entry<String, MergeableValue> counter : node.getValue().mergeableValues().entrySet()) {
                merged.merge(counter.getKey(), counter.getValue(), (mine, theirs) -> {
                    if (mine.getClass() != theirs.getClass()) {
                        if (loggedConflicts.add(counter.getKey())) {
                            logger.warn("Counter '{}' is a {} in one process and a {} in node {}: its merged value"
                                    + " leaves out the latter (logged once per counter)", counter.getKey(),
                                    mine.getClass().getSimpleName(), theirs.getClass().getSimpleName(), node.getKey());
                        }
                        return mine;
                    }
                    return mine.merge(theirs);
                });
            }
        }
        return CounterSnapshot.merged(at, merged, nodes);
    }
}
