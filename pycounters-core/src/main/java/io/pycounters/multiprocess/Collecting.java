package io.pycounters.multiprocess;

import io.pycounters.CounterSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A leader's collections: at each report it asks every joined node at once, waits at most the
 * collect timeout, and merges the answers with its own values; the frames' bytes go back to the
 * leader's budget once merged.
 */
final class Collecting {

    private final Settings settings;
    private final ValuesBudget budget;
    private final Warnings warnings;
    private final AtomicLong collectIds = new AtomicLong();
    private final Merger merger = new Merger();

    Collecting(Settings settings, ValuesBudget budget, Warnings warnings) {
        this.settings = settings;
        this.budget = budget;
        this.warnings = warnings;
    }

    /**
     * Collects every connected node's values, waiting at most the collect timeout, and merges them
     * with the leader's own. A node that does not answer in time, or has not answered the previous
     * collection yet, is left out of this report and named in the log.
     */
    CounterSnapshot collect(CounterSnapshot own, Collection<Peer> peers) {
        long id = collectIds.incrementAndGet();
        long deadline = System.nanoTime() + settings.collectTimeout().toNanos();
        Map<Peer, CompletableFuture<Peer.Answer>> asked = new LinkedHashMap<>();
        List<String> leftOut = new ArrayList<>();
        for (Peer peer : peers) {
            if (!peer.joined()) {
                continue; // still joining: from the next report on
            }
            CompletableFuture<Peer.Answer> answer = peer.ask(id);
            if (answer == null) {
                leftOut.add(peer.id + " (still busy with the previous collection)");
            } else {
                asked.put(peer, answer);
            }
        }
        try {
            return merge(own, deadline, asked, leftOut);
        } finally {
            // The frames' bytes go back to the budget once merged, or once they come, when late.
            for (CompletableFuture<Peer.Answer> answer : asked.values()) {
                answer.thenAccept(a -> budget.release(a.bytes()));
            }
        }
    }

    private CounterSnapshot merge(CounterSnapshot own, long deadline, Map<Peer, CompletableFuture<Peer.Answer>> asked,
            List<String> leftOut) {
        Map<String, CounterSnapshot> nodes = new LinkedHashMap<>();
        nodes.put(settings.nodeId(), own);
        for (Map.Entry<Peer, CompletableFuture<Peer.Answer>> entry : asked.entrySet()) {
            Peer peer = entry.getKey();
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                Message.Values values = entry.getValue().get(left, TimeUnit.NANOSECONDS).values();
                nodes.put(peer.id, CounterSnapshot.of(Instant.ofEpochMilli(values.time()), values.counters()));
            } catch (TimeoutException ex) {
                leftOut.add(peer.id + " (no answer within " + settings.collectTimeout().toMillis() + " ms)");
            } catch (ExecutionException ex) {
                leftOut.add(peer.id + " (" + Leader.describe(ex.getCause()) + ")");
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                leftOut.add(peer.id + " (interrupted)");
                break;
            }
        }
        if (!leftOut.isEmpty()) {
            warnings.warn("left out", "PyCounters report leaves out the values of node(s) {}", leftOut);
        }
        return merger.merge(own.collectedAt(), nodes);
    }
}
