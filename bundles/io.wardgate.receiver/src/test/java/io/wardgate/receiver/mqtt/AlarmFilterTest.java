package io.wardgate.receiver.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;

/** Which subscription the alarm session takes for a given filter, and which failures are retried soon. */
class AlarmFilterTest {
    private static PahoSubscriber.Settings settings(String filter, String group) {
        return new PahoSubscriber.Settings("ssl://broker.example:8883", "backend-1", filter, group,
                (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    @Test
    void theAlarmLevelGoesAfterTheGatewayLevel() {
        assertThat(PahoSubscriber.alarmFilter(PahoSubscriber.ENVELOPE_FILTER)).contains("wardgate/+/+/+/alarms/+/+");
        assertThat(PahoSubscriber.alarmFilter("wardgate/site-a/+/+/vitals/#")).contains("wardgate/site-a/+/+/alarms/vitals/#");
        assertThat(settings(PahoSubscriber.ENVELOPE_FILTER, "backend").alarmSubscription())
                .contains("$share/backend/wardgate/+/+/+/alarms/+/+");
    }

    @Test
    void aFilterThatAlreadyTakesInTheAlarmTopicsGetsNoAlarmSession() {
        assertThat(PahoSubscriber.alarmFilter("wardgate/#")).isEqualTo(Optional.empty());
        assertThat(PahoSubscriber.alarmFilter("wardgate/+/+/+/#")).isEmpty();
        assertThat(PahoSubscriber.alarmFilter("wardgate/+/+/+/status")).isEmpty();
        assertThat(PahoSubscriber.alarmFilter("wardgate/+/+/+/+/#")).isEmpty();
        assertThat(PahoSubscriber.alarmFilter("wardgate/+/+/+/+/+/#")).isEmpty();
    }

    @Test
    void onlyARefusedTcpConnectionCountsAsRefused() {
        assertThat(PahoSubscriber.refused(new MqttException(32103, new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(PahoSubscriber.refused(new MqttException(32000))).as("a timeout").isFalse();
    }
}
