package io.wardgate.seal.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with a 96-bit random nonce and a 128-bit tag: nonce || ciphertext || tag. */
final class Gcm {
    static final int NONCE = 12;
    static final int TAG = 16;

    private Gcm() {
    }

    static byte[] seal(byte[] key, byte[] aad, byte[] clear, SecureRandom random) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(aad);
            byte[] body = cipher.doFinal(clear);
            byte[] out = Arrays.copyOf(nonce, NONCE + body.length);
            System.arraycopy(body, 0, out, NONCE, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /** The clear bytes, or null when the tag does not verify (wrong key, wrong AAD, altered bytes). */
    static byte[] open(byte[] key, byte[] aad, byte[] sealed) {
        if (sealed.length < NONCE + TAG) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG * 8, sealed, 0, NONCE));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    static byte[] check(byte[] key, String id, SecureRandom random) {
        return seal(key, checkAad(id), new byte[0], random);
    }

    static boolean checks(byte[] key, String id, byte[] check) {
        byte[] opened = open(key, checkAad(id), check);
        return opened != null && opened.length == 0;
    }

    private static byte[] checkAad(String id) {
        return ("wardgate secrets key check " + id).getBytes(StandardCharsets.US_ASCII);
    }
}
