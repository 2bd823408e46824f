package io.wardgate.manage.client;

import io.wardgate.seal.envelope.EncryptedMessage;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.KeyIds;
import io.wardgate.seal.envelope.SignedMessage;
import io.wardgate.shared.tls.TlsPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Hospital IT's management client: connects to the broker with mutual TLS, signs each request with
 * the management key (fresh 16-byte nonce from SecureRandom, short expiry), publishes it to
 * wardgate/&lt;site&gt;/&lt;ward&gt;/&lt;gateway&gt;/manage/req/&lt;id&gt; and waits, bounded, for the final reply.
 * Replies count only when signed by a certificate that a trust anchor issued for that gateway (CN =
 * gateway id) and answering this request id; anything else is reported and ignored.
 */
public final class AdminClient implements AutoCloseable {
    /** Largest chunk of an upload (the gateway refuses larger ones). */
    public static final int CHUNK_BYTES = 256 * 1024;
    private static final int MAX_REPLY_BYTES = 4 << 20;
    private static final Pattern CN = Pattern.compile("(?:^|,)CN=([^,]+)");

    /**
     * @param brokerUrl ssl://host:port
     * @param tls the client's mutual-TLS context (see {@link AdminKeys#tls})
     * @param managementKey the EC P-256 key whose public half the gateways trust (trustedKeysPath)
     * @param managementPublicKey its public key (the kid is derived from it)
     * @param anchors the hospital CA certificates gateway certificates are issued by
     * @param requester who asks, for the gateway's audit trail (1 to 64 printable characters)
     * @param timeout how long to wait for a reply (also per upload chunk)
     * @param lifetime how long a request stays valid (the gateway refuses more than its maxLifetimeSeconds)
     */
    public record Settings(String brokerUrl, String site, String ward, SSLContext tls, PrivateKey managementKey,
            PublicKey managementPublicKey, List<X509Certificate> anchors, String requester, Duration timeout,
            Duration lifetime) {
        public Settings {
            Objects.requireNonNull(brokerUrl, "brokerUrl");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(managementKey, "managementKey");
            Objects.requireNonNull(managementPublicKey, "managementPublicKey");
            anchors = List.copyOf(anchors);
            if (anchors.isEmpty()) {
                throw new IllegalArgumentException("at least one trust anchor is needed to verify replies");
            }
            if (!level(site) || !level(ward) || requester == null || !requester.matches("[\\x20-\\x7E]{1,64}")) {
                throw new IllegalArgumentException("site and ward must be topic levels, requester 1 to 64 printable characters");
            }
        }
    }

    /** The final reply: "ok", "refused" or "error", the verified payload, and the certificate that signed it. */
    public record Reply(String status, Map<?, ?> payload, X509Certificate signer) {
        public boolean ok() {
            return "ok".equals(status);
        }
    }

    /** What a signed request names of an upload: pass {@link #asArgument()} as the request's "upload" argument. */
    public record Upload(String id, long size, byte[] sha256) {
        public Upload {
            sha256 = sha256.clone();
        }

        @Override
        public byte[] sha256() {
            return sha256.clone();
        }

        public Map<String, Object> asArgument() {
            return Map.of("id", id, "size", size, "sha256", sha256.clone());
        }
    }

    /** No final reply in time. */
    public static final class TimeoutException extends Exception {
        private static final long serialVersionUID = 1L;

        TimeoutException(String message) {
            super(message);
        }
    }

    private final Settings settings;
    private final MqttClient client;
    private final Consumer<String> progress;
    private final SecureRandom random = new SecureRandom();
    private final Es256Signer signer = Es256Signer.randomized(random);
    private final Clock clock = Clock.systemUTC();
    private final Map<String, BlockingQueue<byte[]>> waiting = new ConcurrentHashMap<>();

    private AdminClient(Settings settings, MqttClient client, Consumer<String> progress) {
        this.settings = settings;
        this.client = client;
        this.progress = progress;
    }

