package io.wardgate.seal.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Observation;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.Transport;
import io.wardgate.api.Unit;
import io.wardgate.api.VitalSign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/envelope.md, byte for byte: published test keys, a fixed ephemeral
 * key and nonce, deterministic ECDSA (RFC 6979). Every hex value the document shows is computed
 * here and must appear in the document; the values are also written to
 * target/worked-example.txt for whoever updates the document after a deliberate format change.
 */
class WorkedExampleTest {
    private static final Path DOC = Path.of("../../docs/envelope.md");
    static final DeviceIdentity DEVICE = DeviceIdentity.at(Transport.SERIAL, "/dev/ttyUSB0");
    static final Instant RECEIVED = Instant.parse("2026-01-15T08:29:59.500Z");
    static final SealTags TAGS = new SealTags("wg-test-0001", DEVICE.id(), 3, 17,
            Instant.parse("2026-01-15T08:30:00Z"));
    static final Batch BATCH = new Batch(DEVICE, new Location("example-site", "ward-1", "bed-1"), "vitals",
            List.of(Observation.of(VitalSign.SPO2, Decimal.parse("98.0"), Set.of(), RECEIVED),
                    Observation.absent(VitalSign.HEART_RATE.metric(), Unit.BEATS_PER_MINUTE,
                            Set.of(StatusFlag.UNAVAILABLE), RECEIVED)));

    @Test
    void theDocumentShowsExactlyWhatTheCodeProduces() throws IOException {
        Map<String, byte[]> values = compute();
        StringBuilder report = new StringBuilder();
        values.forEach((name, bytes) -> report.append(name).append(" (").append(bytes.length).append(" bytes)\n")
                .append(wrap(HexFormat.of().formatHex(bytes))).append("\n\n"));
        Files.writeString(Path.of("target/worked-example.txt"), report);

        // Every fenced block of the document that holds only hex digits, whitespace removed.
        java.util.Set<String> hexBlocks = new java.util.HashSet<>();
        java.util.regex.Matcher blocks = java.util.regex.Pattern.compile("```\\n([0-9a-f\\s]+)```")
                .matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (blocks.find()) {
            hexBlocks.add(blocks.group(1).replaceAll("\\s+", ""));
        }
        values.forEach((name, bytes) -> assertThat(hexBlocks).as("docs/envelope.md shows %s as a hex block", name)
                .contains(HexFormat.of().formatHex(bytes)));
    }

    @Test
    void theExampleOpensWithTheTestBackendKey() {
        byte[] envelope = compute().get("envelope");
        EnvelopeOpener opener = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                TestKeys.trusting(TestKeys.gateway().getPublic()));
        OpenResult result = opener.open(envelope);
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        OpenResult.Opened opened = (OpenResult.Opened) result;
        assertThat(opened.tags()).isEqualTo(TAGS);
        assertThat(opened.batch()).isEqualTo(BATCH);
        assertThat(opened.signerKid()).isEqualTo(KeyIds.kid(TestKeys.gateway().getPublic()));
    }

    static Map<String, byte[]> compute() {
        KeyPair gateway = TestKeys.gateway();
        KeyPair backend = TestKeys.backend();
        KeyPair ephemeral = TestKeys.keyPair(TestKeys.EPHEMERAL_LABEL);
        ContentAlgorithm algorithm = ContentAlgorithm.CHACHA20_POLY1305;
        Map<String, byte[]> v = new LinkedHashMap<>();
        v.put("gateway private key d", scalar(gateway));
        v.put("gateway public key x", Crypto.x((ECPublicKey) gateway.getPublic()));
        v.put("gateway public key y", Crypto.y((ECPublicKey) gateway.getPublic()));
        v.put("gateway kid (SHA-256 of SubjectPublicKeyInfo)", KeyIds.kid(gateway.getPublic()));
        v.put("backend private key d", scalar(backend));
        v.put("backend public key x", Crypto.x((ECPublicKey) backend.getPublic()));
        v.put("backend public key y", Crypto.y((ECPublicKey) backend.getPublic()));
        v.put("ephemeral private key d", scalar(ephemeral));
        v.put("payload", PayloadCodec.encode(BATCH));
        byte[] outer = Cbor.encode(EnvelopeSealer.outerProtected(TAGS, algorithm));
        v.put("outer protected header", outer);
        Map<Object, Object> signHeader = new LinkedHashMap<>();
        signHeader.put(CoseLabels.ALG, CoseLabels.ES256);
        signHeader.put(CoseLabels.KID, KeyIds.kid(gateway.getPublic()));
        byte[] signProtected = Cbor.encode(signHeader);
        v.put("signer protected header", signProtected);
        byte[] toBeSigned = EnvelopeSealer.sigStructure(signProtected, outer, v.get("payload"));
        v.put("Sig_structure", toBeSigned);
        byte[] signature = TestKeys.deterministicSigner().sign(gateway.getPrivate(), toBeSigned);
        v.put("signature", signature);
        v.put("plaintext (COSE_Sign1)", Cbor.encode(new Cbor.Tagged(CoseLabels.TAG_SIGN1,
                List.of(signProtected, Map.of(), v.get("payload"), signature))));
        byte[] recipientProtected = Cbor.encode(Map.of(CoseLabels.ALG, CoseLabels.ECDH_ES_HKDF_256));
        byte[] secret = Crypto.ecdh(ephemeral.getPrivate(), Crypto.point(Crypto.x((ECPublicKey) backend.getPublic()),
                Crypto.y((ECPublicKey) backend.getPublic())));
        v.put("ECDH shared secret", secret);
        byte[] context = EnvelopeSealer.kdfContext(algorithm, recipientProtected);
        v.put("COSE_KDF_Context", context);
        v.put("content key", Crypto.hkdfSha256(secret, context, 32));
        v.put("Enc_structure", EnvelopeSealer.encStructure(outer));
        EnvelopeSealer sealer = new EnvelopeSealer(TestKeys.fixedRandomness(), TestKeys.deterministicSigner());
        v.put("envelope", sealer.seal(TAGS, BATCH, new SigningKey(gateway.getPrivate(), gateway.getPublic(),
                List.of()), new RecipientKey("backend-test", backend.getPublic()), algorithm));
        return v;
    }

    private static byte[] scalar(KeyPair pair) {
        return BigIntegers.asUnsignedByteArray(32, ((ECPrivateKey) pair.getPrivate()).getS());
    }

    private static String wrap(String hex) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 64) {
            out.append(hex, i, Math.min(hex.length(), i + 64)).append('\n');
        }
        return out.toString().trim();
    }
}
