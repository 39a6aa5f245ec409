package io.pycounters.sample.posts;

import java.time.Instant;

/** A post as it is stored and returned. */
public record Post(long id, String author, String text, Instant postedAt) {
}