    /** Connects; {@code progress} receives one line per event (connected, chunk sent, progress reply, ...). */
    public static AdminClient connect(Settings settings, Consumer<String> progress) throws IOException {
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        try {
            MqttClient client = new MqttClient(settings.brokerUrl(), "wardgate-admin-" + HexFormat.of().formatHex(suffix),
                    new MemoryPersistence());
            AdminClient admin = new AdminClient(settings, client, progress);
            client.setCallback(admin.callback());
            MqttConnectionOptions options = new MqttConnectionOptions();
            // WardGate's explicit protocols and suites on every socket (JSSE's defaults are never used).
            options.setSocketFactory(TlsPolicy.strict().clientSocketFactory(settings.tls()));
            options.setHttpsHostnameVerificationEnabled(true);
            options.setCleanStart(true);
            options.setConnectionTimeout((int) Math.max(1, settings.timeout().toSeconds()));
            client.connect(options);
            progress.accept("connected to " + settings.brokerUrl());
            return admin;
        } catch (MqttException e) {
            throw new IOException("cannot connect to " + settings.brokerUrl() + ": " + e.getMessage(), e);
        }
    }

    /** Signs and sends one request to {@code gateway}, waits for its final reply (progress goes to the listener). */
    public Reply send(String gateway, String operation, Map<String, ?> args) throws IOException, TimeoutException {
        if (!level(gateway)) {
            throw new IllegalArgumentException("gateway id is not a topic level");
        }
        String id = newId();
        Instant expires = clock.instant().plus(settings.lifetime());
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id);
        payload.put("gw", gateway);
        payload.put("requester", settings.requester());
        payload.put("op", operation);
        payload.put("args", args);
        payload.put("exp", expires.getEpochSecond());
        payload.put("nonce", nonce);
        byte[] signed = SignedMessage.sign(payload, settings.managementKey(), settings.managementPublicKey(), List.of(),
                signer);
        String prefix = prefix(gateway);
        BlockingQueue<byte[]> replies = new LinkedBlockingQueue<>();
        waiting.put(prefix + "manage/reply/" + id, replies);
        try {
            client.subscribe(new MqttSubscription[] {new MqttSubscription(prefix + "manage/reply/" + id, 1)});
            client.publish(prefix + "manage/req/" + id, new MqttMessage(signed, 1, false, new MqttProperties()));
            progress.accept("sent " + operation + " as request " + id + " to " + gateway);
            long deadline = System.nanoTime() + settings.timeout().toNanos();
            while (true) {
                byte[] message = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new TimeoutException("no reply from " + gateway + " to request " + id + " within "
                            + settings.timeout().toSeconds() + " s");
                }
                Reply reply = verify(message, gateway, id);
                if (reply == null) {
                    continue;
                }
                if (!"progress".equals(reply.status())) {
                    return reply;
                }
                progress.accept("progress: " + reply.payload().get("step") + " (" + reply.payload().get("percent") + "%)");
            }
        } catch (MqttException e) {
            throw new IOException("MQTT: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            waiting.remove(prefix + "manage/reply/" + id);
            try {
                client.unsubscribe(prefix + "manage/reply/" + id);
            } catch (MqttException e) {
                // the subscription ends with the connection anyway
            }
        }
    }

    /**
     * Publishes {@code file} in chunks of at most {@link #CHUNK_BYTES} to .../manage/upload/&lt;uploadId&gt;/&lt;n&gt;
     * (each acknowledged by the broker before the next), for a request that then names it.
     */
    public Upload upload(String gateway, Path file) throws IOException {
        String id = newId();
        MessageDigest digest = sha256();
        long size = 0;
        int n = 0;
        String prefix = prefix(gateway) + "manage/upload/" + id + "/";
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk;
            while ((chunk = in.readNBytes(CHUNK_BYTES)).length > 0) {
                digest.update(chunk);
                client.publish(prefix + n, new MqttMessage(chunk, 1, false, new MqttProperties()));
                size += chunk.length;
                n++;
                progress.accept("uploaded chunk " + n + " (" + size + " bytes)");
            }
        } catch (MqttException e) {
            throw new IOException("upload failed at chunk " + n + ": " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new IOException(file + " is empty");
        }
        return new Upload(id, size, digest.digest());
    }

    /** The reply if it is the addressed gateway's, correctly signed, for this request; null (reported) otherwise. */
    private Reply verify(byte[] message, String gateway, String id) {
        try {
            return verified(message, gateway, id, settings);
        } catch (SignedMessage.MalformedMessageException | java.security.GeneralSecurityException
                | SecurityException e) {
            progress.accept("ignored a reply that is not verifiably the gateway's: " + e.getMessage());
            return null;
        }
    }

    /**
     * The reply, if it is the addressed gateway's (a valid certificate from a trust anchor with CN = the
     * gateway), correctly signed, for request {@code id}, and encrypted unless it is a refusal.
     *
     * @throws SecurityException (or a parse or certificate exception) saying why it is not
     */
    static Reply verified(byte[] message, String gateway, String id, Settings settings)
            throws SignedMessage.MalformedMessageException, java.security.GeneralSecurityException {
        // Replies to a signed request come encrypted to the management key; only a refusal before
        // the gateway could authenticate the request (it knows no key to encrypt to) is plain.
        boolean encrypted = EncryptedMessage.isEncrypted(message);
        byte[] signedReply = encrypted ? EncryptedMessage.decrypt(message, settings.managementKey(),
                settings.managementPublicKey(), MAX_REPLY_BYTES) : message;
        SignedMessage.Parsed parsed = SignedMessage.parse(signedReply, MAX_REPLY_BYTES);
        X509Certificate signer = parsed.certificate().orElseThrow(() -> new SecurityException("no certificate"));
        signer.checkValidity();
        if (!issuedByAnchor(signer, settings.anchors())) {
            throw new SecurityException("certificate not issued by a trusted CA");
        }
        Matcher cn = CN.matcher(signer.getSubjectX500Principal().getName());
        if (!cn.find() || !cn.group(1).equals(gateway)) {
            throw new SecurityException("certificate is not the gateway's");
        }
        if (!MessageDigest.isEqual(parsed.kid(), KeyIds.kid(signer.getPublicKey()))
                || !parsed.verifiedBy(signer.getPublicKey())) {
            throw new SecurityException("bad signature");
        }
        Map<?, ?> payload = parsed.payload();
        if (!id.equals(payload.get("id")) || !gateway.equals(payload.get("gw"))) {
            throw new SecurityException("reply to another request");
        }
        String status = String.valueOf(payload.get("status"));
        if (!encrypted && !"refused".equals(status)) {
            throw new SecurityException("an unencrypted " + status + " reply");
        }
        return new Reply(status, payload, signer);
    }

    private static boolean issuedByAnchor(X509Certificate certificate, List<X509Certificate> anchors) {
        for (X509Certificate anchor : anchors) {
            if (anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(anchor.getPublicKey());
                    return true;
                } catch (java.security.GeneralSecurityException e) {
                    // try the next anchor
                }
            }
        }
        return false;
    }

    private MqttCallback callback() {
        return new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                progress.accept("disconnected from the broker");
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                progress.accept("MQTT error: " + exception.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                BlockingQueue<byte[]> queue = waiting.get(topic);
                if (queue != null && queue.size() < 1000) {
                    queue.add(message.getPayload());
                }
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // QoS 1 publishes are waited for synchronously
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                // nothing to renew: one connection per run
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication
            }
        };
    }

    private String prefix(String gateway) {
        if (!level(gateway)) {
            throw new IllegalArgumentException("gateway id is not a topic level");
        }
        return "wardgate/" + settings.site() + "/" + settings.ward() + "/" + gateway + "/";
    }

    private String newId() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    private static boolean level(String value) {
        return value != null && value.matches("[A-Za-z0-9._-]{1,64}");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing: nothing left to protect
        }
    }
}
