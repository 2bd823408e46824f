package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.seal.envelope.SealTags;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The topic check with the alarm level (docs/operations.md, topic scheme): only alarm streams may use it. */
class AlarmTopicTest {
    private static final String PREFIX = "wardgate/st-marys/icu-2/wg-ward-7/";

    private static SealTags tags(String deviceId) {
        return new SealTags("wg-ward-7", deviceId, 1, 0, Instant.EPOCH);
    }

    @Test
    void readingsComeOnSixLevelsAndAlarmStreamsAlsoOnTheAlarmLevel() {
        assertThat(Receiver.topicMatches(PREFIX + "vitals/serial_3A_2Fdev_2Fbed-7", tags("serial:/dev/bed-7")))
                .isTrue();
        assertThat(Receiver.topicMatches(PREFIX + "alarms/vitals/serial_3A_2Fdev_2Fbed-7_23alarms",
                tags("serial:/dev/bed-7#alarms"))).isTrue();
        // an older gateway publishes its alarm streams on six levels: still accepted
        assertThat(Receiver.topicMatches(PREFIX + "vitals/serial_3A_2Fdev_2Fbed-7_23alarms",
                tags("serial:/dev/bed-7#alarms"))).isTrue();
        assertThat(Receiver.topicMatches(PREFIX + "alarms/clock/local_3Awardgate-clock",
                tags("local:wardgate-clock"))).isTrue();
    }

    @Test
    void aReadingStreamOnTheAlarmLevelOrAnyOtherSevenLevelTopicIsRefused() {
        assertThat(Receiver.topicMatches(PREFIX + "alarms/vitals/serial_3A_2Fdev_2Fbed-7", tags("serial:/dev/bed-7")))
                .isFalse();
        assertThat(Receiver.topicMatches(PREFIX + "other/vitals/serial_3A_2Fdev_2Fbed-7_23alarms",
                tags("serial:/dev/bed-7#alarms"))).isFalse();
        assertThat(Receiver.topicMatches("wardgate/st-marys/icu-2/wg-ward-9/alarms/vitals/serial_3A_2Fdev_2Fbed-7_23alarms",
                tags("serial:/dev/bed-7#alarms"))).as("another gateway's level").isFalse();
    }
}
