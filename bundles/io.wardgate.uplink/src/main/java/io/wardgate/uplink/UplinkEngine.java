package io.wardgate.uplink;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.StoredEnvelope;
import io.wardgate.api.pipeline.Uplink;
import io.wardgate.api.pipeline.UplinkStatus;
import io.wardgate.shared.retry.Backoff;
import io.wardgate.shared.tls.RevocationChecker;
import io.wardgate.shared.tls.SubjectAltNames;
import io.wardgate.shared.tls.TlsPolicy;
import io.wardgate.shared.tls.TrustAnchors;
import io.wardgate.uplink.MqttTransport.ConnectRequest;
import io.wardgate.uplink.MqttTransport.MqttSession;
import io.wardgate.uplink.MqttTransport.PublishCallback;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to the first reachable broker of the failover list. Per connection: a birth
 * message, then outbox.next(free window) -> publish QoS 1 -> on PUBACK outbox.acknowledge. When the
 * connection goes, everything in flight is released to the outbox, which hands it out again in
 * order; nothing is removed without a PUBACK (R4). Between failed rounds it backs off with jitter,
 * cut short when a broker that refused TCP accepts again ({@link ReconnectWait}). On a later broker of
 * the list it checks now and then for an earlier one, and moves there once what is in flight is acknowledged.
 */
