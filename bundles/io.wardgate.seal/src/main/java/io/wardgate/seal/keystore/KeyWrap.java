package io.wardgate.seal.keystore;

/**
 * Encrypts a small value (a data key) so that only a key that never leaves the key storage opens it: in a
 * token, an RSA-2048 key pair made there (private half sensitive, not extractable); wrapping uses the
 * public half, unwrapping is one decryption in the token (RSA PKCS#1 v1.5, which SoftHSM2 and tpm2-pkcs11
 * both do through SunPKCS11; tpm2-pkcs11 makes no AES key and has no ECDH). Integrity is the caller's: it
 * checks what it unwraps.
 */
public interface KeyWrap {
    byte[] wrap(byte[] clear);

    byte[] unwrap(byte[] wrapped);
}
