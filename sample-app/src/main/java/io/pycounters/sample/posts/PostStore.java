package io.pycounters.sample.posts;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
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

    /** Stores a new post and returns it with its id. */
    public synchronized Post add(String author, String text, Instant postedAt) {
        Post post = new Post(++lastId, author, text, postedAt);
        posts.addFirst(post);
        if (posts.size() > CAPACITY) {
            posts.removeLast();
        }
        return post;
    }

    /** The posts whose text contains {@code word}, ignoring case, newest first, at most {@code limit}. */
    public synchronized List<Post> find(String word, int limit) {
        String needle = word.toLowerCase(Locale.ROOT);
        return posts.stream()
                .filter(post -> contains(post, needle))
                .limit(limit)
                .toList();
    }

    /** The id of the newest post, 0 before the first: what a search result is as fresh as. */
    public synchronized long lastId() {
        return lastId;
    }

    /**
     * Whether what {@link #find} answers for {@code word} may have changed since the newest post was
     * {@code sinceId}: a newer post contains the word, or posts were dropped to make room.
     */
    public synchronized boolean changedSince(long sinceId, String word) {
        Post oldest = posts.peekLast();
        if (oldest != null && oldest.id() > sinceId + 1) {
            return true;
        }
        String needle = word.toLowerCase(Locale.ROOT);
        for (Iterator<Post> newestFirst = posts.iterator(); newestFirst.hasNext();) {
            Post post = newestFirst.next();
            if (post.id() <= sinceId) {
                return false;
            }
            if (contains(post, needle)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(Post post, String lowerCaseWord) {
        return post.text().toLowerCase(Locale.ROOT).contains(lowerCaseWord);
    }
}
