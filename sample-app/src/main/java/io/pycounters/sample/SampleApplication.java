package io.pycounters.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The sample app: a search and posting service whose counters are reported to the log every few seconds. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

    /** Starts the app; Spring Boot arguments such as {@code --server.port=0} apply. */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
