package io.pycounters;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pycounters.counters.AverageTimeCounter;
import io.pycounters.counters.TotalCounter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Problems on the recording path are logged once, not once per call. */
class LoggedOnceTest {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final CounterRegistry registry = new CounterRegistry(new ManualClock(), Duration.ofSeconds(10));

    LoggedOnceTest() {
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void detach() {
        root.detachAppender(appender);
    }

    private List<String> warnings() {
        return appender.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aThrowingCounterIsLoggedOnceWithItsName() {
        registry.register(new CounterRegistryTest.Broken("broken", "e"));
        for (int i = 0; i < 100; i++) {
            registry.reportEnd("e");
        }

        assertThat(warnings()).singleElement().asString().contains("Broken[broken on [e]]").contains("'e'");
        assertThat(appender.list.get(0).getThrowableProxy().getMessage()).isEqualTo("boom");
    }

    @Test
    void aBadValueIsWarnedAboutOncePerName() {
        registry.register(new TotalCounter("a"));
        registry.register(new TotalCounter("b"));
        for (int i = 0; i < 10; i++) {
            registry.reportValue("a", Double.NaN);
            registry.reportValue("b", Double.POSITIVE_INFINITY);
        }

        assertThat(warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("'a'", "NaN"))
                .anySatisfy(w -> assertThat(w).contains("'b'", "Infinity"));
    }

    @Test
    void anEndWithNoStartIsLoggedOnceByTheTimeCounter() {
        registry.register(new AverageTimeCounter("t"));
        for (int i = 0; i < 10; i++) {
            registry.reportEnd("t");
        }

        assertThat(warnings()).singleElement().asString().contains("'t'", "no START");
    }
}
