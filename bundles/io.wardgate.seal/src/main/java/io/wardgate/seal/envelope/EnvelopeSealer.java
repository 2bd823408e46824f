package io.wardgate.seal.envelope;

import static io.wardgate.seal.envelope.CoseLabels.ALG;
import static io.wardgate.seal.envelope.CoseLabels.CRV_P256;
import static io.wardgate.seal.envelope.CoseLabels.DEVICE;
import static io.wardgate.seal.envelope.CoseLabels.ECDH_ES_HKDF_256;
import static io.wardgate.seal.envelope.CoseLabels.EPHEMERAL_KEY;
import static io.wardgate.seal.envelope.CoseLabels.EPOCH;
import static io.wardgate.seal.envelope.CoseLabels.ES256;
import static io.wardgate.seal.envelope.CoseLabels.GATEWAY;
import static io.wardgate.seal.envelope.CoseLabels.IV;
import static io.wardgate.seal.envelope.CoseLabels.IV_LENGTH;
import static io.wardgate.seal.envelope.CoseLabels.KEY_CRV;
import static io.wardgate.seal.envelope.CoseLabels.KEY_KTY;
import static io.wardgate.seal.envelope.CoseLabels.KEY_X;
import static io.wardgate.seal.envelope.CoseLabels.KEY_Y;
import static io.wardgate.seal.envelope.CoseLabels.KID;
import static io.wardgate.seal.envelope.CoseLabels.KTY_EC2;
import static io.wardgate.seal.envelope.CoseLabels.SEALED_AT;
import static io.wardgate.seal.envelope.CoseLabels.SEQUENCE;
import static io.wardgate.seal.envelope.CoseLabels.X5CHAIN;

import io.wardgate.api.pipeline.SealedEnvelope;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Seals one batch: signs it (COSE_Sign1, ES256) with the routing tags bound in as external AAD,
 * then encrypts the signed message to the backend (COSE_Encrypt, ECDH-ES + HKDF-256, one
 * recipient). Stateless and thread-safe; no OSGi needed (the benchmarks drive it directly).
 * The format is specified in docs/envelope.md.
 */
public final class EnvelopeSealer {
    private final Randomness randomness;
    private final Es256Signer signer;
    private final RecipientPoints recipients = new RecipientPoints();

