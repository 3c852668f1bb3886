package io.mediagate.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The mediagate gateway. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MediagateApplication {
    public static void main(String[] args) {
        SpringApplication.run(MediagateApplication.class, args);
    }
}
