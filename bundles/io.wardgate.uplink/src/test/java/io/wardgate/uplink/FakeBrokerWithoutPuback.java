package io.wardgate.uplink;

import io.wardgate.testkit.Issued;
import io.wardgate.testkit.TestTls;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;

/**
 * A TLS MQTT 5 "broker" that accepts the connection (client certificate required), answers pings,
 * reads every PUBLISH and never acknowledges one (or refuses each with an error PUBACK): the cases R4
 * guards against.
 */
final class FakeBrokerWithoutPuback implements AutoCloseable {
    private static final int MAX_PACKET = 8 * 1024 * 1024;

    private final SSLServerSocket server;
    private final List<String> publishedTopics = new CopyOnWriteArrayList<>();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile int refusal = -1;

    FakeBrokerWithoutPuback(Issued serverCertificate, X509Certificate clientCa) throws IOException {
        server = (SSLServerSocket) TestTls.context(serverCertificate, clientCa).getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        acceptor = new Thread(this::accept, "fake-broker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** From now on, answer each QoS 1 PUBLISH with a PUBACK carrying this error reason code. */
    void refuseWith(int reasonCode) {
        refusal = reasonCode;
    }

    String url() {
        return "ssl://localhost:" + server.getLocalPort();
    }

    /** Topics of the PUBLISH packets received, in order. */
    List<String> publishedTopics() {
        return List.copyOf(publishedTopics);
    }

    /** Writes raw bytes to every connected client (a broker that ignores the client's limits). */
    void sendToClients(byte[] raw) throws IOException {
        for (Socket client : clients) {
            client.getOutputStream().write(raw);
            client.getOutputStream().flush();
        }
    }

    /** Drops every connection (as a broker crash would); keeps listening. */
    void dropConnections() {
        for (Socket client : clients) {
            try {
                client.close();
            } catch (IOException e) {
                // already closed
            }
        }
        clients.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                Thread reader = new Thread(() -> serve(client), "fake-broker-client");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; DataInputStream in = new DataInputStream(client.getInputStream())) {
            OutputStream out = client.getOutputStream();
            while (true) {
                int header = in.readUnsignedByte();
                int length = remainingLength(in);
                byte[] body = new byte[length];
                in.readFully(body);
                switch (header >> 4) {
                    case 1 -> out.write(new byte[] {0x20, 0x03, 0x00, 0x00, 0x00}); // CONNACK: success, no properties
                    case 3 -> {
                        publishedTopics.add(topic(body)); // PUBLISH: read, never acknowledged...
                        if (refusal >= 0) { // ...unless refusing: PUBACK with an error reason
                            int at = 2 + topic(body).getBytes(StandardCharsets.UTF_8).length;
                            out.write(new byte[] {0x40, 0x03, body[at], body[at + 1], (byte) refusal});
                        }
                    }
                    case 12 -> out.write(new byte[] {(byte) 0xD0, 0x00}); // PINGREQ -> PINGRESP
                    case 14 -> {
                        return; // DISCONNECT
                    }
                    default -> {
                        // anything else is ignored
                    }
                }
                out.flush();
            }
        } catch (EOFException e) {
            // client went away
        } catch (IOException e) {
            // connection dropped
        }
    }

    private static int remainingLength(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value > MAX_PACKET) {
                    throw new IOException("packet too large");
                }
                return value;
            }
        }
        throw new IOException("malformed remaining length");
    }

    private static String topic(byte[] body) {
        int length = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        return new String(body, 2, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
