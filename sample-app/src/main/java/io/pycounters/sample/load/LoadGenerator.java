package io.pycounters.sample.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Sends the app's own endpoints a steady trickle of real HTTP requests on localhost, from the
 * moment the app is ready until it stops: mostly searches for a word, one in ten a new post, one in
 * ten a recent post read back by its id.
 *
 * <p>One request is in flight at a time, on one daemon thread, so the load is bounded by
 * {@code sample.load.interval}; but posts come in bursts of three at once, as they do in a busy
 * app, so that threads queue for the store's write lock and {@code posts.lock.wait} has something
 * to show. It stops before the web server does, so a shutdown logs no failed
 * requests. {@code sample.load.enabled=false} leaves it out.
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.load.enabled", matchIfMissing = true)
public class LoadGenerator implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(LoadGenerator.class);

    private static final List<String> WORDS = List.of("java", "spring", "counters", "latency", "cache",
            "search", "window", "frequency", "timing", "report", "boot", "events");

    /** One request in this many is a post, and one a read of a recent post; the rest are searches. */
    private static final int POST_EVERY = 10;

    /** How many posts are sent at once. */
    private static final int POST_BURST = 3;

    private final Duration interval;
    private volatile boolean running;
    private volatile @Nullable ScheduledExecutorService executor;
    private volatile @Nullable ExecutorService bursts;
    private volatile boolean failing;
    private volatile long lastPostId;

    /** A generator sending one request every {@code properties.interval()}. */
    public LoadGenerator(LoadProperties properties) {
        this.interval = properties.interval();
    }

    /** Starts sending requests to the port the web server listens on, now that it is ready. */
    @EventListener
    public void onApplicationReady(ApplicationReadyEvent event) {
        Integer port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", Integer.class);
        if (port == null) {
            logger.warn("No local web server port: the load generator does not start");
            return;
        }
        start(port);
    }

    private synchronized void start(int port) {
        if (!running || executor != null) {
            return;
        }
        RestClient client = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(requestFactory())
                .build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sample-load");
            thread.setDaemon(true);
            return thread;
        });
        ExecutorService burstPool = Executors.newFixedThreadPool(POST_BURST - 1, task -> {
            Thread thread = new Thread(task, "sample-load-burst");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> sendOne(client, burstPool), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        executor = scheduler;
        bursts = burstPool;
        logger.info("Load generator: one request every {} to http://localhost:{} (sample.load.enabled=false turns it off)",
                interval, port);
    }

    private static JdkClientHttpRequestFactory requestFactory() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(Duration.ofSeconds(5));
        return factory;
    }

    private void sendOne(RestClient client, ExecutorService burstPool) {
        // Any failure is caught: an exception escaping would cancel the schedule for good.
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int kind = random.nextInt(POST_EVERY);
            if (kind == 0) {
                List<Future<?>> others = new ArrayList<>(POST_BURST - 1);
                for (int i = 1; i < POST_BURST; i++) {
                    others.add(burstPool.submit(() -> post(client)));
                }
                post(client);
                for (Future<?> other : others) {
                    other.get(10, TimeUnit.SECONDS);
                }
            }
            else if (kind == 1 && lastPostId > 0) {
                client.get().uri("/posts/{id}", Math.max(1, lastPostId - random.nextInt(20)))
                        .retrieve()
                        .onStatus(status -> status.value() == 404, (request, response) -> { })
                        .toBodilessEntity();
            }
            else {
                client.get().uri("/search?q={word}", popularWord(random))
                        .retrieve()
                        .toBodilessEntity();
            }
            if (failing) {
                failing = false;
                logger.info("Load generator: requests succeed again");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException | ExecutionException | TimeoutException ex) {
            // Warn once per run of failures, not once per request.
            if (!failing) {
                failing = true;
                logger.warn("Load generator: a request failed; it keeps trying", ex);
            }
        }
    }

    private void post(RestClient client) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<?, ?> post = client.post().uri("/posts")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("author", "load-" + random.nextInt(10), "text", someWords(random)))
                .retrieve()
                .body(Map.class);
        if (post != null && post.get("id") instanceof Number id) {
            lastPostId = id.longValue();
        }
    }

    // Like real queries, a few words are searched far more often than the rest: the cache pays off.
    private static String popularWord(ThreadLocalRandom random) {
        return WORDS.get(Math.min(random.nextInt(WORDS.size()), random.nextInt(WORDS.size())));
    }

    private static String someWords(ThreadLocalRandom random) {
        StringJoiner text = new StringJoiner(" ");
        int count = 3 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            text.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        return text.toString();
    }

    /** Marks it running; requests begin on {@link ApplicationReadyEvent}, once the port is known. */
    @Override
    public synchronized void start() {
        running = true;
    }

    /** Stops sending requests and waits briefly for the one in flight. */
    @Override
    public synchronized void stop() {
        running = false;
        ScheduledExecutorService scheduler = executor;
        executor = null;
        ExecutorService burstPool = bursts;
        bursts = null;
        if (burstPool != null) {
            burstPool.shutdownNow();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether it is started and not yet stopped. */
    @Override
    public boolean isRunning() {
        return running;
    }
}
