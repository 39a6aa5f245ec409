package io.pycounters.multiprocess;

import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.reporting.ReportScheduler;
import io.pycounters.reporting.Reporter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the processes of one host report as one: they elect a leader over loopback TCP, and at each
 * report the leader collects every process's counters, merges them, and its reporters get the merged
 * snapshot, with each process's own values under {@link CounterSnapshot#nodeReports()}. Without
 * Spring:
 *
 * <pre>
 * CounterRegistry registry = new CounterRegistry();
 * MultiProcessCounters group = MultiProcessCounters.builder(registry)
 *         .role(Role.AUTO).ports(List.of(60907, 60906)).secret(System.getenv("COUNTERS_SECRET"))
 *         .build();
 * group.start();                                   // elects; throws on a port list that cannot work
 * ReportScheduler reports = group.reportScheduler(List.of(new LogReporter(), new JsonFileReporter(path)));
 * reports.start(Duration.ofMinutes(5));
 * ...
 * reports.close();                                 // the leader's last report
 * group.close();
 * </pre>
 *
 * <p><b>Election.</b> With {@link Role#AUTO}, a process tries the ports in order: the first it can
 * bind makes it the leader; on a port that is bound already it connects, and when a leader of its
 * group answers there (it proves the secret, when there is one) it becomes that leader's node. A
 * leader on a later port tries the earlier ones every probe interval and moves to one that frees up
 * (its nodes follow: they lose the connection and elect again), or joins the leader it finds there.
 * When the leader dies, even by SIGKILL, its nodes see the connection end and elect again at once.
 * {@link Role#LEADER} leads: an {@link Role#AUTO} leader it finds steps down for it (and becomes
 * its node), one of role leader makes it fail; {@link Role#NODE} never leads.
 *
 * <p><b>Collection.</b> {@link #snapshot()} on the leader asks every node for its values, waits at
 * most the collect timeout, and merges them with its own; a node that does not answer in time is
 * left out of that report and named in the log. On a node it is just that process's own snapshot,
 * and the reporters of {@link #reportScheduler} or {@link #leaderOnly} do not report it: the leader
 * reports for all.
 *
 * <p>Listens on the loopback address only. Needs {@code tools.jackson.core:jackson-core} at run time
 * (an optional dependency of pycounters-core). Thread-safe; starts once.
 */
public final class MultiProcessCounters implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(MultiProcessCounters.class);

    /** The property that names the ports, for messages that Spring and plain-Java users both read. */
    static final String PORTS_PROPERTY = "pycounters.multiprocess.ports";
    static final String SECRET_PROPERTY = "pycounters.multiprocess.secret";

    private final CounterRegistry registry;
    private final Settings settings;
    private final Coordinator coordinator;
    private final Object lock = new Object();
    private boolean started;
    private boolean closed;

    private MultiProcessCounters(CounterRegistry registry, Settings settings) {
        this.registry = registry;
        this.settings = settings;
        this.coordinator = new Coordinator(registry, settings);
    }

    /**
     * {@return a builder for the processes of {@code registry}'s group}
     *
     * @param registry this process's counters
     */
    public static Builder builder(CounterRegistry registry) {
        return new Builder(registry);
    }

    /** {@return this process's id: unique on the host among live processes, the same for this object's life} */
    public String nodeId() {
        return settings.nodeId();
    }

    /** Where this process stands, for tests. */
    Coordinator coordinator() {
        return coordinator;
    }

    /** {@return the role this process was given} */
    public Role role() {
        return settings.role();
    }

    /** {@return whether this process leads now} */
    public boolean isLeader() {
        return coordinator.leader() != null;
    }

    /** {@return the port of the leader: this process's own when it leads; empty while there is none} */
    public OptionalInt leaderPort() {
        Leader current = coordinator.leader();
        if (current != null) {
            return OptionalInt.of(current.port());
        }
        int port = coordinator.followingPort();
        return coordinator.isFollowing() && port > 0 ? OptionalInt.of(port) : OptionalInt.empty();
    }

    /** {@return the ids of the nodes connected to this process, when it leads; otherwise empty} */
    public List<String> connectedNodes() {
        Leader current = coordinator.leader();
        return current == null ? List.of() : current.nodes();
    }

    /**
     * Elects: after it returns, this process leads, follows a leader, or (a node with no leader yet)
     * keeps looking in the background. Does nothing for {@link Role#NONE}.
     *
     * @throws IllegalStateException when every port is taken by something that is not a leader of
     *         this group, or when {@link Role#LEADER} finds a leader of its group already
     */
    public void start() {
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("MultiProcessCounters starts once");
            }
            started = true;
            if (settings.role() == Role.NONE) {
                return;
            }
            // Checked before anything goes on the wire: a missing Jackson is a clear error.
            requireJackson();
            if (!settings.auth().hasSecret()) {
                logger.warn("PyCounters multiprocess role '{}' without a secret ({}): any local process may join the"
                        + " group, read this host's counters and send values of its own; set one of at least 16 random"
                        + " bytes where other users or programs share the host", settings.role().name().toLowerCase(
                                java.util.Locale.ROOT), SECRET_PROPERTY);
            }
            coordinator.start();
        }
    }

    /**
     * {@return the values to report: on the leader, every process's values merged, with each one's own under
     * {@link CounterSnapshot#nodeReports()}; elsewhere this process's own snapshot}
     */
    public CounterSnapshot snapshot() {
        CounterSnapshot own = registry.snapshot();
        Leader current = coordinator.leader();
        return current == null ? own : current.collect(own);
    }

    /**
     * {@return whether a snapshot of {@link #snapshot()} is to be reported by this process: always for
     * {@link Role#NONE}, otherwise only when it was merged by the leader}
     *
     * @param snapshot a snapshot of {@link #snapshot()}
     */
    public boolean reportsHere(CounterSnapshot snapshot) {
        return settings.role() == Role.NONE || !snapshot.nodeReports().isEmpty();
    }

    /**
     * {@return {@code reporter}, reporting only the snapshots this process is to report (see {@link #reportsHere})}
     *
     * @param reporter the reporter
     */
    public Reporter leaderOnly(Reporter reporter) {
        Objects.requireNonNull(reporter, "reporter");
        return new Reporter() {
            @Override
            public void report(CounterSnapshot snapshot) throws Exception {
                if (reportsHere(snapshot)) {
                    reporter.report(snapshot);
                }
            }

            @Override
            public String toString() {
                return reporter.toString();
            }
        };
    }

    /**
     * {@return a report scheduler of {@link #snapshot()} to {@code reporters}, each {@linkplain #leaderOnly leader only}}
     *
     * @param reporters the reporters, in order
     */
    public ReportScheduler reportScheduler(List<Reporter> reporters) {
        return reportScheduler(reporters, reporter -> false);
    }

    /**
     * A report scheduler of {@link #snapshot()} to {@code reporters}, in order: those that
     * {@code everySnapshot} accepts get every snapshot (the merged one on the leader, this process's
     * own on a node: views of this process, such as a dashboard page), the others only the leader's
     * merged ones (the log, the JSON file, anything that would count a node's values twice).
     *
     * @param reporters the reporters, in order
     * @param everySnapshot which reporters get every snapshot
     * @return the scheduler, not started
     */
    public ReportScheduler reportScheduler(List<Reporter> reporters, Predicate<? super Reporter> everySnapshot) {
        Objects.requireNonNull(everySnapshot, "everySnapshot");
        return new ReportScheduler(registry.clock(), this::snapshot,
                reporters.stream().map(reporter -> everySnapshot.test(reporter) ? reporter : leaderOnly(reporter)).toList());
    }

    /** Stops leading or following; the nodes of a leader that closes elect another one. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        coordinator.close();
    }

    private static void requireJackson() {
        try {
            Class.forName("tools.jackson.core.json.JsonFactory", false, MultiProcessCounters.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError ex) {
            throw new IllegalStateException("MultiProcessCounters needs tools.jackson.core:jackson-core (Jackson 3)"
                    + " on the class path", ex);
        }
    }

    /** Builds a {@link MultiProcessCounters}; every setting has a default. */
    public static final class Builder {

        private final CounterRegistry registry;
        private Role role = Role.AUTO;
        private List<Integer> ports = List.of(60907, 60906);
        private @Nullable String secret;
        private @Nullable String nodeId;
        // 10,000 counters with the longest names (200 characters) take 2.4 MB, with names of 20
        // characters 0.6 MB (WireFormatTest measures both), 10,000 percentile counters of 2,000
        // spread samples each about 4.8 MB (docs/multiprocess.md has the figures).
        private int maxFrameBytes = 8 * 1024 * 1024;
        private int maxBufferedBytes = 16 * 1024 * 1024;
        private Duration frameTimeout = Duration.ofSeconds(10);
        private Duration handshakeTimeout = Duration.ofSeconds(5);
        private Duration collectTimeout = Duration.ofSeconds(5);
        private Duration retryInterval = Duration.ofSeconds(1);
        private Duration probeInterval = Duration.ofSeconds(5);
        private @Nullable Duration leaderTimeout;
        private @Nullable Duration reportInterval;

        private Builder(CounterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * The role; {@link Role#AUTO} by default.
         *
         * @param role the role
         * @return this builder
         */
        public Builder role(Role role) {
            this.role = Objects.requireNonNull(role, "role");
            return this;
        }

        /**
         * The loopback ports, tried in order; 60907, 60906 by default.
         *
         * @param ports the ports, at least one, each once
         * @return this builder
         */
        public Builder ports(List<Integer> ports) {
            if (ports == null || ports.isEmpty()) {
                throw new IllegalArgumentException(PORTS_PROPERTY + " must list at least one port");
            }
            for (Integer port : ports) {
                if (port == null || port < 1 || port > 65535) {
                    throw new IllegalArgumentException(PORTS_PROPERTY + " must be ports from 1 to 65535, not " + port);
                }
            }
            if (ports.stream().distinct().count() != ports.size()) {
                throw new IllegalArgumentException(PORTS_PROPERTY + " lists a port twice: " + ports);
            }
            this.ports = List.copyOf(ports);
            return this;
        }

        /**
         * The secret each process proves it knows (never sent); null for none, which {@link #start()}
         * logs as a warning (any local process may join). One shorter than 16 bytes is logged as a
         * warning too.
         *
         * @param secret the secret, or null
         * @return this builder
         * @throws IllegalArgumentException when it is empty: set but empty is a mistake (an unset
         *         variable, say), not a choice of no secret
         */
        public Builder secret(@Nullable String secret) {
            if (secret != null && secret.isEmpty()) {
                throw new IllegalArgumentException(SECRET_PROPERTY + " is set but empty (an unset variable, as in"
                        + " ${COUNTERS_SECRET:}?): set a secret of at least 16 random bytes, or none at all");
            }
            this.secret = secret;
            return this;
        }

        /**
         * This process's id; by default its pid and a random suffix, unique among live processes.
         *
         * @param nodeId the id: printable ASCII, no spaces
         * @return this builder
         */
        public Builder nodeId(String nodeId) {
            if (nodeId == null || !MessageCodec.isNodeId(nodeId)) {
                throw new IllegalArgumentException("A node id is 1 to " + MessageCodec.MAX_TOKEN_LENGTH
                        + " printable ASCII characters without spaces, not '" + nodeId + "'");
            }
            this.nodeId = nodeId;
            return this;
        }

        /**
         * The largest frame read or written; 8 MiB by default, what 10,000 counters need with room
         * to spare, percentile counters included.
         *
         * @param maxFrameBytes the size in bytes, at least 1024
         * @return this builder
         */
        public Builder maxFrameBytes(int maxFrameBytes) {
            if (maxFrameBytes < 1024) {
                throw new IllegalArgumentException("maxFrameBytes must be at least 1024, not " + maxFrameBytes);
            }
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /**
         * The most bytes of the nodes' values frames a leader holds at once, read but not merged
         * yet; 16 MiB by default. A frame that finds no room within the frame timeout drops its
         * connection, so that no number of nodes can exhaust the leader's heap.
         *
         * @param maxBufferedBytes the size in bytes, at least 1024
         * @return this builder
         */
        public Builder maxBufferedBytes(int maxBufferedBytes) {
            if (maxBufferedBytes < 1024) {
                throw new IllegalArgumentException("maxBufferedBytes must be at least 1024, not " + maxBufferedBytes);
            }
            this.maxBufferedBytes = maxBufferedBytes;
            return this;
        }

        /**
         * How long the rest of a frame may take once it started; 10 s by default.
         *
         * @param timeout the timeout, positive
         * @return this builder
         */
        public Builder frameTimeout(Duration timeout) {
            this.frameTimeout = positive("frameTimeout", timeout);
            return this;
        }

        /**
         * How long a connecting process has to join; 5 s by default.
         *
         * @param timeout the timeout, positive
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive("handshakeTimeout", timeout);
            return this;
        }

        /**
         * How long the leader waits for the nodes' values at a report; 5 s by default.
         *
         * @param timeout the timeout, positive
         * @return this builder
         */
        public Builder collectTimeout(Duration timeout) {
            this.collectTimeout = positive("collectTimeout", timeout);
            return this;
        }

        /**
         * How often a process with no leader looks for one; 1 s by default.
         *
         * @param interval the interval, positive
         * @return this builder
         */
        public Builder retryInterval(Duration interval) {
            this.retryInterval = positive("retryInterval", interval);
            return this;
        }

        /**
         * How often a leader on a backup port tries the earlier ports; 5 s by default.
         *
         * @param interval the interval, positive
         * @return this builder
         */
        public Builder probeInterval(Duration interval) {
            this.probeInterval = positive("probeInterval", interval);
            return this;
        }

        /**
         * How long a node waits for the leader's next collection before it takes the leader for hung
         * (stopped, not dead: a dead leader's connections end at once) and elects again, under a
         * leader that announces no {@linkplain #reportInterval report interval}; null, the default,
         * waits for ever. Under a leader that announces one, a node waits three of its intervals plus
         * the collect timeout instead.
         *
         * @param timeout the timeout, positive, or null
         * @return this builder
         */
        public Builder leaderTimeout(@Nullable Duration timeout) {
            this.leaderTimeout = timeout == null ? null : positive("leaderTimeout", timeout);
            return this;
        }

        /**
         * The interval of this process's reports, which a leader announces to its nodes: they take
         * it for hung after three intervals plus their collect timeout without a collection,
         * whatever their own interval; null, the default, announces none (the nodes then use their
         * own {@link #leaderTimeout}). The starter sets it from {@code pycounters.report-interval}.
         *
         * @param interval the report interval, from 1 s, or null
         * @return this builder
         */
        public Builder reportInterval(@Nullable Duration interval) {
            if (interval != null && interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("reportInterval must be at least 1s, not " + interval);
            }
            this.reportInterval = interval;
            return this;
        }

        /**
         * {@return the collection of this process, not started}
         */
        public MultiProcessCounters build() {
            if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < 16) {
                logger.warn(SECRET_PROPERTY + " is shorter than 16 bytes: use a longer, random one");
            }
            if (maxBufferedBytes < maxFrameBytes) {
                throw new IllegalArgumentException("maxBufferedBytes (" + maxBufferedBytes + ") must hold at least one"
                        + " frame of maxFrameBytes (" + maxFrameBytes + ")");
            }
            String id = nodeId != null ? nodeId : defaultNodeId();
            return new MultiProcessCounters(registry, new Settings(role, ports, id, new Auth(secret), maxFrameBytes, maxBufferedBytes,
                    frameTimeout, handshakeTimeout, collectTimeout, retryInterval, probeInterval, leaderTimeout,
                    reportInterval));
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
            return value;
        }

        // The pid keeps ids readable; the suffix keeps them unique where pids are not (containers
        // that share a network namespace each have a pid 1).
        private static String defaultNodeId() {
            byte[] suffix = new byte[3];
            new SecureRandom().nextBytes(suffix);
            return ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(suffix);
        }
    }
}
