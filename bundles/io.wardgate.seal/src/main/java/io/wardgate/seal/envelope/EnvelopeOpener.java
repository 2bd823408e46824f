package io.wardgate.seal.envelope;

import static io.wardgate.seal.envelope.CoseLabels.ALG;
import static io.wardgate.seal.envelope.CoseLabels.DEVICE;
import static io.wardgate.seal.envelope.CoseLabels.EPHEMERAL_KEY;
import static io.wardgate.seal.envelope.CoseLabels.EPOCH;
import static io.wardgate.seal.envelope.CoseLabels.GATEWAY;
import static io.wardgate.seal.envelope.CoseLabels.IV;
import static io.wardgate.seal.envelope.CoseLabels.KID;
import static io.wardgate.seal.envelope.CoseLabels.SEALED_AT;
import static io.wardgate.seal.envelope.CoseLabels.SEQUENCE;
import static io.wardgate.seal.envelope.CoseLabels.X5CHAIN;
import static io.wardgate.seal.envelope.Values.array;
import static io.wardgate.seal.envelope.Values.bytes;
import static io.wardgate.seal.envelope.Values.exactBytes;
import static io.wardgate.seal.envelope.Values.integer;
import static io.wardgate.seal.envelope.Values.map;
import static io.wardgate.seal.envelope.Values.required;
import static io.wardgate.seal.envelope.Values.text;
import static io.wardgate.seal.envelope.Values.unsigned;

import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.seal.envelope.Cbor.MalformedException;
import io.wardgate.seal.envelope.OpenResult.Opened;
import io.wardgate.seal.envelope.OpenResult.Reason;
import io.wardgate.seal.envelope.OpenResult.Rejected;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * Opens envelopes: checks the structure and bounds, decrypts with the backend key the recipient's
 * kid names, asks the {@link SignerCheck} whether the signer is trusted, verifies the signature,
 * and decodes the payload. Never throws for bad input: every failure is a {@link Rejected} with a
 * reason. Thread-safe; no OSGi needed.
 */
public final class EnvelopeOpener {
    /** Certificates in an x5chain: leaf, intermediates; more is not a gateway's chain. */
    static final int MAX_CHAIN = 4;
    static final int MAX_CERTIFICATE_BYTES = 8192;

    private final Map<String, PrivateKey> recipientKeys;
    private final SignerCheck signerCheck;

    /**
     * @param recipientKeys the backend's private keys (EC P-256) by key id; keep old ones while
     *        envelopes encrypted to them may still arrive
     * @param signerCheck decides which signers are trusted
     */
    public EnvelopeOpener(Map<String, PrivateKey> recipientKeys, SignerCheck signerCheck) {
        this.recipientKeys = Map.copyOf(recipientKeys);
        this.signerCheck = Objects.requireNonNull(signerCheck, "signerCheck");
    }

    /**
     * Reads the routing tags without decrypting (to route or drop a duplicate early); empty when the
     * envelope is malformed. The tags are authentic only once {@link #open} accepted the envelope.
     */
    public static Optional<SealTags> readTags(byte[] envelope) {
        try {
            return Optional.of(Structure.parse(envelope).tags);
        } catch (MalformedException | Unsupported | RuntimeException e) {
            return Optional.empty();
        }
    }

    public OpenResult open(byte[] envelope) {
        try {
            return openChecked(envelope);
        } catch (MalformedException e) {
            return new Rejected(Reason.MALFORMED, e.getMessage());
        } catch (Unsupported e) {
            return new Rejected(Reason.UNSUPPORTED_ALGORITHM, e.getMessage());
        } catch (RuntimeException e) {
            // Defensive: a bug or a library surprise on hostile input must stay a rejection.
            return new Rejected(Reason.MALFORMED, "unexpected " + e.getClass().getSimpleName());
        }
    }

