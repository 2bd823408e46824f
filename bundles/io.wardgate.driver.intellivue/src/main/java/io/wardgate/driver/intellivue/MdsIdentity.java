package io.wardgate.driver.intellivue;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.api.driver.Decoded;
import io.wardgate.driver.intellivue.Message.Ava;
import java.util.HexFormat;
import java.util.List;

/**
 * Who the monitor says it is, gathered from MDS attributes (the MDS Create Event Report and the MDS
 * poll result): NOM_ATTR_ID_MODEL (SystemModel: manufacturer and model number, each a VariableLabel
 * {@code length u16 | bytes}), NOM_ATTR_SYS_ID (a VariableLabel, the monitor's system id) and
 * NOM_ATTR_ID_PROD_SPECN ({@code count u16 | length u16 | {spec_type u16 | component_id u16 | VariableLabel}}).
 *
 * <p>The serial number is the production specification's SERIAL_NUMBER of the product component
 * (ID_COMP_PRODUCT), else any SERIAL_NUMBER entry; a monitor that gives none is identified by its
 * system id in upper-case hex. An 8-byte system id is also reported as EUI-64.
 */
final class MdsIdentity {
    static final int MAX_TEXT = 64;

    private String model = "";
    private String productSerial = "";
    private String anySerial = "";
    private byte[] systemId = new byte[0];

    void clear() {
        model = "";
        productSerial = "";
        anySerial = "";
        systemId = new byte[0];
    }

    void learn(List<Ava> attributes) throws MalformedPdu {
        for (Ava ava : attributes) {
            switch (ava.id()) {
                case NOM_ATTR_ID_MODEL -> {
                    PduReader reader = ava.reader();
                    String manufacturer = text(reader.lengthPrefixed("manufacturer"));
                    String number = text(reader.lengthPrefixed("model number"));
                    model = number.isEmpty() ? manufacturer : number;
                }
                case NOM_ATTR_SYS_ID -> {
                    PduReader reader = ava.reader();
                    PduReader label = reader.lengthPrefixed("system id");
                    systemId = label.bytes(Math.min(label.remaining(), MAX_TEXT / 2), "system id");
                }
                case NOM_ATTR_ID_PROD_SPECN -> productionSpecification(ava.reader());
                default -> {
                    // the MDS has many more attributes (time, bed label, ...): not identity
                }
            }
        }
    }

    private void productionSpecification(PduReader reader) throws MalformedPdu {
        int count = reader.u16("production specification count");
        PduReader entries = reader.lengthPrefixed("production specification");
        for (int i = 0; i < count; i++) {
            int type = entries.u16("spec type");
            int component = entries.u16("component id");
            String value = text(entries.lengthPrefixed("production specification value"));
            if (type == PROD_SPEC_SERIAL_NUMBER && !value.isEmpty()) {
                if (component == ID_COMP_PRODUCT) {
                    productSerial = value;
                } else if (anySerial.isEmpty()) {
                    anySerial = value;
                }
            }
        }
    }

    boolean isKnown() {
        return !model.isEmpty() || systemId.length > 0 || !productSerial.isEmpty() || !anySerial.isEmpty();
    }

    Decoded.IdentityDecoded toDecoded(long offset) {
        String serial = !productSerial.isEmpty() ? productSerial
                : !anySerial.isEmpty() ? anySerial : HexFormat.of().withUpperCase().formatHex(systemId);
        String eui64 = systemId.length == 8 ? HexFormat.of().withUpperCase().formatHex(systemId) : "";
        return new Decoded.IdentityDecoded(offset, model, serial, eui64);
    }

    /** Printable ASCII only (labels are often NUL-padded), trimmed, at most {@value #MAX_TEXT} chars. */
    static String text(PduReader label) throws MalformedPdu {
        StringBuilder text = new StringBuilder();
        while (label.hasRemaining()) {
            int c = label.u8("label");
            if (c >= 0x20 && c <= 0x7E && text.length() < MAX_TEXT) {
                text.append((char) c);
            }
        }
        return text.toString().trim();
    }
}
