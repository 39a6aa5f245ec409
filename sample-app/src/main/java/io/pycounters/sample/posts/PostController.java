package io.pycounters.sample.posts;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /posts}: adds a post and answers 201 with it; {@code GET /posts/{id}}: one post. */
@RestController
public class PostController {

    private final PostingService posting;
    private final PostStore store;

    /** The endpoints in front of {@code posting} and {@code store}. */
    public PostController(PostingService posting, PostStore store) {
        this.posting = posting;
        this.store = store;
    }

    /** The post; 404 when there is none of that id (any more). */
    @GetMapping("/posts/{id}")
    public ResponseEntity<Post> get(@PathVariable long id) {
        return ResponseEntity.of(store.get(id));
    }

    /** Adds the post; 400 when it has no text. */
    @PostMapping("/posts")
    public ResponseEntity<Post> post(@RequestBody NewPost body) {
        String text = body.text();
        if (text == null || text.isBlank()) {
            return ResponseEntity.badRequest().build();
        }
        String author = body.author();
        Post post = posting.post(author == null ? "" : author, text);
        return ResponseEntity.created(URI.create("/posts/" + post.id())).body(post);
    }
}
