package io.pycounters.sample;

import java.util.List;
import java.util.Map;

import io.pycounters.CounterRegistry;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.AverageWindowCounter;
import io.pycounters.counters.EventCounter;
import io.pycounters.counters.FrequencyCounter;
import io.pycounters.counters.PercentileTimeCounter;
import io.pycounters.counters.TotalCounter;
import io.pycounters.sample.load.LoadGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app in a real servlet container on a random port, called over real HTTP, its counters
 * read through the injected registry. Counters are cumulative across tests (one context), so each
 * test counts with its own exact counters, listening to the app's events, that it registers first.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.load.enabled=false")
class SampleApplicationTests {

    private static final String SEARCHES = "test.searches";
    private static final String HITS = "test.cache.hits";
    private static final String MISSES = "test.cache.misses";
    private static final String RESULTS = "test.search.results";
    private static final String POSTINGS = "test.postings";
    private static final String DB = "test.db";
    private static final String REQUESTS = "test.requests";
    private static final String LOCK_WAITS = "test.lock.waits";

    @LocalServerPort
    private int port;

    @Autowired
    private CounterRegistry registry;

    @Autowired
    private ApplicationContext context;

    private RestClient client;

    @BeforeEach
    void setUp() {
        client = RestClient.create("http://localhost:" + port);
        registry.register(new EventCounter(SEARCHES, "search"));
        registry.register(new EventCounter(HITS, "cache.hit"));
        registry.register(new EventCounter(MISSES, "cache.miss"));
        registry.register(new TotalCounter(RESULTS, "search.results"));
        registry.register(new EventCounter(POSTINGS, "posting"));
        registry.register(new EventCounter(DB, "db"));
        registry.register(new EventCounter(REQUESTS, "http.requests.rate"));
        registry.register(new EventCounter(LOCK_WAITS, "posts.lock.wait"));
    }

    @AfterEach
    void tearDown() {
        List.of(SEARCHES, HITS, MISSES, RESULTS, POSTINGS, DB, REQUESTS, LOCK_WAITS).forEach(registry::unregister);
    }

    @Test
    void theAnnotatedAndInjectedCountersAreRegisteredAtStartup() {
        assertThat(registry.find("search")).get().isInstanceOf(AverageTimeCounter.class);
        assertThat(registry.find("search.rate")).get().isInstanceOf(FrequencyCounter.class);
        assertThat(registry.find("posting")).get().isInstanceOf(AverageTimeCounter.class);
        assertThat(registry.find("posts")).get().isInstanceOf(EventCounter.class);
        assertThat(registry.find("cache.hit")).get().isInstanceOf(FrequencyCounter.class);
        assertThat(registry.find("cache.miss")).get().isInstanceOf(FrequencyCounter.class);
        assertThat(registry.find("search.results")).get().isInstanceOf(AverageWindowCounter.class);
    }

    @Test
    void everyTimerHasTheMedianAndTheSlowestPercentOfApplicationYml() {
        for (String timer : List.of("search", "posting", "db", "http.GET./search")) {
            assertThat(registry.find(timer + ".percentiles")).get().isInstanceOf(PercentileTimeCounter.class)
                    .satisfies(c -> assertThat(((PercentileTimeCounter) c).percentiles()).containsExactly(0.5, 0.99));
        }
    }

    @Test
    void theLoadGeneratorIsLeftOutWhenDisabled() {
        assertThat(context.getBeanNamesForType(LoadGenerator.class)).isEmpty();
    }

    @Test
    void aRepeatedSearchMissesTheCacheOnceThenHitsIt() {
        List<Map<String, Object>> first = search("cachetest");
        List<Map<String, Object>> second = search("CacheTest");

        assertThat(second).isEqualTo(first);
        assertThat(count(SEARCHES)).isEqualTo(2.0);
        assertThat(count(MISSES)).isEqualTo(1.0);
        assertThat(count(HITS)).isEqualTo(1.0);
        assertThat(value("search")).isPositive();
        assertThat(value("search.rate")).isPositive();
        assertThat(value("cache.hit")).isPositive();
        assertThat(value("cache.miss")).isPositive();
    }

    @Test
    void aPostIsTimedAndCountedAndInvalidatesTheCachedSearches() {
        search("zebra");
        double postsBefore = count("posts");

        ResponseEntity<Map<String, Object>> created = post("someone", "a zebra crossing");

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).isNotNull();
        assertThat(created.getBody()).containsEntry("author", "someone").containsEntry("text", "a zebra crossing");
        assertThat(count(POSTINGS)).isEqualTo(1.0);
        assertThat(value("posts")).isEqualTo(postsBefore + 1);
        assertThat(value("posting")).isPositive();

