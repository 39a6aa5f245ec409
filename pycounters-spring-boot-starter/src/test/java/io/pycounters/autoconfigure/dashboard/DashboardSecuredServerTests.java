package io.pycounters.autoconfigure.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The dashboard served for real, by Tomcat (Spring MVC) and by Netty (WebFlux), behind Spring
 * Security's defaults: the page is the application's to protect, and the starter neither opens
 * nor bypasses anything. The build runs this class alone in an execution of its own, the only one
 * with Spring Security's auto-configuration on the class path, which would otherwise guard every
 * test server of this module.
 */
@ExtendWith(OutputCaptureExtension.class)
class DashboardSecuredServerTests {

    static final String SECURITY = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration";

    private static final String USER = "user";
    private static final String PASSWORD = "s3cret";

    private final HttpClient http = HttpClient.newHttpClient();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    @BeforeAll
    static void needsSpringSecurity() {
        assumeTrue(ClassUtils.isPresent(SECURITY, null),
                "Spring Security's auto-configuration is not on this class path; the build's secured-tests execution runs this class");
    }

    private static ConfigurableApplicationContext start(WebApplicationType type) {
        return new SpringApplicationBuilder(App.class).web(type)
                .properties("server.port=0", "spring.main.banner-mode=off", "pycounters.log.enabled=false", "pycounters.dashboard.enabled=true",
                        "spring.security.user.name=" + USER, "spring.security.user.password=" + PASSWORD)
                .run();
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private HttpResponse<String> get(String url, @Nullable String user, @Nullable String password)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void anonymousRequestsAreTurnedAwayFromThePageAndItsData(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext context = start(type)) {
            for (String path : List.of("/pycounters", "/pycounters/data", "/pycounters/dashboard.js")) {
                HttpResponse<String> anonymous = get(base(context) + path, null, null);
                assertThat(anonymous.statusCode()).as(path).isIn(401, 302);
                assertThat(anonymous.body()).as(path).doesNotContain("PyCounters", "sequence");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void aWrongPasswordIsTurnedAway(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext context = start(type)) {
            assertThat(get(base(context) + "/pycounters", USER, "wrong").statusCode()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void aSignedInUserGetsThePageAndItsData(WebApplicationType type) throws Exception {
        try (ConfigurableApplicationContext context = start(type)) {
            for (String path : List.of("/pycounters", "/pycounters/data", "/pycounters/dashboard.js",
                    "/pycounters/chart.umd.min.js")) {
                assertThat(get(base(context) + path, USER, PASSWORD).statusCode()).as(path).isEqualTo(200);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = WebApplicationType.class, names = {"SERVLET", "REACTIVE"})
    void startupSaysThatSpringSecurityGuardsThePage(WebApplicationType type, CapturedOutput output) {
        try (ConfigurableApplicationContext context = start(type)) {
            assertThat(output).contains("PyCounters dashboard at /pycounters (pycounters.dashboard.enabled=true): "
                    + "Spring Security's filter chains guard it");
        }
    }
}
