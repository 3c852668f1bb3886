package io.mediagate.bench.stockscg;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A stock Spring Cloud Gateway: one route {@code /**} to the upstream, every other setting at its default. */
@SpringBootApplication
public class StockScgApplication {
    public static void main(String[] args) {
        SpringApplication.run(StockScgApplication.class, args);
    }
}
