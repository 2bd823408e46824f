package io.wardgate.receiver.pcd01;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.StandardSocketFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The integration engine for tests: HAPI's own MLLP server (HL7Service) with HAPI's default message
 * validation, on loopback, acknowledging ORU^R01 as its mode says. Restartable on the same port.
 */
public final class TestEngine implements AutoCloseable {
    public enum Mode { ACCEPT, ERROR, REJECT, SILENT }

    private final int port;
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Mode mode = Mode.ACCEPT;
    private HapiContext hapi;
    private HL7Service service;

    private final javax.net.ssl.SSLContext tls;

    public TestEngine() throws Exception {
        this(null);
    }

    /** An engine listening with TLS (server key and certificate in the context) when tls is not null. */
    public TestEngine(javax.net.ssl.SSLContext tls) throws Exception {
        this.tls = tls;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        start();
    }

    public int port() {
        return port;
    }

    public synchronized void mode(Mode newMode) {
        mode = newMode;
        notifyAll();
    }

    /**
     * Holds a SILENT answer back until the engine closes (at most a minute): a message once met with
     * silence never gets an answer, even after the mode changed (the sender has given up on it).
     */
    private synchronized void awaitSpeaking() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (release.getCount() > 0 && System.nanoTime() < deadline) {
            wait(1000);
        }
    }

    public List<Message> received() {
        return received;
    }

    void start() throws Exception {
        hapi = new DefaultHapiContext(java.util.concurrent.Executors.newCachedThreadPool());
        hapi.setValidationContext(ValidationContextFactory.defaultValidation());
        hapi.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
        hapi.setSocketFactory(new StandardSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return new LoopbackServerSocket(null);
            }

            @Override
            public ServerSocket createTlsServerSocket() throws IOException {
                return new LoopbackServerSocket(tls);
            }
        });
        service = hapi.newServer(port, tls != null);
        service.registerApplication("ORU", "R01", new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
                try {
                    return switch (mode) {
                        case ACCEPT -> {
                            received.add(message);
                            yield message.generateACK();
                        }
                        case ERROR -> message.generateACK(AcknowledgmentCode.AE, new HL7Exception("unknown bed"));
                        case REJECT -> message.generateACK(AcknowledgmentCode.AR, new HL7Exception("engine busy"));
                        case SILENT -> {
                            awaitSpeaking();
                            throw new HL7Exception("this one timed out at the sender already");
                        }
                    };
                } catch (IOException e) {
                    throw new HL7Exception(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HL7Exception(e);
                }
            }

            @Override
            public boolean canProcess(Message message) {
                return true;
            }
        });
        service.startAndWait();
    }

    void stop() throws IOException {
        service.stopAndWait();
        hapi.close();
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            release.countDown();
            notifyAll();
        }
        stop();
    }

    /** HAPI binds the wildcard address; tests listen on loopback only. */
    private static final class LoopbackServerSocket extends ServerSocket {
        private final javax.net.ssl.SSLContext tls;

        LoopbackServerSocket(javax.net.ssl.SSLContext tls) throws IOException {
            super();
            this.tls = tls;
            setReuseAddress(true);
        }

        /** With TLS: the accepted connection is wrapped as the server side of a TLS session. */
        @Override
        public java.net.Socket accept() throws IOException {
            java.net.Socket plain = super.accept();
            if (tls == null) {
                return plain;
            }
            javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                    .createSocket(plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
            socket.setUseClientMode(false);
            return socket;
        }

        @Override
        public void bind(SocketAddress endpoint, int backlog) throws IOException {
            int port = ((InetSocketAddress) endpoint).getPort();
            super.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
        }
    }
}
