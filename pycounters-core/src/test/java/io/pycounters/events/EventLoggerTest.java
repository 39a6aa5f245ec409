package io.pycounters.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pycounters.CounterRegistry;
import io.pycounters.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logging events, filtered by name and kind. */
class EventLoggerTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("events." + System.nanoTime());
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final ManualClock clock = new ManualClock();
    private final CounterRegistry registry = new CounterRegistry(clock, Duration.ofSeconds(10));

    EventLoggerTest() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void reportSome() {
        registry.reportStart("orders.search");
        registry.reportEnd("orders.search");
        registry.reportValue("cart.size", 3);
        registry.occurrence("cache-miss");
    }

    @Test
    void withoutFiltersItLogsEveryEvent() {
        registry.addListener(new EventLogger(logger));
        reportSome();

        assertThat(lines()).containsExactly("START orders.search", "END orders.search", "VALUE cart.size 3.0", "END cache-miss");
    }

    @Test
    void aNameFilterAloneLogsEveryKindOfTheMatchingNames() {
        registry.addListener(new EventLogger(logger, "orders\\..*", null));
        reportSome();

        assertThat(lines()).containsExactly("START orders.search", "END orders.search");
    }

    @Test
    void aKindFilterAloneLogsThatKindOfEveryName() {
        registry.addListener(new EventLogger(logger, null, "END"));
        reportSome();

        assertThat(lines()).containsExactly("END orders.search", "END cache-miss");
    }

    @Test
    void bothFiltersMustMatch() {
        registry.addListener(new EventLogger(logger, "cache-.*|cart\\..*", "VALUE"));
        reportSome();

        assertThat(lines()).containsExactly("VALUE cart.size 3.0");
    }

    @Test
    void anEndLogsItsElapsedTimeWhenATimeCounterMatchedItWithItsStart() {
        registry.addListener(new EventLogger(logger, null, "END"));
        try (var timing = registry.time("search")) {
            clock.advance(Duration.ofMillis(250));
        }

        assertThat(lines()).containsExactly("END search 0.25 s");
    }

    @Test
    void aKindFilterThatMatchesNoKindIsAnErrorThatQuotesIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EventLogger(logger, null, "ENDD"))
                .withMessageContaining("\"ENDD\"");
    }

    @Test
    void aBadRegularExpressionIsAnErrorThatQuotesIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EventLogger(logger, "orders[", null))
                .withMessageContaining("\"orders[\"");
    }
}
