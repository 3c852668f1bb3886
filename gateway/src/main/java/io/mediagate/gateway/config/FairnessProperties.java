package io.mediagate.gateway.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a contended vendor quota is shared between priority classes ({@code mediagate.fairness}).
 *
 * @param enabled          false = first come, first served for every class (client shares still apply)
 * @param batchFloor       percent of a contended connection's recent tokens {@code batch} calls get while they
 *                         wait, however much interactive traffic waits too (default 10)
 * @param backgroundFloor  the same for {@code background} calls (default 10)
 */
@Validated
@ConfigurationProperties("mediagate.fairness")
public record FairnessProperties(
        Boolean enabled,

        @Min(value = 0, message = "must be a percentage from 0 to 50")
        @Max(value = 50, message = "must be a percentage from 0 to 50")
        Integer batchFloor,

        @Min(value = 0, message = "must be a percentage from 0 to 50")
        @Max(value = 50, message = "must be a percentage from 0 to 50")
        Integer backgroundFloor) {

    public FairnessProperties {
        enabled = enabled == null || enabled;
        batchFloor = batchFloor == null ? 10 : batchFloor;
        backgroundFloor = backgroundFloor == null ? 10 : backgroundFloor;
    }
}
