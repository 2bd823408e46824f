package io.wardgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Alarm streams are published one level deeper (docs/operations.md, topic scheme); readings are not. */
class TopicSchemeTest {
    private final TopicScheme scheme = new TopicScheme("st-marys", "icu-2", "wg-ward-7");

    @Test
    void alarmStreamsAndClockNotesGetTheAlarmLevelAfterTheGateway() {
        assertThat(scheme.publishTopic("wardgate/st-marys/icu-2/wg-ward-7/vitals/serial_3A_2Fbed-7_23alarms",
                "serial:/bed-7#alarms")).isEqualTo("wardgate/st-marys/icu-2/wg-ward-7/alarms/vitals/serial_3A_2Fbed-7_23alarms");
        assertThat(scheme.publishTopic("wardgate/st-marys/icu-2/wg-ward-7/clock/local_3Awardgate-clock",
                "local:wardgate-clock")).isEqualTo("wardgate/st-marys/icu-2/wg-ward-7/alarms/clock/local_3Awardgate-clock");
    }

    @Test
    void readingsAndTopicsOutsideThisGatewayStayAsTagged() {
        assertThat(scheme.publishTopic("wardgate/st-marys/icu-2/wg-ward-7/vitals/serial_3A_2Fbed-7", "serial:/bed-7"))
                .isEqualTo("wardgate/st-marys/icu-2/wg-ward-7/vitals/serial_3A_2Fbed-7");
        assertThat(scheme.publishTopic("wardgate/other/icu-2/wg-ward-7/vitals/x_23alarms", "x#alarms"))
                .isEqualTo("wardgate/other/icu-2/wg-ward-7/vitals/x_23alarms");
    }

    @Test
    void aWindowKeepsASixteenthForAlarmsButAWindowOfOneKeepsNothing() {
        assertThat(UplinkEngine.alarmReserve(1)).isZero();
        assertThat(UplinkEngine.alarmReserve(2)).isEqualTo(1);
        assertThat(UplinkEngine.alarmReserve(16)).isEqualTo(1);
        assertThat(UplinkEngine.alarmReserve(40)).isEqualTo(2);
        assertThat(UplinkEngine.alarmReserve(1000)).isEqualTo(62);
    }
}