    private OpenResult openChecked(byte[] envelope) throws MalformedException, Unsupported {
        Structure s = Structure.parse(envelope);
        String keyId = new String(s.recipientKid, StandardCharsets.UTF_8);
        PrivateKey key = recipientKeys.get(keyId);
        if (key == null) {
            return new Rejected(Reason.UNKNOWN_RECIPIENT, "no backend key with id '" + printable(keyId) + "'");
        }
        byte[] signed;
        try {
            byte[] secret = Crypto.ecdh(key, Crypto.point(s.ephemeralX, s.ephemeralY));
            byte[] cek = Crypto.hkdfSha256(secret, EnvelopeSealer.kdfContext(s.algorithm, s.recipientProtected),
                    CoseLabels.KEY_BITS / 8);
            signed = Crypto.open(s.algorithm, cek, s.iv, EnvelopeSealer.encStructure(s.outerProtected), s.ciphertext);
        } catch (InvalidCipherTextException e) {
            return new Rejected(Reason.DECRYPTION_FAILED, "authentication tag mismatch: tampered, or another key");
        } catch (IllegalArgumentException | ClassCastException e) {
            return new Rejected(Reason.MALFORMED, "bad ephemeral key or backend key");
        }

        List<?> sign1 = array(Values.tagged(Cbor.decodeDeterministic(signed), CoseLabels.TAG_SIGN1, "COSE_Sign1"),
                "COSE_Sign1", 4, 4);
        byte[] signProtected = bytes(sign1.get(0), "signer protected header", 4 * MAX_CERTIFICATE_BYTES + 256);
        Map<?, ?> signHeader = map(Cbor.decodeDeterministic(signProtected), "signer protected header", 3);
        Values.onlyLabels(signHeader, "signer protected header", ALG, KID, X5CHAIN);
        if (integer(required(signHeader, ALG, "signature algorithm"), "signature algorithm") != CoseLabels.ES256) {
            throw new Unsupported("signature algorithm is not ES256");
        }
        byte[] kid = exactBytes(required(signHeader, KID, "signer kid"), "signer kid", 32);
        List<X509Certificate> chain = signHeader.containsKey(X5CHAIN) ? chain(signHeader.get(X5CHAIN))
                : List.of();
        if (!map(sign1.get(1), "signer unprotected header", 0).isEmpty()) {
            throw new MalformedException("signer unprotected header must be empty");
        }
        byte[] payload = bytes(sign1.get(2), "payload", SealedEnvelope.MAX_BYTES);
        byte[] signature = exactBytes(sign1.get(3), "signature", 64);

        SignerCheck.Verdict verdict = signerCheck.check(s.tags, kid.clone(), chain);
        if (!verdict.isTrusted()) {
            return new Rejected(Reason.UNKNOWN_SIGNER, verdict.problem());
        }
        if (!java.security.MessageDigest.isEqual(KeyIds.kid(verdict.key()), kid)) {
            return new Rejected(Reason.UNKNOWN_SIGNER, "the trusted key does not match the signer kid");
        }
        if (!Crypto.verifyEs256(verdict.key(), EnvelopeSealer.sigStructure(signProtected, s.outerProtected, payload),
                signature)) {
            return new Rejected(Reason.BAD_SIGNATURE, "ES256 signature does not verify");
        }
        Batch batch = PayloadCodec.decode(payload);
        if (!batch.streamId().equals(s.tags.deviceId())) {
            return new Rejected(Reason.TAGS_MISMATCH, "payload device differs from the header's");
        }
        return new Opened(s.tags, batch, kid, chain);
    }

