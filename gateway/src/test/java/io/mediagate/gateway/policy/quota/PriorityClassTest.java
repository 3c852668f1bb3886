package io.mediagate.gateway.policy.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9218 urgency to class, and that a request can only lower its client's class. */
class PriorityClassTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "u=0|0",
                "u=7|7",
                "u=5, i|5",
                "i, u=4|4",
                "u=1,u=6|6",
                "  u=3  |3",
                // malformed or out of range: ignored, as RFC 9218 section 4 asks, never a 400
                "NULL|-1",
                "|-1",
                "u=8|-1",
                "u=-1|-1",
                "u=|-1",
                "u=55|-1",
                "u=5,u=x|-1",
                "u=\"5\"|-1",
                "urgent|-1"
            })
    void readsTheUrgencyOfAPriorityField(String header, int urgency) {
        assertThat(PriorityClass.urgency(header)).isEqualTo(urgency);
    }

    @Test
    void urgencyMapsToClassesAroundTheRfcsDefaultOfThree() {
        assertThat(PriorityClass.forUrgency(0)).isEqualTo(PriorityClass.INTERACTIVE);
        assertThat(PriorityClass.forUrgency(3)).isEqualTo(PriorityClass.INTERACTIVE);
        assertThat(PriorityClass.forUrgency(4)).isEqualTo(PriorityClass.BATCH);
        assertThat(PriorityClass.forUrgency(5)).isEqualTo(PriorityClass.BATCH);
        assertThat(PriorityClass.forUrgency(6)).isEqualTo(PriorityClass.BACKGROUND);
        assertThat(PriorityClass.forUrgency(7)).isEqualTo(PriorityClass.BACKGROUND);
    }

    @Test
    void aRequestLowersItsClassButNeverRaisesIt() {
        assertThat(PriorityClass.BATCH.atMost(PriorityClass.INTERACTIVE)).isEqualTo(PriorityClass.BATCH);
        assertThat(PriorityClass.BATCH.atMost(PriorityClass.BACKGROUND)).isEqualTo(PriorityClass.BACKGROUND);
        assertThat(PriorityClass.INTERACTIVE.atMost(PriorityClass.BATCH)).isEqualTo(PriorityClass.BATCH);
    }
}
