package io.pycounters.sample.posts;

import org.jspecify.annotations.Nullable;

/** The body of {@code POST /posts}. */
public record NewPost(@Nullable String author, @Nullable String text) {
}
