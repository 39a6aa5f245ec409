package io.pycounters.sample.posts;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /posts}: adds a post and answers 201 with it. */
@RestController
public class PostController {

    private final PostingService posting;

    /** The endpoint in front of {@code posting}. */
    public PostController(PostingService posting) {
        this.posting = posting;
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