    public EnvelopeSealer(Randomness randomness, Es256Signer signer) {
        this.randomness = Objects.requireNonNull(randomness, "randomness");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    public byte[] seal(SealTags tags, Batch batch, SigningKey signingKey, RecipientKey recipient,
            ContentAlgorithm algorithm) {
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(algorithm, "algorithm");
        if (!tags.deviceId().equals(batch.streamId())) {
            throw new IllegalArgumentException("the tags name another device than the batch");
        }
        byte[] outerProtected = Cbor.encode(outerProtected(tags, algorithm));
        byte[] signed = sign1(PayloadCodec.encode(batch), outerProtected, signingKey);

        byte[] envelope = encrypt(outerProtected, signed, (ECPublicKey) recipient.key(), recipient.kid(), algorithm,
                randomness, recipients);
        if (envelope.length > SealedEnvelope.MAX_BYTES) {
            throw new IllegalArgumentException("the batch seals to " + envelope.length + " bytes, above "
                    + SealedEnvelope.MAX_BYTES);
        }
        return envelope;
    }

    /**
     * COSE_Encrypt of {@code plaintext} to one recipient: direct ECDH-ES + HKDF-256 with a fresh
     * ephemeral key, {@code outerProtected} as the authenticated protected header.
     */
    static byte[] encrypt(byte[] outerProtected, byte[] plaintext, ECPublicKey recipientKey, byte[] recipientKid,
            ContentAlgorithm algorithm, Randomness randomness, RecipientPoints recipients) {
        KeyPair ephemeral = randomness.ephemeralKeyPair();
        ECPublicKey ephemeralPublic = (ECPublicKey) ephemeral.getPublic();
        byte[] recipientProtected = Cbor.encode(Map.of(ALG, ECDH_ES_HKDF_256));
        byte[] secret = recipients.ecdh(ephemeral.getPrivate(), recipients.point(recipientKey));
        byte[] cek = Crypto.hkdfSha256(secret, kdfContext(algorithm, recipientProtected), CoseLabels.KEY_BITS / 8);
        byte[] iv = randomness.nonce(IV_LENGTH);
        if (iv.length != IV_LENGTH) {
            throw new IllegalStateException("a nonce must be " + IV_LENGTH + " bytes");
        }
        byte[] ciphertext = Crypto.seal(algorithm, cek, iv, encStructure(outerProtected), plaintext);

        Map<Object, Object> coseKey = new LinkedHashMap<>();
        coseKey.put(KEY_KTY, KTY_EC2);
        coseKey.put(KEY_CRV, CRV_P256);
        coseKey.put(KEY_X, Crypto.x(ephemeralPublic));
        coseKey.put(KEY_Y, Crypto.y(ephemeralPublic));
        Map<Object, Object> recipientHeader = new LinkedHashMap<>();
        recipientHeader.put(EPHEMERAL_KEY, coseKey);
        recipientHeader.put(KID, recipientKid);
        List<Object> recipientStructure = List.of(recipientProtected, recipientHeader, new byte[0]);

        List<Object> encrypt = List.of(outerProtected, Map.of(IV, iv), ciphertext, List.of(recipientStructure));
        return Cbor.encode(new Cbor.Tagged(CoseLabels.TAG_ENCRYPT, encrypt));
    }

    static Map<Object, Object> outerProtected(SealTags tags, ContentAlgorithm algorithm) {
        Map<Object, Object> header = new LinkedHashMap<>();
        header.put(ALG, (long) algorithm.coseId());
        header.put(GATEWAY, tags.gatewayId());
        header.put(DEVICE, tags.deviceId());
        header.put(EPOCH, tags.epoch());
        header.put(SEQUENCE, tags.sequence());
        header.put(SEALED_AT, PayloadCodec.time(tags.sealedAt()));
        return header;
    }

    private byte[] sign1(byte[] payload, byte[] externalAad, SigningKey key) {
        Map<Object, Object> header = new LinkedHashMap<>();
        header.put(ALG, ES256);
        header.put(KID, key.kid());
        if (!key.chain().isEmpty()) {
            header.put(X5CHAIN, x5chain(key.chain()));
        }
        byte[] signProtected = Cbor.encode(header);
        byte[] signature = signer.sign(key.privateKey(), sigStructure(signProtected, externalAad, payload));
        if (signature.length != 2 * Crypto.COORDINATE) {
            throw new IllegalStateException("an ES256 signature is 64 bytes");
        }
        return Cbor.encode(new Cbor.Tagged(CoseLabels.TAG_SIGN1,
                List.of(signProtected, Map.of(), payload, signature)));
    }

    /** RFC 9360: one certificate as a byte string, two or more as an array of byte strings. */
    private static Object x5chain(List<X509Certificate> chain) {
        List<Object> ders = new ArrayList<>(chain.size());
        try {
            for (X509Certificate certificate : chain) {
                ders.add(certificate.getEncoded());
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("a certificate of the chain cannot be encoded", e);
        }
        return ders.size() == 1 ? ders.get(0) : ders;
    }

    static byte[] sigStructure(byte[] signProtected, byte[] externalAad, byte[] payload) {
        return Cbor.encode(List.of("Signature1", signProtected, externalAad, payload));
    }

    static byte[] encStructure(byte[] outerProtected) {
        return Cbor.encode(List.of("Encrypt", outerProtected, new byte[0]));
    }

    /** COSE_KDF_Context (RFC 9053 section 5.2) for direct ECDH-ES: no party info, 256-bit key. */
    static byte[] kdfContext(ContentAlgorithm algorithm, byte[] recipientProtected) {
        List<Object> noParty = java.util.Arrays.asList(null, null, null);
        return Cbor.encode(List.of((long) algorithm.coseId(), noParty, noParty,
                List.of((long) CoseLabels.KEY_BITS, recipientProtected)));
    }
}
