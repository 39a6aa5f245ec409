package io.pycounters.sample.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.annotation.Frequency;
import io.pycounters.annotation.Timed;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.sample.posts.Post;
import io.pycounters.sample.posts.PostStore;

import org.springframework.stereotype.Service;

/**
 * Searches posts by word, caching recent results until a new post contains the word.
 *
 * <p>Its counters: {@code search}, the mean time of a search in seconds, and {@code search.rate},
 * searches per second, both from annotations; {@code cache.hit} and {@code cache.miss}, per
 * second, and {@code search.results}, the mean number of posts found, recorded through the
 * injected registry.
 */
@Service
public class SearchService {

    /** The most posts one search returns. */
    public static final int MAX_RESULTS = 20;

    private static final int CACHE_SIZE = 256;

    private final PostStore store;
    private final Map<String, CachedResult> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CachedResult> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    // Resolved once: recording through a handle is a plain call, no look-up by name.
    private final EventHandle cacheHit;
    private final EventHandle cacheMiss;
    private final EventHandle resultCount;

    /** A service searching {@code store}, recording its cache and result counters in {@code registry}. */
    public SearchService(PostStore store, CounterRegistry registry) {
        this.store = store;
        // A handle feeds only the counters registered for its event, so they are registered here,
        // once, with the window the application configured (pycounters.window); being registered
        // at startup, they are in every report from the first.
        registry.registerIfAbsent("cache.hit", name -> new FrequencyCounter(name, registry.window()));
        registry.registerIfAbsent("cache.miss", name -> new FrequencyCounter(name, registry.window()));
        registry.registerIfAbsent("search.results", name -> new AverageWindowCounter(name, registry.window()));
        this.cacheHit = registry.event("cache.hit");
        this.cacheMiss = registry.event("cache.miss");
        this.resultCount = registry.event("search.results");
    }

    /** The newest posts containing {@code word}, ignoring case, at most {@value #MAX_RESULTS}. */
    @Timed("search")
    @Frequency("search.rate")
    public List<Post> search(String word) {
        String key = word.strip().toLowerCase(Locale.ROOT);
        CachedResult cached;
        synchronized (cache) {
            cached = cache.get(key);
        }
        List<Post> posts;
        if (cached != null && !store.changedSince(cached.lastPostId(), key)) {
            cacheHit.occurrence();
            posts = cached.posts();
        }
        else {
            cacheMiss.occurrence();
            long lastPostId = store.lastId();
            simulateIndexLatency();
            posts = store.find(key, MAX_RESULTS);
            synchronized (cache) {
                cache.put(key, new CachedResult(lastPostId, posts));
            }
        }
        resultCount.value(posts.size());
        return posts;
    }

    // The store is an in-memory list, far faster than the index a real service would query; a few
    // milliseconds per miss make the log show what the cache saves.
    private static void simulateIndexLatency() {
        try {
            Thread.sleep(5);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a search found, when the newest post was {@code lastPostId}. */
    private record CachedResult(long lastPostId, List<Post> posts) {
    }
}
