package io.wardgate.uplink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Every socket it makes offers only our protocols and suites and verifies the broker's hostname
 * (endpoint identification "HTTPS": the certificate must name the host in the URL).
 */
final class HardenedSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String[] protocols;
    private final String[] suites;

    HardenedSocketFactory(SSLSocketFactory delegate, List<String> protocols, List<String> suites) {
        this.delegate = delegate;
        this.protocols = protocols.toArray(String[]::new);
        this.suites = suites.toArray(String[]::new);
    }

    private Socket harden(Socket socket) {
        SSLSocket ssl = (SSLSocket) socket;
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setProtocols(protocols.clone());
        parameters.setCipherSuites(suites.clone());
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        return ssl;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return suites.clone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return suites.clone();
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
