package io.pycounters.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.reporting.ReportScheduler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The sample app with {@code pycounters.enabled=false}: it starts (its beans inject the registry),
 * serves its routes, and nothing of PyCounters is left: no endpoint, no dashboard, no meters, no
 * reports, no proxies.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"sample.load.enabled=false", "pycounters.enabled=false"})
class SampleAppKillSwitchTests {

    @LocalServerPort
    private int port;

    @Autowired
    private CounterRegistry registry;

    @Autowired
    private ApplicationContext context;

    private RestClient client() {
        return RestClient.create("http://localhost:" + port);
    }

    private HttpStatus status(String path) {
        return HttpStatus.valueOf(client().get().uri(path).retrieve().onStatus(status -> true, (request, reply) -> { })
                .toBodilessEntity().getStatusCode().value());
    }

    @Test
    void theAppStartsWithARegistryThatRecordsNowhereAndServesItsRoutes() {
        assertThat(registry.isDisabled()).isTrue();
        client().post().uri("/posts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("author", "ann", "text", "hello world")).retrieve().toBodilessEntity();
        assertThat(status("/search?q=hello")).isEqualTo(HttpStatus.OK);
        assertThat(registry.snapshot().values()).isEmpty();
    }

    @Test
    void neitherTheEndpointNorTheDashboardAnswers() {
        assertThat(status("/actuator/pycounters")).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status("/pycounters")).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status("/pycounters/data")).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void noMeterNoReportAndNoProxy() {
        String prometheus = client().get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(prometheus).doesNotContain("pycounters_");
        assertThat(context.getBeansOfType(ReportScheduler.class)).isEmpty();
        // Other proxies (transactions) stay; none has an advisor of ours.
        assertThat(context.getBeansOfType(Advised.class).values()).flatMap(advised -> List.of(advised.getAdvisors()))
                .noneMatch(advisor -> advisor.getClass().getName().startsWith("io.pycounters"));
    }
}
