package io.pycounters.autoconfigure.multiprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pycounters.CounterRegistry;
import io.pycounters.CounterSnapshot;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import io.pycounters.multiprocess.MultiProcessCounters;
import io.pycounters.multiprocess.Role;
import io.pycounters.reporting.ReportScheduler;
import io.pycounters.reporting.Reporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@ExtendWith(OutputCaptureExtension.class)
class MultiProcessAutoConfigurationTests {

    private final List<Integer> ports = freePorts(2);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class, MultiProcessAutoConfiguration.class))
            .withPropertyValues("pycounters.multiprocess.ports=" + ports.get(0) + "," + ports.get(1),
                    "pycounters.log.enabled=false");

    @Test
    void withTheDefaultRoleNothingIsStarted() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MultiProcessCounters.class));
    }

    @Test
    void roleAutoElectsThisProcessAndItsReportersGetTheMergedSnapshot() {
        runner.withUserConfiguration(Captured.class).withPropertyValues("pycounters.multiprocess.role=auto")
                .run(context -> {
                    MultiProcessCounters counters = context.getBean(MultiProcessCounters.class);
                    assertThat(counters.role()).isEqualTo(Role.AUTO);
                    assertThat(counters.isLeader()).isTrue();
                    context.getBean(CounterRegistry.class).count("orders").close();

                    context.getBean(ReportScheduler.class).outputReport();

                    CounterSnapshot report = context.getBean(Captured.class).reports.get(0);
                    assertThat(report.values()).containsEntry("orders", 1.0);
                    assertThat(report.nodeReports()).containsOnlyKeys(counters.nodeId());
                });
    }

    @Test
    void aNodesReportersReportNothingTheLeaderReportsForIt() {
        runner.withPropertyValues("pycounters.multiprocess.role=leader").run(leader -> {
            runner.withUserConfiguration(Captured.class).withPropertyValues("pycounters.multiprocess.role=node")
                    .run(node -> {
                        assertThat(node.getBean(MultiProcessCounters.class).isLeader()).isFalse();
                        node.getBean(ReportScheduler.class).outputReport();
                        assertThat(node.getBean(Captured.class).reports).isEmpty();
                    });
        });
    }

    @Test
    void everyPortTakenBySomethingElseStopsStartupNamingThePortsProperty() throws IOException {
        try (ServerSocket first = bind(ports.get(0)); ServerSocket second = bind(ports.get(1))) {
            runner.withPropertyValues("pycounters.multiprocess.role=auto").run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("pycounters.multiprocess.ports");
            });
        }
    }

    @Test
    void roleLeaderWhereALeaderRunsStopsStartup() {
        runner.withPropertyValues("pycounters.multiprocess.role=leader").run(first -> {
            runner.withPropertyValues("pycounters.multiprocess.role=leader").run(second -> {
                assertThat(second).hasFailed();
                assertThat(second.getStartupFailure()).rootCause().hasMessageContaining("role 'leader'")
                        .hasMessageContaining("pycounters.multiprocess.ports");
            });
        });
    }

    @Test
    void aSecretShorterThan16BytesIsAStartupWarning(CapturedOutput output) {
        runner.withPropertyValues("pycounters.multiprocess.role=auto", "pycounters.multiprocess.secret=short")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(output).contains("pycounters.multiprocess.secret is shorter than 16 bytes");
    }

    @Test
    void aRoleWithoutASecretIsAStartupWarningThatAnyLocalProcessMayJoin(CapturedOutput output) {
        runner.withPropertyValues("pycounters.multiprocess.role=auto").run(context -> assertThat(context).hasNotFailed());
        assertThat(output).contains("role 'auto' without a secret (pycounters.multiprocess.secret): any local process"
                + " may join");
    }

    @Test
    void aSecretOfSixteenBytesOrMoreIsNoWarning(CapturedOutput output) {
        runner.withPropertyValues("pycounters.multiprocess.role=auto",
                "pycounters.multiprocess.secret=sixteen bytes at least").run(context -> assertThat(context).hasNotFailed());
        assertThat(output).doesNotContain("without a secret").doesNotContain("shorter than 16 bytes");
    }

    @Test
    void anEmptySecretStopsStartupNamingTheProperty() {
        runner.withPropertyValues("pycounters.multiprocess.role=auto", "pycounters.multiprocess.secret=${UNSET_SECRET:}")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("pycounters.multiprocess.secret is set but empty");
                });
    }

    @Test
    void aContextStoppedAndStartedAgainGoesOnWithoutTheGroupAndSaysSo(CapturedOutput output) {
        runner.withPropertyValues("pycounters.multiprocess.role=leader").run(context -> {
            context.stop();
            context.start();

            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MultiProcessCounters.class).isLeader()).isFalse();
        });
        assertThat(output).contains("multiprocess collection is not restarted with the context");
    }

    @Test
    void theCollectTimeoutIsAtMostFiveSecondsHalfTheReportIntervalAndHalfTheShutdownTimeout() {
        assertThat(MultiProcessAutoConfiguration.collectTimeout(Duration.ofMinutes(5), Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(MultiProcessAutoConfiguration.collectTimeout(Duration.ofSeconds(4), Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(MultiProcessAutoConfiguration.collectTimeout(Duration.ofMinutes(5), Duration.ofSeconds(1)))
                .as("the final report, its collection included, within the shutdown timeout")
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void closingTheContextStopsLeadingAndListening() {
        AtomicReference<MultiProcessCounters> counters = new AtomicReference<>();
        runner.withPropertyValues("pycounters.multiprocess.role=leader").run(context -> {
            counters.set(context.getBean(MultiProcessCounters.class));
            assertThat(counters.get().isLeader()).isTrue();
        });

        assertThat(counters.get().isLeader()).isFalse();
        // The listening socket is released by the kernel, which may take a moment on a busy machine
        // (seen once in CI): wait for the refusal rather than read the port at one instant.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), ports.get(0)).close())
                        .isInstanceOf(ConnectException.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class Captured {

        final List<CounterSnapshot> reports = new CopyOnWriteArrayList<>();

        @Bean
        Reporter capturingReporter() {
            return reports::add;
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    /** Free ports below Linux's ephemeral range, so that no outgoing connection takes one meanwhile. */
    private static List<Integer> freePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        java.util.Random random = new java.util.Random();
        while (ports.size() < count) {
            int port = 20000 + random.nextInt(12768);
            try (ServerSocket socket = bind(port)) {
                if (!ports.contains(port)) {
                    ports.add(port);
                }
            } catch (IOException taken) {
                // Another one.
            }
        }
        return ports;
    }
}
