package io.wardgate.driver.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Observation;
import io.wardgate.api.driver.Decoded;
import io.wardgate.api.driver.ProtocolSession;
import io.wardgate.api.driver.SessionOutput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The gateway's side of one MLLP connection: frames ({@link MllpFramer}), parses with HAPI, reads
 * ORU^R01 into readings ({@link OruReader}) and answers every message it can read the header of.
 *
 * <p>Accepted: ORU^R01, MSH-12 2.3 to 2.6, MSH-11 P. The answer follows HL7's acknowledgement modes:
 * original mode (MSH-15 and MSH-16 empty) an application ACK AA/AE/AR; enhanced mode an accept ACK
 * CA/CE/CR as MSH-15 asks (AL always, NE never, ER on errors, SU on success; IHE PCD-01 sends AL).
 * MSA-2 is the message's MSH-10. AE/CE: the message is malformed or too long. AR/CR: its type,
 * version or processing id is not accepted, or the sender is not admitted.
 *
 * <p>Admission: before answering, the session reports the device identity ({@link Decoded.IdentityDecoded}:
 * model = MSH-3/MSH-4, EUI-64 from OBX-18, PRT-10, OBR-3 or MSH-3) and asks {@link SessionOutput#admitted()};
 * the transport adds the peer's address and asks the policy. Every device a message names must be admitted
 * for an accept; a transport that does not consult the policy admits nobody, so an unknown sender gets a
 * NAK (AR) and, as it keeps sending, stays pending approval. Readings are reported either way: the policy
 * drops those of a device it does not admit.
 */
public final class Hl7Session implements ProtocolSession {
    /** A frame still open after this long is dropped (a stalled or slow-loris sender). */
    static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);
    /** Distinct "not forwarded" events per session; later ones are counted, not reported. */
    static final int MAX_REPORTED = 256;
    private static final Set<String> VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6");

    private final MllpFramer framer;
    private final Hl7Parsing parsing = new Hl7Parsing();
    private final OruReader reader;
    private final Set<String> reported = new HashSet<>();
    private String lastIdentity;
    private Instant frameOpenedAt;
    private long openFrameStart = -1;

    Hl7Session(int maxMessageBytes, OruReader reader) {
        this.framer = new MllpFramer(maxMessageBytes);
        this.reader = reader;
    }

    @Override
    public void start(Instant now, SessionOutput out) {
        framer.reset();
        lastIdentity = null;
        frameOpenedAt = null;
    }

    @Override
    public void receive(byte[] bytes, int offset, int length, Instant now, SessionOutput out) {
        framer.feed(bytes, offset, length, new MllpFramer.Sink() {
            @Override
            public void frame(long at, byte[] message) {
                message(at, message, now, out);
            }

            @Override
            public void oversized(long at, byte[] prefix) {
                out.decoded(new Decoded.FramingError(at, "MLLP frame longer than " + prefix.length
                        + " bytes: skipped to its end"));
                answerHeader(text(prefix), ErrorCode.APPLICATION_INTERNAL_ERROR,
                        "message longer than " + prefix.length + " bytes", now, out);
            }

            @Override
            public void error(long at, String reason) {
                out.decoded(new Decoded.FramingError(at, reason));
            }
        });
        if (!framer.inFrame()) {
            frameOpenedAt = null;
        } else if (frameOpenedAt == null || framer.frameStart() != openFrameStart) {
            frameOpenedAt = now; // a new frame is open: its own clock starts
            openFrameStart = framer.frameStart();
        }
    }

    @Override
    public void tick(Instant now, SessionOutput out) {
        if (frameOpenedAt != null && Duration.between(frameOpenedAt, now).compareTo(FRAME_TIMEOUT) > 0) {
            out.decoded(new Decoded.FramingError(framer.frameStart(), "MLLP frame not completed within "
                    + FRAME_TIMEOUT.toSeconds() + " s: dropped"));
            framer.abandon();
            frameOpenedAt = null;
        }
    }

    private void message(long at, byte[] bytes, Instant now, SessionOutput out) {
        String text = text(bytes);
        Message message;
        try {
            message = parsing.parse(text);
        } catch (HL7Exception | RuntimeException e) {
            out.decoded(new Decoded.FramingError(at, "not a readable HL7 v2 message: " + reason(e)));
            ErrorCode code = e instanceof HL7Exception h ? h.getError() : ErrorCode.APPLICATION_INTERNAL_ERROR;
            answerHeader(text, code, "message not readable", now, out);
            return;
        }
        try {
            Terser msh = new Terser(message);
            AckMode mode = AckMode.of(msh);
            String refusal = refusal(msh);
            if (refusal != null) {
                out.decoded(new Decoded.FramingError(at, refusal));
                answer(message, mode, AcknowledgmentCode.AR, errorFor(msh), refusal, now, out);
                return;
            }
            boolean[] admitted = {true};
            reader.read(message, now, new OruReader.Listener() {
                @Override
                public void device(String model, String eui64) {
                    String identity = model + "\u0000" + eui64;
                    if (!identity.equals(lastIdentity)) {
                        lastIdentity = identity;
                        out.decoded(new Decoded.IdentityDecoded(at, model, "", eui64));
                    }
                    admitted[0] &= out.admitted();
                }

                @Override
                public void reading(Observation observation) {
                    out.decoded(new Decoded.ReadingDecoded(at, observation));
                }

                @Override
                public void notForwarded(String key, String detail) {
                    if (reported.size() < MAX_REPORTED && reported.add(key)) {
                        out.decoded(new Decoded.EventDecoded(at, DeviceEvent.Kind.MALFORMED_INPUT,
                                Printable.of(detail, 512)));
                    }
                }

                @Override
                public void problem(String reason) {
                    out.decoded(new Decoded.FramingError(at, Printable.of(reason, 512)));
                }
            });
            if (admitted[0]) {
                answer(message, mode, AcknowledgmentCode.AA, null, "", now, out);
            } else {
                answer(message, mode, AcknowledgmentCode.AR, ErrorCode.APPLICATION_INTERNAL_ERROR,
                        "sender not admitted by the gateway's policy", now, out);
            }
        } catch (HL7Exception | RuntimeException e) {
            out.decoded(new Decoded.FramingError(at, "HL7 message could not be read: " + reason(e)));
            answerHeader(text, ErrorCode.APPLICATION_INTERNAL_ERROR, "message not readable", now, out);
        }
    }

    /** AE (CE in enhanced mode) to a message of which only the header can be read; nothing without one. */
    private void answerHeader(String text, ErrorCode error, String reason, Instant now, SessionOutput out) {
        parsing.header(text).ifPresent(header -> {
            try {
                answer(header, AckMode.of(new Terser(header)), AcknowledgmentCode.AE, error, reason, now, out);
            } catch (HL7Exception | RuntimeException e) {
                // The header parsed but no acknowledgement can be built from it: the sender gets none.
            }
        });
    }

    /** HAPI's message, and its root cause's when HAPI wraps one (reflection hides it otherwise). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.valueOf(e.getMessage());
        if (root != e) {
            text += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return Printable.of(text, 300);
    }

    /** Why a well-formed message is not accepted, or null. */
    private static String refusal(Terser msh) throws HL7Exception {
        String type = msh.get("MSH-9-1") + "^" + msh.get("MSH-9-2");
        if (!type.equals("ORU^R01")) {
            return "HL7 message type " + Printable.of(type, 16) + " not accepted (only ORU^R01)";
        }
        String version = msh.get("MSH-12");
        if (!VERSIONS.contains(version)) {
            return "HL7 version " + Printable.of(String.valueOf(version), 8) + " not accepted (2.3 to 2.6)";
        }
        String processing = msh.get("MSH-11");
        if (!"P".equals(processing)) {
            return "HL7 processing id " + Printable.of(String.valueOf(processing), 4)
                    + " not accepted (only P, production)";
        }
        return null;
    }

    private static ErrorCode errorFor(Terser msh) throws HL7Exception {
        if (!"ORU".equals(msh.get("MSH-9-1"))) {
            return ErrorCode.UNSUPPORTED_MESSAGE_TYPE;
        }
        if (!"R01".equals(msh.get("MSH-9-2"))) {
            return ErrorCode.UNSUPPORTED_EVENT_CODE;
        }
        return VERSIONS.contains(msh.get("MSH-12")) ? ErrorCode.UNSUPPORTED_PROCESSING_ID
                : ErrorCode.UNSUPPORTED_VERSION_ID;
    }

    private void answer(Message message, AckMode mode, AcknowledgmentCode original, ErrorCode error, String text,
            Instant now, SessionOutput out) throws HL7Exception {
        if (!mode.wants(original)) {
            return;
        }
        send(parsing.ack(message, mode.code(original), error, text, now), out);
    }

    private static void send(String ack, SessionOutput out) {
        out.send(MllpFrames.wrap(ack));
    }

    /** The frame as text: UTF-8 when MSH-18 says so, else ISO-8859-1 (every byte one character, nothing lost). */
    private static String text(byte[] bytes) {
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = latin.indexOf('\r');
        String msh = end < 0 ? latin : latin.substring(0, end);
        return msh.contains("UNICODE UTF-8") ? new String(bytes, StandardCharsets.UTF_8) : latin;
    }
}
