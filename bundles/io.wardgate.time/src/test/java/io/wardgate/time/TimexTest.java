package io.wardgate.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * adjtimex(2), RETURN VALUE: TIME_ERROR (5) means "the system clock is not synchronized to a reliable
 * server"; the kernel also returns it whenever STA_UNSYNC is set, and the leap-second states (1 to 4)
 * are a synchronised clock around a leap second. timex.h: STA_UNSYNC is 0x0040.
 */
class TimexTest {

    @Test
    void timeOkWithStaUnsyncClearIsSynchronised() {
        assertThat(new Timex(Timex.TIME_OK, 0x2001, 12_000, 500, 10_000).synchronised()).isTrue();
    }

    @Test
    void timeErrorIsNotSynchronised() {
        assertThat(new Timex(Timex.TIME_ERROR, 0, 16_000_000, 16_000_000, 10_000).synchronised()).isFalse();
        assertThat(new Timex(Timex.TIME_ERROR, 0, 0, 0, 10_000).stateName()).isEqualTo("TIME_ERROR");
    }

    @Test
    void staUnsyncSetIsNotSynchronisedWhateverTheState() {
        assertThat(Timex.STA_UNSYNC).isEqualTo(0x0040);
        assertThat(new Timex(Timex.TIME_OK, 0x0041, 1_000, 1_000, 10_000).synchronised()).isFalse();
    }

    @Test
    void theLeapSecondStatesAreASynchronisedClock() {
        for (int state = 1; state <= Timex.TIME_WAIT; state++) {
            assertThat(new Timex(state, 0x0001, 1_000, 100, 10_000).synchronised()).as("state %d", state).isTrue();
        }
        assertThat(new Timex(3, 0, 0, 0, 0).stateName()).isEqualTo("TIME_OOP");
    }

    @Test
    void aStateTheManPageDoesNotKnowIsNotSynchronised() {
        assertThat(new Timex(-1, 0, 0, 0, 0).synchronised()).isFalse();
        assertThat(new Timex(9, 0, 0, 0, 0).synchronised()).isFalse();
        assertThat(new Timex(9, 0, 0, 0, 0).stateName()).isEqualTo("state 9");
    }
}
