package io.wardgate.seal.envelope;

import static io.wardgate.seal.envelope.CoseLabels.ALG;
import static io.wardgate.seal.envelope.CoseLabels.IV;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * A small message encrypted to one EC P-256 key, as envelopes are (COSE_Encrypt, direct ECDH-ES +
 * HKDF-256, AES-256-GCM; the recipient kid is {@link KeyIds#kid}): e.g. a gateway-signed
 * remote-management reply, encrypted to the management key that signed the request.
 */
public final class EncryptedMessage {
    private static final ContentAlgorithm ALGORITHM = ContentAlgorithm.AES_256_GCM;

    private EncryptedMessage() {
    }

    /** Encrypts {@code plaintext} to {@code recipient} (an EC P-256 public key). */
    public static byte[] encrypt(byte[] plaintext, PublicKey recipient, Randomness randomness) {
        if (!(recipient instanceof ECPublicKey ec) || !Crypto.isP256(ec.getParams())) {
            throw new IllegalArgumentException("the recipient must be an EC P-256 public key");
        }
        byte[] outerProtected = Cbor.encode(Map.of(ALG, (long) ALGORITHM.coseId()));
        return EnvelopeSealer.encrypt(outerProtected, plaintext, ec, KeyIds.kid(recipient), ALGORITHM, randomness,
                new RecipientPoints());
    }

    /** True when {@code message} is a COSE_Encrypt (tag 96) rather than, say, a plain COSE_Sign1. */
    public static boolean isEncrypted(byte[] message) {
        return message != null && message.length > 2 && (message[0] & 0xFF) == 0xD8 && (message[1] & 0xFF) == 96;
    }

    /** Decrypts a message of at most {@code maxBytes} encrypted to {@code key}'s public half {@code publicKey}. */
    public static byte[] decrypt(byte[] message, PrivateKey key, PublicKey publicKey, int maxBytes)
            throws SignedMessage.MalformedMessageException {
        if (message == null || message.length == 0 || message.length > maxBytes) {
            throw new SignedMessage.MalformedMessageException("empty or larger than " + maxBytes + " bytes");
        }
        try {
            List<?> encrypt = Values.array(Values.tagged(Cbor.decodeDeterministic(message), CoseLabels.TAG_ENCRYPT,
                    "COSE_Encrypt"), "COSE_Encrypt", 4, 4);
            byte[] outerProtected = Values.bytes(encrypt.get(0), "protected header", 16);
            Map<?, ?> header = Values.map(Cbor.decodeDeterministic(outerProtected), "protected header", 1);
            if (Values.integer(Values.required(header, ALG, "content algorithm"), "content algorithm")
                    != ALGORITHM.coseId()) {
                throw new SignedMessage.MalformedMessageException("content algorithm is not AES-256-GCM");
            }
            byte[] iv = Values.exactBytes(Values.required(Values.map(encrypt.get(1), "unprotected header", 1), IV, "iv"),
                    "iv", CoseLabels.IV_LENGTH);
            byte[] ciphertext = Values.bytes(encrypt.get(2), "ciphertext", maxBytes);
            EnvelopeOpener.Recipient recipient = EnvelopeOpener.Recipient.parse(encrypt.get(3));
            if (!java.security.MessageDigest.isEqual(recipient.kid(), KeyIds.kid(publicKey))) {
                throw new SignedMessage.MalformedMessageException("encrypted to another key");
            }
            byte[] secret = Crypto.ecdh(key, Crypto.point(recipient.ephemeralX(), recipient.ephemeralY()));
            byte[] cek = Crypto.hkdfSha256(secret, EnvelopeSealer.kdfContext(ALGORITHM, recipient.recipientProtected()),
                    CoseLabels.KEY_BITS / 8);
            return Crypto.open(ALGORITHM, cek, iv, EnvelopeSealer.encStructure(outerProtected), ciphertext);
        } catch (Cbor.MalformedException e) {
            throw new SignedMessage.MalformedMessageException(e.getMessage());
        } catch (EnvelopeOpener.Unsupported e) {
            throw new SignedMessage.MalformedMessageException(e.getMessage());
        } catch (InvalidCipherTextException e) {
            throw new SignedMessage.MalformedMessageException("authentication tag mismatch: tampered, or another key");
        } catch (RuntimeException e) {
            throw new SignedMessage.MalformedMessageException("malformed encrypted message");
        }
    }
}
