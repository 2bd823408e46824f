package io.wardgate.benchmarks;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.RecipientKey;
import io.wardgate.seal.envelope.SealTags;
import io.wardgate.seal.envelope.SignerCheck;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.keystore.KeyLocation;
import io.wardgate.seal.keystore.KeyStorage;
import io.wardgate.seal.keystore.TokenKeyStorage;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sealing (sign ES256 + encrypt ECDH-ES/HKDF) and opening (decrypt + verify) one batch, per content
 * algorithm and batch size. Score = batches per second; readings per second = score x batchSize.
 * <p>
 * keyStorage=pkcs11 signs with a key made in a PKCS#11 token (SoftHSM2, or a TPM through tpm2-pkcs11)
 * named by WARDGATE_BENCH_PKCS11_MODULE, WARDGATE_BENCH_PKCS11_SLOT and WARDGATE_BENCH_PKCS11_PIN_FILE:
 * benchmarks/tokens.sh makes both tokens and runs it. One signature per envelope, so the token's signing
 * rate bounds envelopes per second, and batching multiplies it into readings per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SealBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Param({"CHACHA20_POLY1305", "AES_256_GCM"})
    public ContentAlgorithm algorithm;

    @Param({"1", "10", "100", "1000"})
    public int batchSize;

    @Param({"file"})
    public String keyStorage;

    private final AtomicLong sequence = new AtomicLong();
    private EnvelopeSealer sealer;
    private EnvelopeOpener opener;
    private SigningKey signingKey;
    private RecipientKey recipient;
    private Batch batch;
    private byte[] sealed;
    private KeyStorage token;

    @Setup(Level.Trial)
    public void keysAndBatch() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        KeyPair backend = p256();
        Es256Signer signer = Es256Signer.randomized(random);
        KeyPair gateway;
        if (keyStorage.equals("pkcs11")) {
            token = openToken(random);
            gateway = token.generate();
            signer = token.signer();
        } else {
            gateway = p256();
        }
        signingKey = new SigningKey(gateway.getPrivate(), gateway.getPublic(), List.of());
        recipient = new RecipientKey("backend", backend.getPublic());
        sealer = new EnvelopeSealer(Randomness.secure(random), signer);
        SignerCheck trustTheBenchmarkKey = (tags, kid, chain) -> SignerCheck.Verdict.trusted(gateway.getPublic());
        opener = new EnvelopeOpener(Map.of("backend", backend.getPrivate()), trustTheBenchmarkKey);
        DeviceIdentity device = DeviceIdentity.at(Transport.SERIAL, "/dev/wardgate/bed-1").withReported("MX450", "X1");
        List<Reading> readings = new ArrayList<>();
        VitalSign[] signs = VitalSign.values();
        for (int i = 0; i < batchSize; i++) {
            readings.add(Observation.of(signs[i % signs.length], Decimal.of(600 + i % 400, -1), Set.of(), NOW));
        }
        batch = new Batch(device, new Location("site", "ward", "bed-1"), "bench", readings);
        sealed = seal();
        if (!(opener.open(sealed) instanceof OpenResult.Opened)) {
            throw new IllegalStateException("the benchmark's own envelope does not open: " + opener.open(sealed));
        }
    }

    @TearDown(Level.Trial)
    public void releaseToken() {
        if (token != null) {
            token.close();
        }
    }

    private static KeyStorage openToken(SecureRandom random) {
        String module = System.getenv("WARDGATE_BENCH_PKCS11_MODULE");
        String slot = System.getenv("WARDGATE_BENCH_PKCS11_SLOT");
        String pinFile = System.getenv("WARDGATE_BENCH_PKCS11_PIN_FILE");
        if (module == null || slot == null || pinFile == null) {
            throw new IllegalStateException("keyStorage=pkcs11 needs WARDGATE_BENCH_PKCS11_MODULE, _SLOT and _PIN_FILE"
                    + " (benchmarks/tokens.sh sets them)");
        }
        try {
            return TokenKeyStorage.open(new KeyLocation(module.contains("tpm2") ? KeyLocation.Kind.TPM
                    : KeyLocation.Kind.PKCS11, Path.of(module), Long.parseLong(slot), 0, Path.of(pinFile)), "bench", random);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the benchmark's token cannot be opened", e);
        }
    }

    @Benchmark
    public byte[] seal() {
        SealTags tags = new SealTags("wg-bench", batch.device().id(), 1, sequence.getAndIncrement(), NOW);
        return sealer.seal(tags, batch, signingKey, recipient, algorithm);
    }

    @Benchmark
    public OpenResult open() {
        return opener.open(sealed);
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
