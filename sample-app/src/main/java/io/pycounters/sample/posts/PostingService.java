package io.pycounters.sample.posts;

import io.pycounters.CounterRegistry;
import io.pycounters.annotation.Counted;
import io.pycounters.annotation.Timed;

import org.springframework.stereotype.Service;

/**
 * Adds posts. Its counters come from annotations alone: {@code posting}, the mean time of a call in
 * seconds, and {@code posts}, the number of posts since startup.
 */
@Service
public class PostingService {

    private final PostStore store;
    private final CounterRegistry registry;

    /** A service adding to {@code store}, stamping posts by the registry's clock. */
    public PostingService(PostStore store, CounterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** Stores the post; a blank author is "anonymous". */
    @Timed("posting")
    @Counted("posts")
    public Post post(String author, String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("a post needs some text");
        }
        return store.add(author.isBlank() ? "anonymous" : author.strip(), text.strip(), registry.clock().instant());
    }
}