    private static List<X509Certificate> chain(Object value) throws MalformedException {
        List<?> ders = value instanceof byte[] ? List.of(value) : array(value, "x5chain", 2, MAX_CHAIN);
        List<X509Certificate> chain = new ArrayList<>(ders.size());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Object der : ders) {
                chain.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(bytes(der, "certificate", MAX_CERTIFICATE_BYTES))));
            }
        } catch (CertificateException e) {
            throw new MalformedException("x5chain holds a certificate that does not parse");
        }
        return chain;
    }

    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() <= 64 ? clean : clean.substring(0, 64);
    }

    /** An algorithm we do not accept. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    /** The outer COSE_Encrypt, parsed and bounds-checked, nothing decrypted. */
    private record Structure(byte[] outerProtected, SealTags tags, ContentAlgorithm algorithm, byte[] iv,
            byte[] ciphertext, byte[] recipientProtected, byte[] recipientKid, byte[] ephemeralX, byte[] ephemeralY) {

        static Structure parse(byte[] envelope) throws MalformedException, Unsupported {
            if (envelope == null || envelope.length == 0 || envelope.length > SealedEnvelope.MAX_BYTES) {
                throw new MalformedException("an envelope has 1 to " + SealedEnvelope.MAX_BYTES + " bytes");
            }
            List<?> encrypt = array(Values.tagged(Cbor.decodeDeterministic(envelope), CoseLabels.TAG_ENCRYPT,
                    "COSE_Encrypt"), "COSE_Encrypt", 4, 4);
            byte[] outerProtected = bytes(encrypt.get(0), "protected header", 1024);
            Map<?, ?> header = map(Cbor.decodeDeterministic(outerProtected), "protected header", 6);
            Values.onlyLabels(header, "protected header", ALG, GATEWAY, DEVICE, EPOCH, SEQUENCE, SEALED_AT);
            ContentAlgorithm algorithm = ContentAlgorithm.byCoseId(
                    integer(required(header, ALG, "content algorithm"), "content algorithm"));
            if (algorithm == null) {
                throw new Unsupported("content algorithm is neither ChaCha20/Poly1305 nor AES-256-GCM");
            }
            SealTags tags;
            try {
                tags = new SealTags(text(required(header, GATEWAY, "gateway"), "gateway", 64),
                        text(required(header, DEVICE, "device"), "device", 256),
                        unsigned(required(header, EPOCH, "epoch"), "epoch"),
                        unsigned(required(header, SEQUENCE, "sequence"), "sequence"),
                        PayloadCodec.instant(integer(required(header, SEALED_AT, "sealed-at"), "sealed-at")));
            } catch (IllegalArgumentException e) {
                throw new MalformedException("bad routing tag: " + e.getMessage());
            }
            Map<?, ?> unprotected = map(encrypt.get(1), "unprotected header", 1);
            byte[] iv = exactBytes(required(unprotected, IV, "iv"), "iv", CoseLabels.IV_LENGTH);
            byte[] ciphertext = bytes(encrypt.get(2), "ciphertext", SealedEnvelope.MAX_BYTES);
            Recipient r = Recipient.parse(encrypt.get(3));
            return new Structure(outerProtected, tags, algorithm, iv, ciphertext, r.recipientProtected(), r.kid(),
                    r.ephemeralX(), r.ephemeralY());
        }
    }

    /** The one recipient of a COSE_Encrypt with direct ECDH-ES + HKDF-256, bounds-checked. */
    record Recipient(byte[] recipientProtected, byte[] kid, byte[] ephemeralX, byte[] ephemeralY) {

        static Recipient parse(Object recipients) throws MalformedException, Unsupported {
            List<?> recipient = array(array(recipients, "recipients", 1, 1).get(0), "recipient", 3, 3);
            byte[] recipientProtected = bytes(recipient.get(0), "recipient protected header", 16);
            Map<?, ?> recipientHeader = map(Cbor.decodeDeterministic(recipientProtected),
                    "recipient protected header", 1);
            if (integer(required(recipientHeader, ALG, "key agreement"), "key agreement")
                    != CoseLabels.ECDH_ES_HKDF_256) {
                throw new Unsupported("key agreement is not ECDH-ES + HKDF-256");
            }
            Map<?, ?> recipientUnprotected = map(recipient.get(1), "recipient header", 2);
            Values.onlyLabels(recipientUnprotected, "recipient header", EPHEMERAL_KEY, KID);
            byte[] kid = bytes(required(recipientUnprotected, KID, "recipient kid"), "recipient kid", 64);
            Map<?, ?> key = map(required(recipientUnprotected, EPHEMERAL_KEY, "ephemeral key"), "ephemeral key", 4);
            if (integer(required(key, CoseLabels.KEY_KTY, "kty"), "kty") != CoseLabels.KTY_EC2
                    || integer(required(key, CoseLabels.KEY_CRV, "crv"), "crv") != CoseLabels.CRV_P256) {
                throw new Unsupported("ephemeral key is not EC2 P-256");
            }
            byte[] x = exactBytes(required(key, CoseLabels.KEY_X, "x"), "x", Crypto.COORDINATE);
            byte[] y = exactBytes(required(key, CoseLabels.KEY_Y, "y"), "y", Crypto.COORDINATE);
            if (bytes(recipient.get(2), "recipient ciphertext", 0).length != 0) {
                throw new MalformedException("direct key agreement carries no wrapped key");
            }
            return new Recipient(recipientProtected, kid, x, y);
        }
    }
}
