package io.pycounters.sample.posts;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Repository;

/**
 * The posts, in memory, newest first. It keeps only the latest {@value #CAPACITY}, so that the load
 * generator can run for days in constant memory.
 */
@Repository
public class PostStore {

    /** How many posts are kept. */
    public static final int CAPACITY = 1_000;

    private final Deque<Post> posts = new ArrayDeque<>();
    private long lastId;
    private long version;

    /** Stores a new post and returns it with its id. */
    public synchronized Post add(String author, String text, Instant postedAt) {
        Post post = new Post(++lastId, author, text, postedAt);
        posts.addFirst(post);
        if (posts.size() > CAPACITY) {
            posts.removeLast();
        }
        version++;
        return post;
    }

    /** The posts whose text contains {@code word}, ignoring case, newest first, at most {@code limit}. */
    public synchronized List<Post> find(String word, int limit) {
        String needle = word.toLowerCase(Locale.ROOT);
        return posts.stream()
                .filter(post -> post.text().toLowerCase(Locale.ROOT).contains(needle))
                .limit(limit)
                .toList();
    }

    /** Changes whenever a post is added: what a cached search result is valid for. */
    public synchronized long version() {
        return version;
    }
}
