package io.wardgate.receiver.pcd01;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.app.Initiator;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.wardgate.receiver.spool.Delivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Sends one HL7 v2 message over MLLP (HAPI's client) and reads the engine's acknowledgement
 * (original mode, MSA-1): AA/CA delivered; AE/CE the engine refused the content (set aside); AR/CR
 * the engine cannot take it now (retried). No ACK within the timeout, or no connection: retried,
 * on a new connection (a late ACK on the old one must not be taken for the next message's).
 */
public final class MllpDelivery implements Delivery, AutoCloseable {

    /**
     * @param host the engine's host
     * @param port its MLLP port
     * @param ackTimeout how long to wait for the ACK
     * @param tls the TLS context when the engine listens with TLS (trust anchors, client key)
     */
    public record Settings(String host, int port, Duration ackTimeout, Optional<SSLContext> tls) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(ackTimeout, "ackTimeout");
            Objects.requireNonNull(tls, "tls");
            if (host.isBlank() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("the engine needs a host and a port from 1 to 65535");
            }
            if (ackTimeout.isNegative() || ackTimeout.isZero()) {
                throw new IllegalArgumentException("the ACK timeout must be positive");
            }
        }
    }

    private final Settings settings;
    private HapiContext hapi;
    private Connection connection;

    public MllpDelivery(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hapi = context(settings);
    }

    /** A HAPI context of our own: its connection hub forgets a failed engine when it is replaced. */
    private static HapiContext context(Settings settings) {
        // Its own threads: HAPI's default executor is shared by every context in the JVM, and closing
        // a context would stop it for all of them.
        HapiContext hapi = new DefaultHapiContext(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "wardgate-mllp");
            thread.setDaemon(true);
            return thread;
        }));
        // Our own messages were validated when built; the engine's ACK is read leniently.
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        hapi.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
        settings.tls().ifPresent(context -> hapi.setSocketFactory(new TlsSocketFactory(context)));
        return hapi;
    }

    @Override
    public synchronized Outcome deliver(byte[] er7) throws IOException {
        Message message;
        try {
            message = hapi.getPipeParser().parse(new String(er7, StandardCharsets.UTF_8));
        } catch (HL7Exception e) {
            return new Refused("not an HL7 v2 message: " + e.getMessage());
        }
        Message ack;
        try {
            Initiator initiator = connection().getInitiator();
            initiator.setTimeout(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            ack = initiator.sendAndReceive(message);
        } catch (HL7Exception | LLPException | IOException | RuntimeException e) {
            drop();
            throw new IOException("no ACK from " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        return verdict(ack);
    }

    static Outcome verdict(Message ack) {
        String code;
        String text;
        try {
            Terser terser = new Terser(ack);
            code = terser.get("/MSA-1");
            text = Objects.requireNonNullElse(terser.get("/MSA-3"), "");
            String error = errorText(terser);
            if (!error.isEmpty()) {
                text = text.isEmpty() ? error : text + "; " + error;
            }
        } catch (HL7Exception e) {
            return new Refused("unreadable ACK: " + e.getMessage());
        }
        if (code == null) {
            return new Refused("ACK without MSA-1");
        }
        return switch (code) {
            case "AA", "CA" -> new Delivered();
            case "AR", "CR" -> new Retry(code + " " + text);
            default -> new Refused(code + " " + text);
        };
    }

    private static String errorText(Terser terser) {
        try {
            StringBuilder text = new StringBuilder();
            for (String field : new String[] {"/ERR-3-2", "/ERR-3-9", "/ERR-7", "/ERR-8"}) {
                String value = terser.get(field);
                if (value != null && !value.isBlank() && text.indexOf(value) < 0) {
                    text.append(text.length() == 0 ? "" : "; ").append(value);
                }
            }
            return text.toString();
        } catch (HL7Exception | RuntimeException e) {
            return "";
        }
    }

    private Connection connection() throws HL7Exception {
        if (connection == null || !connection.isOpen()) {
            connection = hapi.newClient(settings.host(), settings.port(), settings.tls().isPresent());
        }
        return connection;
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing a broken connection: nothing more to do
            }
            connection = null;
        }
        try {
            hapi.close();
        } catch (IOException e) {
            // its threads end on their own
        }
        hapi = context(settings);
    }

    @Override
    public synchronized void close() throws IOException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        hapi.close();
    }
}
