package io.wardgate.seal.sealer;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Location;
import io.wardgate.api.Observation;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Route;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.RecipientKey;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.identity.Certificates;
import io.wardgate.seal.identity.IdentityStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway side of the kill -9 test, run as its own JVM: opens (or creates) the identity, takes
 * the next boot epoch, and seals readings of two devices into a {@link FileOutbox} until killed.
 * Arguments: data directory, outbox file, backend public key (PEM).
 */
public final class CrashChild {
    static final DeviceIdentity[] DEVICES = {DeviceIdentity.at(Transport.SERIAL, "/dev/ttyUSB0"),
        DeviceIdentity.at(Transport.BLE, "AA:BB:CC:DD:EE:FF")};
    static final Route ROUTE = new Route("icu", "vitals", "backend-test", 5);
    static final Location LOCATION = new Location("site", "ward", "bed-1");

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        IdentityStore identity = IdentityStore.open(data.resolve("identity"), "wg-crash", new SecureRandom(),
                Clock.systemUTC());
        long epoch = EpochStore.next(data.resolve("seal"));
        RecipientKey backend = new RecipientKey("backend-test",
                Certificates.readPublicKey(Files.readAllBytes(Path.of(args[2]))));
        SecureRandom random = new SecureRandom();
        FileOutbox outbox = new FileOutbox(Path.of(args[1]));
        BatchingSealer sealer = new BatchingSealer(
                new SealerSettings(3, 20, ContentAlgorithm.CHACHA20_POLY1305, 100_000), new SealingKeys() {
                    @Override
                    public String gatewayId() {
                        return identity.gatewayId();
                    }

                    @Override
                    public SigningKey signingKey() {
                        return identity.signingKey();
                    }

                    @Override
                    public Optional<RecipientKey> recipient(String id) {
                        return Optional.of(backend);
                    }
                }, outbox, new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random)), epoch,
                Clock.systemUTC(), Optional::empty);
        System.out.println("started epoch " + epoch);
        System.out.flush();
        for (long i = 0; ; i++) {
            DeviceIdentity device = DEVICES[(int) (i % DEVICES.length)];
            sealer.seal(new AdmittedReadings(new DeviceReadings(device, LOCATION, List.of(Observation.of(
                    VitalSign.HEART_RATE, Decimal.ofInteger(60 + i % 40), Set.of(), Clock.systemUTC().instant()))),
                    ROUTE));
            Thread.sleep(2);
        }
    }
}
