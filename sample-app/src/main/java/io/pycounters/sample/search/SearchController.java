package io.pycounters.sample.search;

import java.util.List;

import io.pycounters.sample.posts.Post;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /search?q=word}: the newest posts containing the word. */
@RestController
public class SearchController {

    private final SearchService search;

    /** The endpoint in front of {@code search}. */
    public SearchController(SearchService search) {
        this.search = search;
    }

    /** The posts found; 400 when {@code q} is blank. */
    @GetMapping("/search")
    public ResponseEntity<List<Post>> search(@RequestParam("q") String q) {
        if (q.isBlank()) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.ok(search.search(q));
    }
}
