package io.wardgate.driver.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The example messages under src/test/resources/.../messages: laid out after the IHE PCD Technical
 * Framework vol. 2 PCD-01 (ORU^R01 v2.6) examples and shared/specs/nomenclature.md ("IHE PCD-01"), and,
 * for the vendor variants, as central stations and gateways send v2.3 and v2.5 with local or LOINC codes.
 * Stored one segment a line; HL7 ends segments with CR.
 */
final class Messages {
    private Messages() {
    }

    static String er7(String name) {
        try (InputStream in = Messages.class.getResourceAsStream("messages/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test message " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.strip().replace("\r\n", "\n").replace('\n', '\r') + "\r";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] framed(String name) {
        return MllpFrames.wrap(er7(name));
    }
}
