package io.wardgate.shared.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Every socket it makes offers only the policy's protocols and suites and verifies the peer's host name. */
final class HardenedSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final TlsPolicy policy;

    HardenedSocketFactory(SSLSocketFactory delegate, TlsPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    private Socket harden(Socket socket) {
        SSLSocket ssl = (SSLSocket) socket;
        ssl.setSSLParameters(policy.apply(ssl.getSSLParameters(), true));
        return ssl;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return policy.cipherSuites().toArray(String[]::new);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return getDefaultCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return harden(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return harden(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return harden(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return harden(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return harden(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return harden(delegate.createSocket(address, port, localAddress, localPort));
    }
}
