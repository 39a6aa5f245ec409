package io.pycounters.autoconfigure.internal.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pycounters.CounterRegistry;
import io.pycounters.annotation.Counted;
import io.pycounters.autoconfigure.PyCountersAutoConfiguration;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/** An HTTP interface client: a proxy with no target, whose one advice makes the request. */
class HttpInterfaceClientCountersTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false")
            .withBean(PingClient.class, HttpInterfaceClientCountersTests::client);

    @Test
    void countedMethodOfAnHttpInterfaceClientIsCounted() {
        runner.run(context -> {
            PingClient client = context.getBean(PingClient.class);
            assertThat(client.ping()).isEqualTo("pong");
            client.ping();
            assertThat(context.getBean(CounterRegistry.class).find("pings").orElseThrow().value()).isEqualTo(2.0);
        });
    }

    @Test
    void clientProxyGetsTheCountersBeforeTheAdviceThatMakesTheRequest() {
        runner.run(context -> {
            Advisor[] advisors = ((Advised) context.getBean(PingClient.class)).getAdvisors();
            assertThat(advisors).hasSize(2);
            assertThat(advisors[0]).isInstanceOf(MethodCountersAdvisor.class);
            assertThat(advisors[1]).isNotInstanceOf(MethodCountersAdvisor.class);
        });
    }

    // Answers every request itself: no server, no port.
    private static PingClient client() {
        RestClient rest = RestClient.builder().baseUrl("http://localhost").requestFactory((uri, method) -> {
            MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
            request.setResponse(new MockClientHttpResponse("pong".getBytes(StandardCharsets.UTF_8), HttpStatus.OK));
            return request;
        }).build();
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(rest)).build().createClient(PingClient.class);
    }

    interface PingClient {

        @Counted("pings")
        @GetExchange("/ping")
        String ping();
    }
}
