package io.wardgate.driver.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * HAPI HL7v2 for one session: parses ER7 text and builds acknowledgements. Every version is read into
 * HAPI's v2.6 model (its canonical model class factory), so v2.3 to v2.6 senders land in the same
 * structures. HAPI's own validation is off: this driver checks the fields it uses, and one malformed
 * field that it does not use must not lose the others.
 */
final class Hl7Parsing {
    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ")
            .withZone(ZoneOffset.UTC);

    private final HapiContext hapi = new DefaultHapiContext();

    Hl7Parsing() {
        hapi.setModelClassFactory(new CanonicalModelClassFactory("2.6"));
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        // HAPI's default control-id generator writes a file in the working directory; a counter is enough.
        hapi.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
    }

    /** The parsed message, or throws with HAPI's reason. */
    Message parse(String er7) throws HL7Exception {
        return withOwnLoader(() -> hapi.getPipeParser().parse(er7));
    }

    /**
     * The acknowledgement of a parsed message, ER7: MSA-1 {@code code}, MSA-2 its MSH-10, an ERR
     * segment when {@code error} is not null; MSH-7 is {@code now} (the session has no clock of its own).
     */
    String ack(Message message, AcknowledgmentCode code, ErrorCode error, String text, Instant now)
            throws HL7Exception {
        return withOwnLoader(() -> {
            try {
                Message ack = message.generateACK(code, error == null ? null : new HL7Exception(text, error));
                new Terser(ack).set("MSH-7", DTM.format(now));
                return hapi.getPipeParser().encode(ack);
            } catch (IOException e) {
                throw new HL7Exception("acknowledgement could not be built: " + e.getMessage(), e);
            }
        });
    }

    private interface HapiCall<T> {
        T call() throws HL7Exception;
    }

    /**
     * Runs HAPI with this bundle's class loader as the thread's context class loader: HAPI reads its
     * event map (and looks for custom model packages) through the context loader first, which inside
     * OSGi is whatever the transport's thread carries. Restored after.
     */
    private static <T> T withOwnLoader(HapiCall<T> call) throws HL7Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Hl7Parsing.class.getClassLoader());
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The MSH segment alone of a message that did not parse (or was cut short), as a message: all an
     * acknowledgement needs. Empty when not even MSH can be read.
     */
    Optional<Message> header(String er7) {
        int end = er7.indexOf('\r');
        String msh = end < 0 ? er7 : er7.substring(0, end);
        if (!msh.startsWith("MSH") || msh.length() < 8) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(msh + "\r"));
        } catch (HL7Exception | RuntimeException e) {
            return Optional.empty();
        }
    }
}
