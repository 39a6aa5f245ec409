package io.pycounters.sample.posts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import io.pycounters.CounterRegistry;
import io.pycounters.EventHandle;
import io.pycounters.counters.AverageTimeCounter;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The posts, in the embedded H2 database, through {@link JdbcTemplate}: every query and update is
 * timed as {@code db} by {@code pycounters.instrument} in application.yml, with no code here. It
 * keeps only the latest {@value #CAPACITY}, so that the load generator can run for days in
 * constant memory.
 *
 * <p>An insert and the trim that follows it run under one lock, so the table never holds more than
 * its capacity; the time a thread waits for that lock is {@code posts.lock.wait}, mean seconds.
 */
@Repository
public class PostStore {

    /** How many posts are kept. */
    public static final int CAPACITY = 1_000;

    private final JdbcTemplate jdbc;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final EventHandle lockWait;

    /** A store over the application's {@code jdbc}, recording its lock's waiting time in {@code registry}. */
    public PostStore(JdbcTemplate jdbc, CounterRegistry registry) {
        this.jdbc = jdbc;
        registry.registerIfAbsent("posts.lock.wait", name -> new AverageTimeCounter(name, registry.window()));
        this.lockWait = registry.event("posts.lock.wait");
    }

    /** Stores a new post and returns it with its id. */
    public Post add(String author, String text, Instant postedAt) {
        // Timed from asking for the lock to holding it: what a thread spends waiting.
        long asked = lockWait.startTiming();
        writeLock.lock();
        lockWait.endTiming(asked);
        try {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO post (author, text, posted_at) VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                insert.setString(1, author);
                insert.setString(2, text);
                insert.setObject(3, OffsetDateTime.ofInstant(postedAt, ZoneOffset.UTC));
                return insert;
            }, key);
            long id = Objects.requireNonNull(key.getKey(), "generated id").longValue();
            jdbc.update("DELETE FROM post WHERE id <= ?", id - CAPACITY);
            return new Post(id, author, text, postedAt);
        }
        finally {
            writeLock.unlock();
        }
    }

    /** The post of that id, while it is kept. */
    public Optional<Post> get(long id) {
        return jdbc.query("SELECT id, author, text, posted_at FROM post WHERE id = ?", PostStore::post, id)
                .stream().findFirst();
    }

    /** The posts whose text contains {@code word}, ignoring case, newest first, at most {@code limit}. */
    public List<Post> find(String word, int limit) {
        return jdbc.query("SELECT id, author, text, posted_at FROM post WHERE LOWER(text) LIKE ? ESCAPE '\\'"
                + " ORDER BY id DESC LIMIT ?", PostStore::post, like(word), limit);
    }

    /** The id of the newest post, 0 before the first: what a search result is as fresh as. */
    public long lastId() {
        Long last = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM post", Long.class);
        return last == null ? 0 : last;
    }

    /**
     * Whether what {@link #find} answers for {@code word} may have changed since the newest post was
     * {@code sinceId}: a newer post contains the word, or posts were dropped to make room.
     */
    public boolean changedSince(long sinceId, String word) {
        Boolean changed = jdbc.queryForObject("SELECT COALESCE(MIN(id), 0) > ? + 1"
                + " OR EXISTS (SELECT 1 FROM post WHERE id > ? AND LOWER(text) LIKE ? ESCAPE '\\') FROM post",
                Boolean.class, sinceId, sinceId, like(word));
        return Boolean.TRUE.equals(changed);
    }

    private static String like(String word) {
        String escaped = word.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static Post post(ResultSet row, int rowNumber) throws SQLException {
        return new Post(row.getLong("id"), row.getString("author"), row.getString("text"),
                row.getObject("posted_at", OffsetDateTime.class).toInstant());
    }
}
