package io.wardgate.shared.tls;

import com.sun.net.httpserver.HttpServer;
import io.wardgate.testkit.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A real OCSP responder (RFC 6960 over HTTP POST) on loopback, answering as the CA for the serials it is told. */
final class OcspResponder implements AutoCloseable {
    private final HttpServer server;
    private final Issued ca;
    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();

    OcspResponder(Issued ca) throws IOException {
        this.ca = ca;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ocsp", exchange -> {
            byte[] answer;
            try (InputStream in = exchange.getRequestBody()) {
                answer = answer(new OCSPReq(in.readNBytes(64 * 1024)));
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    void revoke(BigInteger serial) {
        revoked.add(serial);
    }

    private byte[] answer(OCSPReq request) throws Exception {
        X509CertificateHolder issuer = new JcaX509CertificateHolder(ca.certificate());
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(issuer.getSubject()));
        Instant now = Instant.now();
        for (Req single : request.getRequestList()) {
            CertificateStatus status = revoked.contains(single.getCertID().getSerialNumber())
                    ? new RevokedStatus(Date.from(now.minus(Duration.ofHours(1))), 1) : CertificateStatus.GOOD;
            builder.addResponse(single.getCertID(), status, Date.from(now.minus(Duration.ofMinutes(1))),
                    Date.from(now.plus(Duration.ofHours(1))));
        }
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key()), null, Date.from(now)))
                .getEncoded();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
