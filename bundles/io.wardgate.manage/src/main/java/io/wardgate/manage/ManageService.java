package io.wardgate.manage;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.manage.ManagementOperation;
import io.wardgate.seal.admin.GatewaySigner;
import io.wardgate.seal.envelope.EncryptedMessage;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.SignedMessage;
import io.wardgate.api.channel.GatewayChannel;
import java.io.IOException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request/response channel: requests arrive on .../manage/req/&lt;id&gt;, are checked (signature by
 * a trusted management key, target gateway, expiry, fresh nonce, known operation), run one at a time
 * off the MQTT thread, and answered with a gateway-signed reply on .../manage/reply/&lt;id&gt;. Every
 * request, accepted or refused, is audited. Deny by default: any failed check refuses.
 */
final class ManageService implements AutoCloseable {
    static final String REQUEST_FILTER = "manage/req/+";
    static final String UPLOAD_FILTER = "manage/upload/+/+";
    private static final Logger LOG = LoggerFactory.getLogger(ManageService.class);

    private final GatewayChannel channel;
    private final GatewaySigner signer;
    private final java.util.function.Supplier<TrustedKeys> trusted;
    private final KeyStatus keyStatus;
    private final NonceStore nonces;
    private final AuditTrail audit;
    private final Function<String, ManagementOperation> operations;
    private final Uploads uploads;
    private final String gatewayId;
    private final Duration maxLifetime;
    private final int maxRequestBytes;
    private final Clock clock;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(16), r -> {
                Thread thread = new Thread(r, "wardgate-manage");
                thread.setDaemon(true);
                return thread;
            });
    /** Refusals before a trusted signature was seen: 20 at once, then one a second (review finding 4). */
    private final Randomness randomness = Randomness.secure(new SecureRandom());
    private final RefusalLimiter unauthenticated = new RefusalLimiter(System::nanoTime, 20, 1.0);
    private GatewayChannel.Registration registration;
    private GatewayChannel.Registration uploadRegistration;

    record Settings(String gatewayId, Duration maxLifetime, int maxRequestBytes) {
    }

    ManageService(GatewayChannel channel, GatewaySigner signer, java.util.function.Supplier<TrustedKeys> trusted,
            KeyStatus keyStatus, NonceStore nonces,
            AuditTrail audit, Function<String, ManagementOperation> operations, Uploads uploads, Settings settings,
            Clock clock) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.keyStatus = Objects.requireNonNull(keyStatus, "keyStatus");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.uploads = uploads;
        this.gatewayId = settings.gatewayId();
        this.maxLifetime = settings.maxLifetime();
        this.maxRequestBytes = settings.maxRequestBytes();
        this.clock = clock;
    }

    ManageService start() {
        registration = channel.subscribe(REQUEST_FILTER, this::arrived);
        if (uploads != null) {
            uploadRegistration = channel.subscribe(UPLOAD_FILTER, this::chunk);
        }
        return this;
    }

    private void arrived(String topic, byte[] payload) {
        String prefix = channel.topicPrefix() + "manage/req/";
        String id = topic.startsWith(prefix) ? topic.substring(prefix.length()) : "";
        if (!ManageRequest.ID.matcher(id).matches()) {
            refuseUnauthenticated(null, "request id not usable as a topic level");
            return;
        }
        // Authenticated on the MQTT thread (bounded: parse limit, one signature check), so that
        // garbage never takes a place in the worker's queue from a signed request.
        Authenticated signed = authenticate(id, payload);
        if (signed == null) {
            return;
        }
        try {
            worker.execute(() -> handle(id, signed));
        } catch (RejectedExecutionException e) {
            refuse(id, signed, "busy: too many requests waiting");
        }
    }

    /** A chunk of an upload: staged as it comes, believed only when a signed request names its SHA-256. */
    private void chunk(String topic, byte[] payload) {
        String[] levels = topic.substring(Math.min(topic.length(), channel.topicPrefix().length())).split("/", -1);
        if (levels.length != 4) {
            return;
        }
        uploads.chunk(levels[2], levels[3], payload);
    }

    /** A request whose signature a trusted management key made. */
    private record Authenticated(String actor, SignedMessage.Parsed parsed, PublicKey key, TrustedKeys keys,
            TrustedKeys.Trusted trusted) {
    }

    /** The signature check; null when refused (refusals here are rate-limited and aggregated). */
    private Authenticated authenticate(String id, byte[] payload) {
        SignedMessage.Parsed parsed;
        try {
            parsed = SignedMessage.parse(payload, maxRequestBytes);
        } catch (SignedMessage.MalformedMessageException e) {
            refuseUnauthenticated(id, "not a signed request: " + e.getMessage());
            return null;
        }
        TrustedKeys keys = trusted.get();
        Optional<TrustedKeys.Trusted> key = keys.find(parsed.kid());
        if (key.isEmpty()) {
            refuseUnauthenticated(id, "signed by a key this gateway does not trust");
            return null;
        }
        if (!parsed.verifiedBy(key.get().key())) {
            refuseUnauthenticated(id, "bad signature for management key " + key.get().name());
            return null;
        }
        return new Authenticated("it:" + key.get().name(), parsed, key.get().key(), keys, key.get());
    }

    /** Checks and runs one request; every path ends in one signed reply (where an id exists) and one audit record. */
    void handle(String id, byte[] payload) {
        Authenticated signed = authenticate(id, payload);
        if (signed != null) {
            handle(id, signed);
        }
    }

    private void handle(String id, Authenticated signed) {
        // Off the MQTT thread: a CRL or OCSP fetch may take up to its timeout.
        Optional<String> unusable = keyStatus.refusal(signed.keys(), signed.trusted());
        if (unusable.isPresent()) {
            refuseUnauthenticated(id, signed.actor(), "MANAGE_KEY_REJECTED", unusable.get());
            return;
        }
        ManageRequest request;
        try {
            request = ManageRequest.from(signed.parsed().payload());
        } catch (IllegalArgumentException e) {
            refuse(id, signed, e.getMessage());
            return;
        }
        Instant now = clock.instant();
        String problem = !request.id().equals(id) ? "request id differs from its topic"
                : !request.gateway().equals(gatewayId) ? "request is for another gateway"
                : !request.expires().isAfter(now) ? "request expired at " + request.expires()
                : request.expires().isAfter(now.plus(maxLifetime)) ? "expiry further ahead than " + maxLifetime
                : null;
        if (problem == null) {
            problem = checkNonce(request, now);
        }
        ManagementOperation operation = operations.apply(request.operation());
        if (problem == null && operation == null) {
            problem = "unknown operation " + request.operation();
        }
        if (problem != null) {
            refuse(id, signed, problem);
            return;
        }
        run(request, signed, operation);
    }

    private String checkNonce(ManageRequest request, Instant now) {
        try {
            return switch (nonces.accept(request.nonce(), request.expires(), now, maxLifetime)) {
                case ACCEPTED -> null;
                case REPLAYED -> "nonce already used (replay)";
                case STALE -> "request expired more than " + maxLifetime.toSeconds()
                        + " s before the newest accepted one (clock set back? replay?)";
                case FULL -> "too many requests pending expiry; try again later";
            };
        } catch (IOException e) {
            LOG.error("Nonce store cannot be written: {}", e.getMessage());
            return "nonce store unavailable";
        }
    }

    private void run(ManageRequest request, Authenticated signed, ManagementOperation operation) {
        String actor = signed.actor();
        PublicKey to = signed.key();
        String detail = "op " + request.operation() + " by " + request.requester();
        Call call = new Call(request, actor, (step, percent) -> reply(request.id(), to, "progress",
                Map.of("step", bounded(step, 256), "percent", (long) percent)), uploads);
        try {
            Map<String, Object> result = operation.run(call, call);
            reply(request.id(), to, "ok", result == null ? Map.of() : result);
            record(actor, "MANAGE_REQUEST", request.operation(), Outcome.SUCCESS, detail);
        } catch (Exception | LinkageError e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            reply(request.id(), to, "error", Map.of("reason", bounded(reason)));
            record(actor, "MANAGE_REQUEST", request.operation(), Outcome.FAILURE, detail + ": " + reason);
        }
        for (Runnable action : call.afterReplyActions()) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.error("After-reply action of {} failed: {}", request.operation(), e.toString());
            }
        }
    }

    /** A refusal before authentication: recorded and answered only within the limit; the rest are counted. */
    private void refuseUnauthenticated(String id, String reason) {
        refuseUnauthenticated(id, "system", "MANAGE_REQUEST_REFUSED", reason);
    }

    /**
     * Also for a key that signed but may no longer be used (revoked, expired): its holder is not
     * trusted with the reply's contents, nor with an unlimited number of audit records.
     */
    private void refuseUnauthenticated(String id, String actor, String action, String reason) {
        long heldBack = unauthenticated.admit();
        if (heldBack < 0) {
            return;
        }
        String detail = heldBack == 0 ? reason
                : "(" + heldBack + " unauthenticated requests held back without record or reply since the last one) " + reason;
        if (id == null) {
            record(actor, action, "", Outcome.DENIED, detail);
        } else {
            LOG.warn("Management request {} refused: {}", id, detail);
            reply(id, null, "refused", Map.of("reason", detail));
            record(actor, action, id, Outcome.DENIED, detail);
        }
    }

    private void refuse(String id, Authenticated signed, String reason) {
        LOG.warn("Management request {} refused: {}", id, reason);
        reply(id, signed.key(), "refused", Map.of("reason", reason));
        record(signed.actor(), "MANAGE_REQUEST_REFUSED", id, Outcome.DENIED, reason);
    }

    /**
     * Signs the reply as the gateway and, when the request was signed by a trusted key, encrypts it to
     * that key (review finding 10: the broker is not trusted with status or audit contents). A refusal
     * before authentication has nobody to encrypt to and says only why.
     */
    private void reply(String id, PublicKey to, String status, Map<String, ?> body) {
        Map<String, Object> payload = new LinkedHashMap<>(body);
        payload.put("id", id);
        payload.put("gw", gatewayId);
        payload.put("status", status);
        payload.put("at", clock.instant().getEpochSecond());
        try {
            byte[] signed = signer.sign(payload);
            byte[] message = to == null ? signed : EncryptedMessage.encrypt(signed, to, randomness);
            if (!channel.publish("manage/reply/" + id, message)) {
                LOG.warn("Reply to management request {} not sent: no connection", id);
            }
        } catch (RuntimeException e) {
            LOG.error("Reply to management request {} failed: {}", id, e.toString());
        }
    }

    private void record(String actor, String action, String target, Outcome outcome, String detail) {
        try {
            audit.record(new AuditEvent(clock.instant(), bounded(actor, 128), action, bounded(target, 256), outcome,
                    bounded(detail)));
        } catch (RuntimeException e) {
            LOG.error("Audit trail refused {}: {}", action, e.toString());
        }
    }

    private static String bounded(String text) {
        return bounded(text, 1024);
    }

    private static String bounded(String text, int max) {
        String printable = text.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() <= max ? printable : printable.substring(0, max - 3) + "...";
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.close();
        }
        if (uploadRegistration != null) {
            uploadRegistration.close();
        }
        worker.shutdownNow();
    }
}
