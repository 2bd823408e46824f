package io.wardgate.audit.syslog;

import io.wardgate.api.pipeline.AuditEvent.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * How a WardGate audit action maps onto the DICOM audit vocabulary (DICOM PS3.15 A.5, PS3.16 CID 400/401 as
 * listed in HL7 FHIR's "security event sub-type" value set): the EventID, an optional DICOM EventTypeCode, the
 * EventActionCode and the outcome. The WardGate action itself always travels as a second EventTypeCode in the
 * code system "WardGate", so nothing is lost in the mapping.
 */
final class AtnaCodes {
    static final String DCM = "DCM";
    static final Coded APPLICATION_ACTIVITY = new Coded("110100", DCM, "Application Activity");
    static final Coded SECURITY_ALERT = new Coded("110113", DCM, "Security Alert");
    static final Coded USER_AUTHENTICATION = new Coded("110114", DCM, "User Authentication");
    static final Coded APPLICATION_START = new Coded("110120", DCM, "Application Start");
    static final Coded APPLICATION_STOP = new Coded("110121", DCM, "Application Stop");
    static final Coded LOGIN = new Coded("110122", DCM, "Login");
    static final Coded LOGOUT = new Coded("110123", DCM, "Logout");
    static final Coded NODE_AUTHENTICATION = new Coded("110126", DCM, "Node Authentication");
    static final Coded SECURITY_CONFIGURATION = new Coded("110129", DCM, "Security Configuration");
    /** RFC 3881 section 5.4 audit source type 4: application server process. */
    static final Coded AUDIT_SOURCE_TYPE = new Coded("4", DCM, "Application Server Process");

    private static final List<String> CONFIGURATION = List.of("CONFIG_", "ALLOWLIST_", "USER_", "PASSWORD_", "MFA_",
            "DEVICE_APPROVED", "DEVICE_REJECTED", "DEVICE_REVOKED", "UI_CERTIFICATE_", "SETUP_");
    private static final List<String> CREATE = List.of("_CREATED", "_ADDED", "_ENROLLED", "_IMPORTED");
    private static final List<String> READ = List.of("_DOWNLOADED", "_FETCHED", "_VIEWED", "_READ", "_EXPORTED");
    private static final List<String> UPDATE = List.of("_CHANGED", "_ROTATED", "_RESET", "_UNLOCKED", "_APPROVED",
            "_LOADED", "_LOCKED");
    private static final List<String> DELETE = List.of("_REMOVED", "_REVOKED", "_DROPPED", "_DELETED", "_EVICTED",
            "_EXPIRED");

    private AtnaCodes() {
    }

    /** A coded value: csd-code, codeSystemName, originalText (DICOM PS3.15 A.5.1 CodedValueType). */
    record Coded(String code, String system, String text) {
    }

    /** The DICOM view of one action. */
    record Mapping(Coded eventId, Optional<Coded> eventType, char actionCode) {
    }

    static Mapping of(String action) {
        return new Mapping(eventId(action), eventType(action), actionCode(action));
    }

    private static Coded eventId(String action) {
        if (action.startsWith("LOGIN") || action.startsWith("LOGOUT")) {
            return USER_AUTHENTICATION;
        }
        if (action.endsWith("_STARTED") || action.endsWith("_STOPPED")) {
            return APPLICATION_ACTIVITY;
        }
        return SECURITY_ALERT;
    }

    private static Optional<Coded> eventType(String action) {
        if (action.startsWith("LOGIN")) {
            return Optional.of(LOGIN);
        }
        if (action.startsWith("LOGOUT")) {
            return Optional.of(LOGOUT);
        }
        if (action.endsWith("_STARTED")) {
            return Optional.of(APPLICATION_START);
        }
        if (action.endsWith("_STOPPED")) {
            return Optional.of(APPLICATION_STOP);
        }
        if (action.contains("TLS") || action.contains("CONNECT")) {
            return Optional.of(NODE_AUTHENTICATION);
        }
        if (CONFIGURATION.stream().anyMatch(action::startsWith)) {
            return Optional.of(SECURITY_CONFIGURATION);
        }
        return Optional.empty();
    }

    /** C create, R read, U update, D delete, E execute (DICOM PS3.15 A.5.1 EventActionCode). */
    private static char actionCode(String action) {
        if (CREATE.stream().anyMatch(action::endsWith)) {
            return 'C';
        }
        if (READ.stream().anyMatch(action::endsWith)) {
            return 'R';
        }
        if (UPDATE.stream().anyMatch(action::endsWith)) {
            return 'U';
        }
        if (DELETE.stream().anyMatch(action::endsWith)) {
            return 'D';
        }
        return 'E';
    }

    /**
     * EventOutcomeIndicator: 0 success, 4 minor failure, 8 serious failure (DICOM PS3.15 A.5.1). A refusal
     * (DENIED) or a warning is the minor kind: the gateway did what it should; a FAILURE is serious.
     */
    static int outcomeIndicator(Outcome outcome) {
        return switch (outcome) {
            case SUCCESS -> 0;
            case DENIED, WARNING -> 4;
            case FAILURE -> 8;
        };
    }

    /**
     * Syslog severity: 5 (notice) for success, 4 (warning) otherwise, the two IHE ITI TF-2 3.20 (ITI-20) allows;
     * the facility is always 10, security/authorization (ITI20-12, ITI20-13).
     */
    static int severity(Outcome outcome) {
        return outcome == Outcome.SUCCESS ? 5 : 4;
    }

    static final int FACILITY_AUTHPRIV = 10;
}
