package org.eclipse.kura.stub;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.service.component.annotations.Component;

/**
 * Stands in for Kura's CryptoService in tests: AES-GCM under a key made at start, so a value
 * encrypted by it can only be read back through it, as with Kura's.
 */
@Component(service = CryptoService.class)
public class StandInCryptoService implements CryptoService {
    private static final int NONCE = 12;
    private final SecureRandom random = new SecureRandom();
    private final SecretKey key;

    public StandInCryptoService() throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, random);
        key = generator.generateKey();
    }

    @Override
    public char[] encryptAes(char[] value) throws KuraException {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            ByteBuffer plain = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
            byte[] sealed = cipher.doFinal(Arrays.copyOf(plain.array(), plain.limit()));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return Base64.getEncoder().encodeToString(out).toCharArray();
        } catch (GeneralSecurityException e) {
            throw new KuraException("encryption failed", e);
        }
    }

    @Override
    public char[] decryptAes(char[] encryptedValue) throws KuraException {
        try {
            byte[] in = Base64.getDecoder().decode(new String(encryptedValue));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE));
            byte[] plain = cipher.doFinal(in, NONCE, in.length - NONCE);
            return StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain)).array();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KuraException("not a value this service encrypted", e);
        }
    }
}
