package io.pycounters.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.aop.TimedAspect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The startup warning about Micrometer's annotations where nothing applies them. */
@ExtendWith(OutputCaptureExtension.class)
class MicrometerAnnotationsCheckTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PyCountersAutoConfiguration.class))
            .withPropertyValues("pycounters.log.enabled=false");

    @Test
    void micrometersTimedWithoutATimedAspectIsAWarningNamingTheMethodAndOurAnnotation(CapturedOutput output) {
        runner.withBean(MicrometerTimedService.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(output).contains("WARN")
                    .contains("Micrometer's @io.micrometer.core.annotation.Timed on "
                            + MicrometerTimedService.class.getName() + "#search does nothing: there is no TimedAspect bean")
                    .contains("io.pycounters.annotation.Timed");
        });
    }

    @Test
    void micrometersCountedOnAClassWithoutACountedAspectIsAWarningNamingTheClass(CapturedOutput output) {
        runner.withBean(MicrometerCountedService.class).run(context ->
                assertThat(output).contains("Micrometer's @io.micrometer.core.annotation.Counted on "
                        + MicrometerCountedService.class.getName() + " does nothing: there is no CountedAspect bean"));
    }

    @Test
    void micrometersTimedWithATimedAspectBeanIsNoWarning(CapturedOutput output) {
        runner.withBean(MicrometerTimedService.class)
                .withBean(TimedAspect.class, () -> new TimedAspect(new SimpleMeterRegistry()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).doesNotContain("does nothing");
                });
    }

    @Test
    void pyCountersOwnTimedIsNoWarning(CapturedOutput output) {
        runner.withBean(PyCountersTimedService.class).run(context -> assertThat(output).doesNotContain("does nothing"));
    }

    @Test
    void withoutMicrometerOnTheClassPathThereIsNoCheck() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
                .run(context -> assertThat(context).doesNotHaveBean(MicrometerAnnotationsCheck.class));
    }

    static class MicrometerTimedService {

        @io.micrometer.core.annotation.Timed
        public String search() {
            return "found";
        }
    }

    @io.micrometer.core.annotation.Counted
    static class MicrometerCountedService {

        public void place() {
        }
    }

    static class PyCountersTimedService {

        @io.pycounters.annotation.Timed
        public String search() {
            return "found";
        }
    }
}
