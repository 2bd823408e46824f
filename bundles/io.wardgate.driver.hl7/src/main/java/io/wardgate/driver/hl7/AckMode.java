package io.wardgate.driver.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.util.Terser;

/**
 * HL7's acknowledgement modes (v2.6 chapter 2, "Acknowledgment messages"): original mode when MSH-15
 * and MSH-16 are both empty (always an application ACK AA/AE/AR), else enhanced mode, where MSH-15 says
 * when an accept ACK CA/CE/CR is wanted (empty counts as AL).
 *
 * @param accept MSH-15 in enhanced mode; null in original mode
 */
record AckMode(String accept) {
    static AckMode of(Terser msh) throws HL7Exception {
        String msh15 = msh.get("MSH-15");
        String msh16 = msh.get("MSH-16");
        boolean enhanced = !isEmpty(msh15) || !isEmpty(msh16);
        return new AckMode(enhanced ? (isEmpty(msh15) ? "AL" : msh15) : null);
    }

    boolean wants(AcknowledgmentCode original) {
        if (accept == null) {
            return true;
        }
        return switch (accept) {
            case "NE" -> false;
            case "ER" -> original != AcknowledgmentCode.AA;
            case "SU" -> original == AcknowledgmentCode.AA;
            default -> true; // AL, and anything unknown: answering is safer than silence
        };
    }

    AcknowledgmentCode code(AcknowledgmentCode original) {
        if (accept == null) {
            return original;
        }
        return switch (original) {
            case AA -> AcknowledgmentCode.CA;
            case AE -> AcknowledgmentCode.CE;
            default -> AcknowledgmentCode.CR;
        };
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
