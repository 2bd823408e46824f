package io.wardgate.seal.envelope;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small signed message (COSE_Sign1, ES256, RFC 9052) whose payload is a deterministic CBOR map
 * with text keys: the form of remote-management requests and replies. It reuses the envelope's
 * CBOR and ES256 code so that WardGate has one implementation of each; the payload values are the
 * plain Java values {@link Cbor} speaks (Long, String, byte[], Boolean, null, List, Map).
 */
public final class SignedMessage {
    private static final int MAX_PROTECTED_BYTES = 8192;

    /** A message that is not a well-formed signed message of this shape. */
    public static final class MalformedMessageException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedMessageException(String message) {
            super(message);
        }
    }

    /**
     * A parsed but not yet verified message. {@link #verifiedBy} must say true before anything
     * of the payload is believed.
     */
    public static final class Parsed {
        private final byte[] kid;
        private final byte[] toBeSigned;
        private final byte[] signature;
        private final Map<?, ?> payload;
        private final byte[] certificate;

        Parsed(byte[] kid, byte[] toBeSigned, byte[] signature, Map<?, ?> payload, byte[] certificate) {
            this.kid = kid;
            this.toBeSigned = toBeSigned;
            this.signature = signature;
            this.payload = payload;
            this.certificate = certificate;
        }

        /**
         * The signer's certificate from the protected header (x5chain), if the message carries one.
         * Not trusted by itself: the caller checks it chains to its anchor and that {@link #kid}
         * names its key before {@link #verifiedBy} with it means anything.
         */
        public java.util.Optional<X509Certificate> certificate() {
            if (certificate == null) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of((X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(certificate)));
            } catch (java.security.cert.CertificateException e) {
                return java.util.Optional.empty();
            }
        }

        /** The signer's key id (SHA-256 of its SubjectPublicKeyInfo), as claimed by the message. */
        public byte[] kid() {
            return kid.clone();
        }

        public boolean verifiedBy(PublicKey key) {
            return Crypto.verifyEs256(key, toBeSigned, signature);
        }

        /** The payload map; believe it only after {@link #verifiedBy}. */
        public Map<?, ?> payload() {
            return payload;
        }
    }

    private SignedMessage() {
    }

    /**
     * Signs {@code payload} with {@code key}; the kid is derived from {@code publicKey}. A non-empty
     * {@code chain} puts its leaf in the protected header (x5chain, RFC 9360) for the verifier.
     */
    public static byte[] sign(Map<String, ?> payload, PrivateKey key, PublicKey publicKey,
            List<X509Certificate> chain, Es256Signer signer) {
        Objects.requireNonNull(payload, "payload");
        Map<Object, Object> header = new LinkedHashMap<>();
        header.put(CoseLabels.ALG, CoseLabels.ES256);
        header.put(CoseLabels.KID, KeyIds.kid(publicKey));
        if (!chain.isEmpty()) {
            try {
                header.put(CoseLabels.X5CHAIN, chain.get(0).getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalArgumentException("the certificate cannot be encoded", e);
            }
        }
        byte[] signProtected = Cbor.encode(header);
        byte[] body = Cbor.encode(payload);
        byte[] signature = signer.sign(key, EnvelopeSealer.sigStructure(signProtected, new byte[0], body));
        if (signature.length != 2 * Crypto.COORDINATE) {
            throw new IllegalStateException("an ES256 signature is 64 bytes");
        }
        return Cbor.encode(new Cbor.Tagged(CoseLabels.TAG_SIGN1, List.of(signProtected, Map.of(), body, signature)));
    }

    /** Parses a message of at most {@code maxBytes}; the caller verifies it with {@link Parsed#verifiedBy}. */
    public static Parsed parse(byte[] message, int maxBytes) throws MalformedMessageException {
        if (message == null || message.length == 0 || message.length > maxBytes) {
            throw new MalformedMessageException("empty or larger than " + maxBytes + " bytes");
        }
        try {
            List<?> sign1 = Values.array(Values.tagged(Cbor.decodeDeterministic(message), CoseLabels.TAG_SIGN1,
                    "COSE_Sign1"), "COSE_Sign1", 4, 4);
            byte[] signProtected = Values.bytes(sign1.get(0), "protected header", MAX_PROTECTED_BYTES);
            Map<?, ?> header = Values.map(Cbor.decodeDeterministic(signProtected), "protected header", 3);
            Values.onlyLabels(header, "protected header", CoseLabels.ALG, CoseLabels.KID, CoseLabels.X5CHAIN);
            if (Values.integer(Values.required(header, CoseLabels.ALG, "algorithm"), "algorithm")
                    != CoseLabels.ES256) {
                throw new MalformedMessageException("signature algorithm is not ES256");
            }
            byte[] kid = Values.exactBytes(Values.required(header, CoseLabels.KID, "kid"), "kid", 32);
            if (!Values.map(sign1.get(1), "unprotected header", 0).isEmpty()) {
                throw new MalformedMessageException("unprotected header must be empty");
            }
            byte[] body = Values.bytes(sign1.get(2), "payload", maxBytes);
            byte[] signature = Values.exactBytes(sign1.get(3), "signature", 64);
            Map<?, ?> payload = Values.map(Cbor.decodeDeterministic(body), "payload", 64);
            // x5chain (RFC 9360) is one bstr or an array of them, leaf first; only the leaf is kept.
            Object x5chain = header.get(CoseLabels.X5CHAIN);
            Object leaf = x5chain instanceof List<?> list && !list.isEmpty() ? list.get(0) : x5chain;
            byte[] certificate = leaf instanceof byte[] der ? der.clone() : null;
            return new Parsed(kid, EnvelopeSealer.sigStructure(signProtected, new byte[0], body), signature, payload,
                    certificate);
        } catch (Cbor.MalformedException e) {
            throw new MalformedMessageException(e.getMessage());
        } catch (RuntimeException e) {
            // Values reports some shape errors as runtime exceptions; bad input is data, never a crash.
            throw new MalformedMessageException("malformed signed message");
        }
    }

    /** Deterministic CBOR of plain Java values, for payload values that are themselves documents. */
    public static byte[] encode(Object value) {
        return Cbor.encode(value);
    }
}
