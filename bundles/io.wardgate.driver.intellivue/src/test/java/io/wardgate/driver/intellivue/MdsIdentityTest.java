package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.driver.Decoded;
import io.wardgate.driver.intellivue.sim.MonitorPdus;
import java.util.List;
import org.junit.jupiter.api.Test;

class MdsIdentityTest {

    private static List<Message.Ava> attributes(int count, java.util.function.Consumer<PduWriter> list) throws MalformedPdu {
        return ((Message.MdsCreated) MessageParser.parse(MonitorPdus.mdsCreate(1, count, list))).attributes();
    }

    private static void model(PduWriter list, String manufacturer, String model) {
        MonitorPdus.ava(list, NOM_ATTR_ID_MODEL, v -> {
            MonitorPdus.label(v, manufacturer);
            MonitorPdus.label(v, model);
        });
    }

    private static void systemId(PduWriter list, String hex) {
        byte[] id = Hex.bytes(hex);
        MonitorPdus.ava(list, NOM_ATTR_SYS_ID, v -> v.u16(id.length).bytes(id));
    }

    @Test
    void modelAndProductSerialNumber() throws MalformedPdu {
        MdsIdentity identity = new MdsIdentity();
        identity.learn(attributes(3, list -> {
            model(list, "Philips", "M8007A\0\0");
            systemId(list, "00 09 FB 12 34 56");
            MonitorPdus.ava(list, NOM_ATTR_ID_PROD_SPECN, v -> {
                v.u16(2);
                int length = v.openLength();
                v.u16(PROD_SPEC_SERIAL_NUMBER).u16(0x0050);
                MonitorPdus.label(v, "BOARD-1");
                v.u16(PROD_SPEC_SERIAL_NUMBER).u16(ID_COMP_PRODUCT);
                MonitorPdus.label(v, "DE12345678");
                v.closeLength(length);
            });
        }));
        assertThat(identity.toDecoded(42)).isEqualTo(new Decoded.IdentityDecoded(42, "M8007A", "DE12345678", ""));
    }

    @Test
    void systemIdStandsInForAMissingSerialNumber() throws MalformedPdu {
        MdsIdentity identity = new MdsIdentity();
        identity.learn(attributes(2, list -> {
            model(list, "Philips", "");
            systemId(list, "00 09 FB 12 34 56 78 9A");
        }));
        assertThat(identity.toDecoded(0)).isEqualTo(new Decoded.IdentityDecoded(0, "Philips", "0009FB123456789A",
                "0009FB123456789A"));
        identity.clear();
        assertThat(identity.isKnown()).isFalse();
    }

    @Test
    void labelsAreCleanedAndBounded() throws MalformedPdu {
        MdsIdentity identity = new MdsIdentity();
        byte[] raw = (" \0MP" + "\u0001" + "?70 " + "X".repeat(100)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        raw[5] = (byte) 0xFF; // a byte outside ASCII where the '?' stands
        identity.learn(attributes(1, list -> MonitorPdus.ava(list, NOM_ATTR_ID_MODEL, v -> {
            MonitorPdus.label(v, "");
            v.u16(raw.length).bytes(raw);
        })));
        String model = identity.toDecoded(0).model();
        assertThat(model).startsWith("MP70 X").hasSizeLessThanOrEqualTo(MdsIdentity.MAX_TEXT).matches("[\\x20-\\x7E]*");
    }
}