        List<Map<String, Object>> found = search("zebra");
        assertThat(found).extracting(post -> post.get("text")).containsExactly("a zebra crossing");
        assertThat(count(MISSES)).isEqualTo(2.0);
        assertThat(count(HITS)).isZero();
    }

    @Test
    void aPostLeavesTheCachedSearchesForOtherWordsValid() {
        search("giraffe");

        post("someone", "an elephant");
        search("giraffe");

        assertThat(count(MISSES)).isEqualTo(1.0);
        assertThat(count(HITS)).isEqualTo(1.0);
    }

    @Test
    void theResultCountsAreRecordedAsValues() {
        post("a", "unicorn one");
        post("b", "two unicorns");
        post("c", "no match");

        assertThat(search("unicorn")).hasSize(2);
        assertThat(search("nothing-like-this")).isEmpty();

        assertThat(count(RESULTS)).isEqualTo(2.0);
        assertThat(value("search.results")).isNotNegative();
    }

    @Test
    void aPostWithoutTextIsRejectedAndNotCounted() {
        ResponseEntity<Void> response = client.post().uri("/posts")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("author", "nobody"))
                .retrieve()
                .onStatus(status -> true, (request, reply) -> { })
                .toBodilessEntity();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(count(POSTINGS)).isZero();
    }

    @Test
    void theStoresQueriesAndUpdatesAreTimedAsDbByApplicationYmlAlone() {
        post("someone", "a stored post");
        search("stored");

        assertThat(registry.find("db")).get().isInstanceOf(AverageTimeCounter.class);
        assertThat(count(DB)).as("an insert, its trim, then the search's freshness check and query").isGreaterThanOrEqualTo(4.0);
        assertThat(value("db")).isPositive();
    }

    @Test
    void waitingForThePostsLockIsTimed() {
        post("someone", "one");
        post("someone", "two");

        assertThat(registry.find("posts.lock.wait")).get().isInstanceOf(AverageTimeCounter.class);
        assertThat(count(LOCK_WAITS)).isEqualTo(2.0);
        assertThat(value("posts.lock.wait")).isNotNegative();
    }

    @Test
    void requestsAreCountedPerRouteTemplateAndMethod() {
        Object id = post("someone", "read me back").getBody().get("id");
        ResponseEntity<Map<String, Object>> read = client.get().uri("/posts/{id}", id).retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(read.getBody()).containsEntry("text", "read me back");
        awaitRequests(2);

        assertThat(registry.find("http.POST./posts")).get().isInstanceOf(AverageTimeCounter.class);
        assertThat(registry.find("http.GET./posts/{id}.rate")).get().isInstanceOf(FrequencyCounter.class);
        assertThat(value("http.GET./posts/{id}")).isPositive();
        assertThat(value("http.requests.rate")).isPositive();
        assertThat(registry.snapshot().values()).doesNotContainKey("http.GET./posts/" + id);
    }

    @Test
    void actuatorsAndTheDashboardsOwnRequestsCountOnlyInTheTotalsNeverAsRoutes() {
        for (String path : List.of("/actuator/health", "/actuator/prometheus", "/actuator/pycounters", "/pycounters",
                "/pycounters/dashboard.js", "/pycounters/dashboard.css", "/pycounters/chart.umd.min.js",
                "/pycounters/data?after=-1")) {
            client.get().uri(path).retrieve().toBodilessEntity();
        }
        awaitRequests(8);

        assertThat(registry.snapshot().values().keySet()).noneMatch(
                name -> name.startsWith("http.GET./actuator") || name.startsWith("http.GET./pycounters"));
    }

    @Test
    void aRoutesServerErrorsAreItsErrorsRate() {
        assertThat(registry.find("http.GET./search.errors.rate")).get().isInstanceOf(FrequencyCounter.class);
        assertThat(registry.find("http.POST./posts.errors.rate")).get().isInstanceOf(FrequencyCounter.class);
    }

    @Test
    void theTimeEachRequestSpendsInTheDatabaseIsHttpTimeDb() {
        search("anything");
        awaitRequests(1);

        assertThat(registry.find("http.time.db")).get().isInstanceOf(AverageTimeCounter.class);
        assertThat(value("http.time.db")).isPositive();
    }

    /** The server may answer before its filter records the request. */
    private void awaitRequests(int requests) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> count(REQUESTS) >= requests);
    }

    private List<Map<String, Object>> search(String word) {
        return client.get().uri("/search?q={word}", word)
                .retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
    }

    private ResponseEntity<Map<String, Object>> post(String author, String text) {
        return client.post().uri("/posts")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("author", author, "text", text))
                .retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    /** The running total of a counter that has one; 0 when nothing was recorded yet. */
    private double count(String name) {
        Object value = registry.find(name).orElseThrow().value();
        return value == null ? 0.0 : ((Number) value).doubleValue();
    }

    private double value(String name) {
        Object value = registry.find(name).orElseThrow().value();
        assertThat(value).as("value of counter %s", name).isInstanceOf(Number.class);
        return ((Number) value).doubleValue();
    }
}
