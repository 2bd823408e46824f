package io.wardgate.receiver.pcd01;

import ca.uhn.hl7v2.util.SocketFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HAPI's socket seam given our TLS context: TLS 1.3 and 1.2 only, the engine's host name checked
 * against its certificate. This side only connects; it never listens.
 */
final class TlsSocketFactory implements SocketFactory {
    private final SSLContext context;

    TlsSocketFactory(SSLContext context) {
        this.context = context;
    }

    @Override
    public Socket createSocket() {
        return new Socket();
    }

    @Override
    public Socket createTlsSocket() throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }

    @Override
    public ServerSocket createServerSocket() {
        throw new UnsupportedOperationException("the PCD-01 sender does not listen");
    }

    @Override
    public ServerSocket createTlsServerSocket() {
        throw new UnsupportedOperationException("the PCD-01 sender does not listen");
    }

    @Override
    public void configureNewAcceptedSocket(Socket socket) throws SocketException {
        // never accepts
    }
}
