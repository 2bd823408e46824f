package io.wardgate.seal.keystore;

import io.wardgate.seal.envelope.Es256Signer;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.security.auth.login.FailedLoginException;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * Keys in a PKCS#11 token through the JDK's SunPKCS11 provider, one provider instance per storage,
 * configured from a generated text ({@link Pkcs11Config}). Keys are generated in the token (sensitive, not
 * extractable) and named "wardgate.{gateway id}.{alias}", so several identities may share a token.
 * <p>
 * The provider is also registered with the JCA (under a name unique to this instance) while the storage is
 * open: the JSSE finds the signature for a TLS handshake by asking the registered providers which one
 * takes the key, and only this one takes a token's key. {@link #close()} removes it again.
 */
public final class TokenKeyStorage implements KeyStorage {
    private final KeyLocation location;
    private final String prefix;
    private final Provider provider;
    private final KeyStore keyStore;
    private final SecureRandom random;

    private TokenKeyStorage(KeyLocation location, String prefix, Provider provider, KeyStore keyStore,
            SecureRandom random) {
        this.random = random;
        this.location = location;
        this.prefix = prefix;
        this.provider = provider;
        this.keyStore = keyStore;
    }

    /**
     * Loads the module, logs in with the PIN from the location's PIN file and registers the provider. A
     * refused PIN is an error that says so and is never retried here: tokens and TPMs lock after a few.
     */
    public static TokenKeyStorage open(KeyLocation location, String gatewayId, SecureRandom random) throws IOException {
        if (location.kind() == KeyLocation.Kind.FILE) {
            throw new IllegalArgumentException("not a token: " + location.describe());
        }
        if (!java.nio.file.Files.isReadable(location.module())) {
            throw new IOException("the PKCS#11 module " + location.module() + " is not installed");
        }
        char[] pin = PinFile.read(location.pinFile());
        byte[] suffix = new byte[4];
        random.nextBytes(suffix);
        String name = "wardgate-" + HexFormat.of().formatHex(suffix);
        Provider provider;
        try {
            provider = Security.getProvider("SunPKCS11").configure("--" + Pkcs11Config.text(name, location));
        } catch (ProviderException | java.security.InvalidParameterException e) {
            throw new IOException("the token is not available (" + location.describe() + "): " + reason(e), e);
        }
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            Security.addProvider(provider);
            return new TokenKeyStorage(location, "wardgate." + gatewayId + ".", provider, keyStore, random);
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            logout(provider);
            if (isPinRefused(e)) {
                throw new TokenPinRefusedException("the token refused the PIN in " + location.pinFile() + " ("
                        + location.describe() + "); not retried, so the token does not lock", e);
            }
            throw new IOException("the token cannot be opened (" + location.describe() + "): " + reason(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public KeyLocation location() {
        return location;
    }

    @Override
    public synchronized KeyPair generate() {
        if (location.kind() == KeyLocation.Kind.TPM) {
            relogin();
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot generate a key in the token", e);
        }
    }

    /**
     * Logs out and in again. tpm2-pkcs11 keeps every key it used loaded in the TPM until logout, and a TPM
     * holds only about three loaded objects: behind the kernel's resource manager (/dev/tpmrm0) they are
     * swapped out, but straight on the device (or an emulator) a rotation's second key would not fit.
     */
    private void relogin() {
        logout(provider);
        try {
            char[] pin = PinFile.read(location.pinFile());
            try {
                keyStore.load(null, pin);
            } finally {
                Arrays.fill(pin, '\0');
            }
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            throw failure("cannot log in to the token again", e);
        }
    }

    @Override
    public synchronized boolean contains(String alias) {
        try {
            return keyStore.containsAlias(prefix + alias);
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot list the token's keys", e);
        }
    }

    @Override
    public synchronized PrivateKey privateKey(String alias) {
        try {
            PrivateKey key = (PrivateKey) keyStore.getKey(prefix + alias, null);
            if (key == null) {
                throw new IllegalStateException("the token holds no key " + prefix + alias);
            }
            return key;
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot find the key in the token", e);
        }
    }

    @Override
    public synchronized List<X509Certificate> chain(String alias) {
        try {
            Certificate[] chain = keyStore.getCertificateChain(prefix + alias);
            if (chain == null) {
                throw new IllegalStateException("the token holds no certificate for " + prefix + alias);
            }
            return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot read the certificates in the token", e);
        }
    }

    @Override
    public synchronized void put(String alias, PrivateKey key, List<X509Certificate> chain) {
        try {
            // A key already in the token is relabelled in place (SunPKCS11 finds it by its public key).
            keyStore.setEntry(prefix + alias, new KeyStore.PrivateKeyEntry(key, chain.toArray(new X509Certificate[0])),
                    null);
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot store the certificate in the token", e);
        }
    }

    @Override
    public synchronized void delete(String alias) {
        try {
            keyStore.deleteEntry(prefix + alias);
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot delete the key in the token", e);
        }
    }

    @Override
    public Es256Signer signer() {
        return (key, data) -> {
            try {
                Signature signature = Signature.getInstance("SHA256withECDSA", provider);
                signature.initSign(key);
                signature.update(data);
                return rawSignature(signature.sign());
            } catch (GeneralSecurityException | ProviderException e) {
                throw failure("the token did not sign", e);
            }
        };
    }

    @Override
    public synchronized Optional<KeyWrap> wrapping(String alias) {
        String label = prefix + alias;
        PrivateKey key;
        PublicKey publicKey;
        try {
            if (!keyStore.containsAlias(label)) {
                if (location.kind() == KeyLocation.Kind.TPM) {
                    relogin();
                }
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", provider);
                generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
                KeyPair pair = generator.generateKeyPair();
                keyStore.setEntry(label, new KeyStore.PrivateKeyEntry(pair.getPrivate(),
                        new X509Certificate[] {WrappingKeyCertificate.of(pair.getPublic(), label, random)}), null);
            }
            key = (PrivateKey) keyStore.getKey(label, null);
            publicKey = keyStore.getCertificate(label).getPublicKey();
        } catch (GeneralSecurityException | ProviderException e) {
            throw failure("cannot find or make the wrapping key in the token", e);
        }
        return Optional.of(new KeyWrap() {
            @Override
            public byte[] wrap(byte[] clear) {
                try {
                    Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                    cipher.init(Cipher.ENCRYPT_MODE, publicKey, random);
                    return cipher.doFinal(clear);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot wrap with the token's public key: " + reason(e), e);
                }
            }

            @Override
            public byte[] unwrap(byte[] wrapped) {
                if (wrapped.length != 256) {
                    throw new IllegalStateException("the wrapped value has " + wrapped.length + " bytes, not 256");
                }
                synchronized (TokenKeyStorage.this) {
                    try {
                        Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding", provider);
                        cipher.init(Cipher.DECRYPT_MODE, key);
                        return cipher.doFinal(wrapped);
                    } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
                        throw new IllegalStateException("the wrapped value does not open under the token's key");
                    } catch (GeneralSecurityException | ProviderException e) {
                        if (String.valueOf(reason(e)).contains("CKR_ENCRYPTED_DATA_INVALID")) {
                            throw new IllegalStateException("the wrapped value does not open under the token's key");
                        }
                        throw failure("the token did not unwrap", e);
                    }
                }
            }
        });
    }

    @Override
    public Optional<Provider> provider() {
        return Optional.of(provider);
    }

    @Override
    public void close() {
        Security.removeProvider(provider.getName());
        logout(provider);
    }

    /** DER ECDSA-Sig-Value to the 64 bytes r || s that COSE (and JOSE) use. */
    static byte[] rawSignature(byte[] der) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        if (sequence.size() != 2) {
            throw new IllegalStateException("the token's signature is not an ECDSA-Sig-Value");
        }
        byte[] out = new byte[64];
        copy(ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue(), out, 0);
        copy(ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue(), out, 32);
        return out;
    }

    private static void copy(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        if (length > 32 || (start > 0 && bytes[0] != 0)) {
            throw new IllegalStateException("the token's signature value is not 256 bits");
        }
        System.arraycopy(bytes, start, out, offset + 32 - length, length);
    }

    private KeyStorageUnavailableException failure(String what, Exception e) {
        return new KeyStorageUnavailableException(what + " (" + location.describe() + "): " + reason(e), e);
    }

    private static boolean isPinRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FailedLoginException || String.valueOf(t.getMessage()).contains("CKR_PIN_INCORRECT")
                    || String.valueOf(t.getMessage()).contains("CKR_PIN_LOCKED")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message, which names the PKCS#11 return code (CKR_...). */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void logout(Provider provider) {
        try {
            ((AuthProvider) provider).logout();
        } catch (javax.security.auth.login.LoginException | ProviderException e) {
            // Logging out of a token that is gone or was never logged in: nothing to release.
        }
    }
}
