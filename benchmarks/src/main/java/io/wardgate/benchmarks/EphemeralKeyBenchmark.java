package io.wardgate.benchmarks;

import io.wardgate.seal.envelope.Randomness;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each envelope's fresh P-256 key pair (its ECDH-ES key agreement): the sealer's way
 * ({@link Randomness#secure}, Bouncy Castle's fixed-point comb) against the JCA's KeyPairGenerator it
 * replaced. Score = key pairs per second. The appliance runs C1 only: compare with
 * {@code -jvmArgs -XX:TieredStopAtLevel=1} as well (docs/benchmarks-history.md, "CPU per envelope").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EphemeralKeyBenchmark {
    private final SecureRandom random = new SecureRandom();
    private final Randomness sealers = Randomness.secure(random);

    @Benchmark
    public KeyPair sealer() {
        return sealers.ephemeralKeyPair();
    }

    @Benchmark
    public KeyPair jcaKeyPairGenerator() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }
}
