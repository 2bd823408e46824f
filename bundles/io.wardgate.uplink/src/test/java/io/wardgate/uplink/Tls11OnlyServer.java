package io.wardgate.uplink;

import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A JSSE server that speaks TLS 1.1 only (run in its own JVM, whose java.security re-enables TLS 1.1).
 * Prints "PORT n" when listening, then "HANDSHAKE ..." for each attempt.
 * Args: PKCS#12 key store, its password.
 */
public final class Tls11OnlyServer {
    private Tls11OnlyServer() {
    }

    public static void main(String[] args) throws Exception {
        char[] password = args[1].toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[0])) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setEnabledProtocols(new String[] {"TLSv1.1"});
            System.out.println("PORT " + server.getLocalPort());
            System.out.flush();
            while (true) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    System.out.println("HANDSHAKE " + socket.getSession().getProtocol());
                } catch (Exception e) {
                    System.out.println("HANDSHAKE FAILED " + e.getMessage());
                }
                System.out.flush();
            }
        }
    }
}