public final class UplinkEngine implements Uplink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UplinkEngine.class);

    private final UplinkSettings settings;
    private final Outbox outbox;
    private final GatewayIdentity identity;
    private final MqttTransport transport;
    private final Supplier<AuditTrail> audit;
    private final Clock clock;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final RevocationChecker revocation;
    private final TopicScheme topics;
    private final SharedChannel channel;
    private final Object signal = new Object();
    /** A wake-up not yet consumed by {@link #await}; guarded by {@code signal}. */
    private boolean woken;
    /** Storage ids published in the current session and awaiting their PUBACK. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** Handed out but not sent in this session (refused by the broker, unpublishable topic). */
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    /** Readings held back while the clock is not synchronised (ClockHold); released together, in order. */
    private final Set<Long> heldForClock = ConcurrentHashMap.newKeySet();
    /** Brokers (URLs) that refused a handshake offering ChaCha20-Poly1305 alone and accepted the full list. */
    private final Set<String> chaCha20Refused = ConcurrentHashMap.newKeySet();
    private volatile ClockHold clockHold = ClockHold.NONE;
    /** For waits and deadlines: not moved by a wall-clock step (StepFreeClock). */
    private final Clock durations;
    /** A certificate was refused as not yet valid while the clock was not synchronised. */
    private volatile boolean waitingForClock;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    /** The current session's in-flight window (0: not connected), and the most in flight at once since start. */
    private volatile int window;
    private final java.util.concurrent.atomic.AtomicInteger peakInFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;
    /** The outbox wakes the uplink on every store: idle, it then only looks again now and then. */
    private volatile boolean storeWakes;
    private static final Duration IDLE_WITH_STORE_WAKES = Duration.ofSeconds(1);
    /**
     * Whether a PUBACK may let the loop send more: false while it waits because the outbox had nothing more
     * to hand out (then only a store can, and stores wake it), so a PUBACK at a few envelopes a second does
     * not wake the thread for an empty hand-out. Set before the loop reads the window, so a PUBACK racing
     * with the hand-out wakes it rather than being missed.
     */
    private volatile boolean roomWanted = true;
    private final AtomicLong ackWakeUps = new AtomicLong();
    private volatile String lossReason;
    private volatile UplinkStatus status;
    private String lastAuditedFailure = "";
    private boolean revocationOffAudited;

    public UplinkEngine(UplinkSettings settings, Outbox outbox, GatewayIdentity identity, MqttTransport transport,
            Supplier<AuditTrail> audit, Clock clock, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.durations = StepFreeClock.forDurations(clock);
        this.backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
        this.random = Objects.requireNonNull(random, "random");
        this.revocation = revocationChecker(settings, clock);
        this.topics = new TopicScheme(settings.site(), settings.ward(), identity.gatewayId());
        this.channel = new SharedChannel(topics, this::lost);
        this.status = new UplinkStatus(false, settings.brokers().get(0).url(), clock.instant(), 0, 0, "");
        this.thread = new Thread(this::run, "wardgate-uplink");
        thread.setDaemon(true);
    }

    /** The production transport (Paho), system clock and a SecureRandom for jitter. */
    public static UplinkEngine create(UplinkSettings settings, Outbox outbox, GatewayIdentity identity,
            Supplier<AuditTrail> audit) {
        return new UplinkEngine(settings, outbox, identity, new PahoTransport(), audit, Clock.systemUTC(),
                new java.security.SecureRandom());
    }

    /** Holds reading envelopes while the clock is not synchronised (before {@link #start()}). */
    public UplinkEngine holdWhileUnsynchronised(ClockHold hold) {
        this.clockHold = Objects.requireNonNull(hold, "hold");
        return this;
    }

    public UplinkEngine start() {
        // woken when something is stored, the uplink needs not poll an idle outbox every idlePoll
        storeWakes = outbox.onStored(this::wake);
        if (!settings.revocation().enabled()) {
            LOG.warn("Uplink: certificate revocation checking is switched off by configuration");
        }
        thread.start();
        return this;
    }

    @Override
    public UplinkStatus status() {
        UplinkStatus now = status;
        return new UplinkStatus(now.connected(), now.broker(), now.since(), published.get(), acknowledged.get(),
                now.lastError());
    }

    /** How many reading envelopes are held for the clock right now. */
    int heldForClock() {
        return heldForClock.size();
    }

    /** How many PUBACKs woke the loop (tests: one that could not let it send more does not). */
    long ackWakeUps() {
        return ackWakeUps.get();
    }

    /** Whether the loop found the outbox dry and waits for a store (tests). */
    boolean waitsForStore() {
        return !roomWanted;
    }

    /** How many envelopes await a PUBACK right now. */
    public int inFlight() {
        return inFlight.size();
    }

    /** The current session's in-flight window: the setting, capped by the broker's Receive Maximum; 0 when not connected. */
    public int window() {
        return window;
    }

    /** The most envelopes that awaited a PUBACK at once since the start. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** The connection lent to other bundles for this gateway's own topics. */
    public io.wardgate.api.channel.GatewayChannel channel() {
        return channel;
    }

    TopicScheme topics() {
        return topics;
    }

    private void run() {
        int failedRounds = 0;
        Handover next = null;
        while (running) {
            boolean connected = false;
            if (next != null) {
                Handover handover = next;
                next = serve(handover.index(), handover.session(), handover.relay());
                connected = true;
            }
            for (int i = 0; i < settings.brokers().size() && running && !connected; i++) {
                Handover opened = connect(i);
                if (opened != null) {
                    connected = true;
                    next = serve(i, opened.session(), opened.relay());
                }
            }
            failedRounds = connected ? 0 : failedRounds + 1;
            if (running && next == null) {
                waitBeforeRetry(backoff.delay(Math.max(0, failedRounds - 1), random));
            }
        }
    }

    /** A session to an earlier broker of the list, made while a later one served: where the uplink goes next. */
    private record Handover(int index, MqttSession session, LossRelay relay) {
    }

    /** Connects to the broker at {@code index} of the list; null (audited) if that fails. */
    private Handover connect(int index) {
        try {
            return open(index);
        } catch (UplinkException e) {
            failed(settings.brokers().get(index), e);
            return null;
        }
    }

    /**
     * A session with the broker at {@code index}, offering ChaCha20-Poly1305 alone first: OpenSSL brokers pick
     * AES-GCM by their own order otherwise, which costs the appliance several times more CPU per byte (no AES
     * intrinsics on its JIT). A broker that refuses it (TLS alert: a FIPS policy) gets the full list at once and is
     * remembered while the gateway runs. Both are AEAD suites of RFC 8446: forcing the second try gains an attacker
     * nothing. Anything but a TLS refusal (broker down, timeout) is not retried here.
     */
    private Handover open(int index) throws UplinkException {
        BrokerEndpoint broker = settings.brokers().get(index);
        if (!chaCha20Refused.contains(broker.url())) {
            LossRelay relay = new LossRelay();
            try {
                return new Handover(index, transport.connect(broker, connectRequest(true), relay), relay);
            } catch (UplinkException e) {
                if (!e.isTlsRejection()) {
                    throw e;
                }
                LOG.debug("Uplink: {} refused a handshake offering ChaCha20-Poly1305 only ({}); offering all suites",
                        broker.url(), e.getMessage());
            }
        }
        LossRelay relay = new LossRelay();
        Handover opened = new Handover(index, transport.connect(broker, connectRequest(false), relay), relay);
        if (chaCha20Refused.add(broker.url())) {
            LOG.info("Uplink: {} does not accept ChaCha20-Poly1305; using its choice of AES-GCM", broker.url());
        }
        return opened;
    }

    /** One connection's life; a handover when the uplink moves to an earlier broker of the list, else null. */
    private Handover serve(int index, MqttSession session, LossRelay relay) {
        BrokerEndpoint broker = settings.brokers().get(index);
        lossReason = null;
        relay.activate();
        long number = sessions.incrementAndGet();
        connected(broker);
        // what the outbox holds now is backlog; what is stored from now on goes ahead of it, per device
        outbox.uplinkConnected();
        Handover next = null;
        try {
            session.publish(topics.statusTopic(), topics.birth(broker.url(), clock.instant().toString()), true,
                    new StatusCallback());
            channel.attach(session);
            next = drain(session, number, index);
        } catch (UplinkException e) {
            lost(e.getMessage());
        } finally {
            channel.detach();
            window = 0;
            if (running && next == null) {
                session.close();
            } else {
                // Stopped, or moving on: the broker keeps a retained "offline" rather than publishing the will.
                session.disconnect(topics.statusTopic(), topics.goodbye(clock.instant().toString()));
            }
            releaseAll();
            disconnected(broker, !running ? "uplink stopped"
                    : next != null ? "moving to " + settings.brokers().get(next.index()).url() + ", earlier in the list"
                    : lossReason);
        }
        if (next != null && !running) {
            next.session().close();
            return null;
        }
        return next;
    }

    private Handover drain(MqttSession session, long number, int index) throws UplinkException {
        int window = windowFor(settings.inFlightWindow(), session.receiveMaximum());
        this.window = window;
        int reserve = alarmReserve(window);
        int refill = refillBatch(window);
        LOG.info("Uplink in-flight window {} (broker's Receive Maximum {}, setting {}; {} kept for alarms)", window,
                session.receiveMaximum(), settings.inFlightWindow(), reserve);
        Instant nextCheck = index > 0 ? nextPrimaryCheck() : Instant.MAX;
        while (running && lossReason == null && session.isConnected()) {
            if (!durations.instant().isBefore(nextCheck)) {
                Handover earlier = earlierBroker(index);
                if (earlier != null && finishInFlight(session)) {
                    return earlier;
                }
                if (earlier != null) {
                    earlier.session().close();
                }
                nextCheck = nextPrimaryCheck();
            }
            roomWanted = true;
            int free = window - inFlight.size();
            // The last places of the window are kept for alarms: a window full of backlog waiting for
            // its PUBACKs never holds an alarm back (the outbox hands alarms out first anyway). While
            // PUBACKs are due, the window is refilled a batch at a time: one hand-out (an outbox read)
            // then carries several envelopes instead of one per PUBACK; alarms go out at once.
            boolean refilling = free - reserve >= refill || inFlight.isEmpty();
            boolean askedAll = free > reserve && refilling;
            List<StoredEnvelope> batch = askedAll ? outbox.next(free - reserve)
                    : free > 0 ? outbox.nextAlarms(free) : List.of();
            if (askedAll && batch.size() < free - reserve) {
                roomWanted = false; // the outbox ran dry: the next store wakes the loop, not a PUBACK
            }
            List<StoredEnvelope> sendable = new java.util.ArrayList<>(batch.size());
            boolean holding = clockHold.holding(heldForClock.size());
            if (!holding && !heldForClock.isEmpty()) {
                releaseHeldForClock();
            }
            for (StoredEnvelope stored : batch) {
                if (holding && ClockHold.holdsBack(stored.envelope().tags().deviceId())) {
                    heldForClock.add(stored.storageId()); // kept out of next() until released, nothing sent
                } else if (topics.isPublishable(stored.envelope().tags().topic())) {
                    // Counted as in flight before any is sent: if a publish fails midway, the rest of
                    // the batch is released with it and goes out again in order.
                    inFlight.add(stored.storageId());
                    sendable.add(stored);
                } else {
                    hold(stored.storageId(), "UPLINK_TOPIC_REFUSED", "topic outside the scheme wardgate/...: held");
                }
            }
            peakInFlight.accumulateAndGet(inFlight.size(), Math::max);
            for (StoredEnvelope stored : sendable) {
                session.publish(topics.publishTopic(stored.envelope().tags().topic(),
                        stored.envelope().tags().deviceId()), stored.envelope().bytes(), false,
                        new Tracker(stored.storageId(), number));
                published.incrementAndGet();
            }
            if (batch.isEmpty() || sendable.isEmpty()) {
                // a store, a PUBACK or a loss wakes it; the timeout only re-checks the clock hold and the broker list
                await(storeWakes && settings.idlePoll().compareTo(IDLE_WITH_STORE_WAKES) < 0 ? IDLE_WITH_STORE_WAKES
                        : settings.idlePoll());
            }
        }
        return null;
    }

    /** The setting, capped by the broker's Receive Maximum (MQTT 5 forbids more in flight), at least one. */
    static int windowFor(int setting, int receiveMaximum) {
        return Math.max(1, Math.min(setting, receiveMaximum));
    }

    /** How many free places (beyond the alarms' reserve) a busy window waits for before it is refilled: an eighth. */
    static int refillBatch(int window) {
        return Math.max(1, (window - alarmReserve(window)) / 8);
    }

    /** Places of the in-flight window only alarms may take: a sixteenth, at least one when the window has two. */
    static int alarmReserve(int window) {
        return window < 2 ? 0 : Math.max(1, window / 16);
    }

    private Instant nextPrimaryCheck() {
        return durations.instant().plus(new Backoff(settings.primaryCheck(), settings.primaryCheck()).delay(0, random));
    }

    /** A session to the first earlier broker that accepts one (TCP probe first, so a dead one costs no TLS). */
    private Handover earlierBroker(int index) {
        for (int i = 0; i < index && running; i++) {
            BrokerEndpoint broker = settings.brokers().get(i);
            if (!TcpProbe.accepts(broker, settings.connectTimeout())) {
                continue;
            }
            try {
                return open(i);
            } catch (UplinkException e) {
                // Still serving the later broker: the status stays "connected"; the log says why not.
                LOG.info("Uplink stays on {}: earlier broker {} refused: {}",
                        settings.brokers().get(index).url(), broker.url(), e.getMessage());
            }
        }
        return null;
    }

    /**
     * Takes nothing new and waits for the PUBACKs of what is in flight, so that moving to another broker
     * neither loses nor duplicates a message. False if the connection went or the answers did not come.
     */
    private boolean finishInFlight(MqttSession session) {
        roomWanted = true; // waits for the PUBACKs themselves
        Instant deadline = durations.instant().plus(settings.connectTimeout());
        while (!inFlight.isEmpty() && running && lossReason == null && session.isConnected()
                && durations.instant().isBefore(deadline)) {
            await(settings.idlePoll());
        }
        return inFlight.isEmpty() && running && lossReason == null;
    }

    /**
     * Waits the backoff delay, ended early when a broker that refused TCP at its start accepts again.
     * Probing is TCP only, and only of brokers that refused: one that accepts TCP but refuses the session
     * is retried at the backoff's pace, never faster.
     */
    private void waitBeforeRetry(Duration delay) {
        List<BrokerEndpoint> brokers = settings.brokers();
        boolean probing = !settings.probeInterval().isZero();
        List<BrokerEndpoint> refused = probing
                ? brokers.stream().filter(b -> !TcpProbe.accepts(b, settings.connectTimeout())).toList()
                : List.of();
        ReconnectWait wait = new ReconnectWait(durations, random, delay, settings.probeInterval(), refused.isEmpty());
        while (running && !wait.over()) {
            if (waitingForClock && clockHold.synchronised()) {
                waitingForClock = false;
                LOG.info("Uplink: the clock is synchronised; trying again a certificate refused as not yet valid");
                return;
            }
            if (wait.probeDue()
                    && wait.probed(refused.stream().anyMatch(b -> TcpProbe.accepts(b, settings.connectTimeout())))) {
                LOG.info("Uplink: a broker accepts connections again; reconnecting before the backoff ends");
                return;
            }
            Duration sleep = wait.sleep();
            await(waitingForClock && sleep.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : sleep);
        }
    }

    /** Routes a session's loss to the engine once it is the session in use; remembers one from before. */
    private final class LossRelay implements MqttTransport.LossListener {
        private boolean active;
        private String early;

        @Override
        public synchronized void lost(String reason) {
            if (active) {
                UplinkEngine.this.lost(reason);
            } else if (early == null) {
                early = reason == null ? "connection lost" : reason;
            }
        }

        synchronized void activate() {
            active = true;
            if (early != null) {
                UplinkEngine.this.lost(early);
            }
        }
    }

    /** Follows one envelope's publish; a late answer from an earlier session only acknowledges. */
    private final class Tracker implements PublishCallback {
        private final long id;
        private final long session;

        Tracker(long id, long session) {
            this.id = id;
            this.session = session;
        }

        @Override
        public void acknowledged() {
            outbox.acknowledge(id);
            acknowledged.incrementAndGet();
            if (session == sessions.get()) {
                inFlight.remove(id);
            }
            if (roomWanted) {
                ackWakeUps.incrementAndGet();
                wake();
            }
        }

        @Override
        public void refused(int reasonCode) {
            if (session == sessions.get() && inFlight.remove(id)) {
                hold(id, "UPLINK_PUBLISH_REFUSED", "broker refused the message (PUBACK reason 0x"
                        + Integer.toHexString(reasonCode) + "): kept in the outbox");
            }
            wake();
        }

        @Override
        public void failed(String reason) {
            // The connection is going: everything in flight is released together, in order.
            lost(reason);
        }
    }

    /** The birth message's own acknowledgement matters to nobody but the log. */
    private static final class StatusCallback implements PublishCallback {
        @Override
        public void acknowledged() {
            LOG.debug("Uplink status message acknowledged");
        }

        @Override
        public void refused(int reasonCode) {
            LOG.warn("Broker refused the uplink status message (reason 0x{})", Integer.toHexString(reasonCode));
        }

        @Override
        public void failed(String reason) {
            LOG.debug("Uplink status message not acknowledged: {}", reason);
        }
    }

    private void hold(long id, String action, String why) {
        held.add(id);
        LOG.warn("Uplink holds outbox entry {}: {}", id, why);
        record(action, Outcome.DENIED, topics.prefix(), why);
        status = withError(why);
    }

    private ConnectRequest connectRequest(boolean onlyChaCha20) throws UplinkException {
        if (identity.certificateChain().isEmpty()) {
            throw new UplinkException("the gateway has no client certificate yet (enrollment pending)", false, null);
        }
        SSLSocketFactory factory;
        try {
            if (!settings.revocation().enabled() && !revocationOffAudited) {
                // Audited once per start, from the first attempt (the optional audit trail is bound by then).
                revocationOffAudited = record("UPLINK_REVOCATION_OFF", Outcome.WARNING, topics.prefix(),
                        "certificate revocation checking of the broker is switched off by configuration");
            }
            if (revocation == null) {
                throw new GeneralSecurityException("the configured CRL file is unreadable");
            }
            // Anchors are read anew for each connection attempt (renewed files take effect without a restart).
            TlsPolicy policy = new TlsPolicy(settings.allowTls12(), onlyChaCha20);
            factory = policy.clientSocketFactory(TlsPolicy.context(new KeyManager[] {identity.tlsKeyManager()},
                    TrustAnchors.trustManagers(TrustAnchors.read(settings.trustAnchors()), revocation)));
        } catch (GeneralSecurityException | IOException e) {
            throw UplinkException.of("cannot set up TLS from the configured trust anchors/CRL", e);
        }
        String clientId = settings.clientId().isEmpty() ? identity.gatewayId() : settings.clientId();
        return new ConnectRequest(clientId, (int) settings.keepAlive().toSeconds(),
                (int) settings.connectTimeout().toSeconds(), topics.statusTopic(), topics.will(), factory,
                SubjectAltNames.verifier());
    }

    /** Null when an installed CRL file cannot be read (every connection attempt then fails with that reason). */
    private static RevocationChecker revocationChecker(UplinkSettings settings, Clock clock) {
        try {
            return new RevocationChecker(settings.revocation(), clock);
        } catch (GeneralSecurityException | IOException e) {
            LOG.error("Uplink: the configured CRL file is unreadable: {}", e.getMessage());
            return null;
        }
    }

    private void lost(String reason) {
        if (lossReason == null) {
            lossReason = reason == null ? "connection lost" : reason;
        }
        wake();
    }

    private void releaseHeldForClock() {
        int count = heldForClock.size();
        for (Long id : List.copyOf(heldForClock)) {
            outbox.release(id);
        }
        heldForClock.clear();
        String why = clockHold.releaseReason();
        LOG.info("Uplink releases {} envelope(s) held for the clock: {}", count, why);
        record("UPLINK_CLOCK_RELEASED", Outcome.SUCCESS, topics.prefix(), count + " envelope(s) held while the clock"
                + " was not synchronised go out now: " + why);
    }

    private void releaseAll() {
        for (Long id : List.copyOf(heldForClock)) {
            outbox.release(id);
        }
        heldForClock.clear();
        for (Long id : List.copyOf(inFlight)) {
            outbox.release(id);
        }
        inFlight.clear();
        for (Long id : List.copyOf(held)) {
            outbox.release(id);
        }
        held.clear();
    }

    private void connected(BrokerEndpoint broker) {
        status = new UplinkStatus(true, broker.url(), clock.instant(), 0, 0, "");
        lastAuditedFailure = "";
        LOG.info("Uplink connected to {}", broker.url());
        record("UPLINK_CONNECTED", Outcome.SUCCESS, broker.url(), "mutual TLS session established");
    }

    private void disconnected(BrokerEndpoint broker, String reason) {
        String why = reason == null ? "connection closed" : reason;
        status = new UplinkStatus(false, broker.url(), clock.instant(), 0, 0, running ? why : "");
        if (running) {
            LOG.warn("Uplink disconnected from {}: {}", broker.url(), why);
        } else {
            LOG.info("Uplink disconnected from {}: stopped", broker.url());
        }
        record("UPLINK_DISCONNECTED", running ? Outcome.WARNING : Outcome.SUCCESS, broker.url(), why);
    }

    private void failed(BrokerEndpoint broker, UplinkException e) {
        String reason = e.getMessage();
        if (e.isNotYetValid() && clockHold.known()) {
            boolean synced = clockHold.synchronised();
            // retried as soon as the clock is synchronised (waitBeforeRetry), not only after the backoff
            waitingForClock = !synced;
            reason += synced ? " (the gateway clock is synchronised: the certificate is really not valid yet)"
                    : " (the gateway clock is not synchronised: retried as soon as it is)";
        }
        status = new UplinkStatus(false, broker.url(), status.connected() ? clock.instant() : status.since(), 0, 0,
                reason);
        String key = broker.url() + reason;
        if (!key.equals(lastAuditedFailure)) {
            lastAuditedFailure = key;
            LOG.warn("Uplink cannot connect to {}: {}", broker.url(), reason);
            record(e.isTlsRejection() ? "UPLINK_TLS_REJECTED" : "UPLINK_CONNECT_FAILED",
                    e.isTlsRejection() ? Outcome.DENIED : Outcome.FAILURE, broker.url(), reason);
        }
    }

    private UplinkStatus withError(String error) {
        UplinkStatus now = status;
        return new UplinkStatus(now.connected(), now.broker(), now.since(), 0, 0, error);
    }

    private boolean record(String action, Outcome outcome, String target, String detail) {
        AuditTrail trail = audit.get();
        if (trail == null) {
            return false;
        }
        try {
            String bounded = detail.length() <= 1024 ? detail : detail.substring(0, 1021) + "...";
            trail.record(new AuditEvent(clock.instant(), "system", action, target.length() <= 256 ? target
                    : target.substring(0, 256), outcome, bounded.replaceAll("[^\\x20-\\x7E]", "?")));
            return true;
        } catch (RuntimeException e) {
            LOG.error("Audit trail refused uplink event {}: {}", action, e.toString());
            return false;
        }
    }

    /**
     * Waits for a wake-up or the timeout. A wake-up that came since the last wait (a store between the
     * outbox's empty answer and this call) returns at once instead of being lost for a whole idle period.
     */
    private void await(Duration duration) {
        synchronized (signal) {
            if (!running) {
                return;
            }
            try {
                if (!woken) {
                    signal.wait(Math.max(1, duration.toMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                woken = false;
            }
        }
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
