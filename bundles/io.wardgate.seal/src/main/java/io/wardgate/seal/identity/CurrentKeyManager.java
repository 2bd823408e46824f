package io.wardgate.seal.identity;

import io.wardgate.seal.envelope.SigningKey;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.X509KeyManager;

/**
 * The TLS client side of the gateway's identity: always the active key and its issued chain, so a
 * reconnect after a rotation presents the new certificate. Offers nothing before a certificate is
 * installed (a self-signed placeholder would only be refused by the broker).
 */
final class CurrentKeyManager implements X509KeyManager {
    static final String ALIAS = "wardgate-gateway";
    private final Supplier<SigningKey> current;

    CurrentKeyManager(Supplier<SigningKey> current) {
        this.current = current;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        SigningKey key = current.get();
        if (key.chain().isEmpty() || keyTypes == null) {
            return null;
        }
        for (String type : keyTypes) {
            if ("EC".equals(type) || "ECDSA".equals(type) || "EC_EC".equals(type)) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return current.get().chain().isEmpty() ? null : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        SigningKey key = current.get();
        return ALIAS.equals(alias) && !key.chain().isEmpty() ? key.chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        SigningKey key = current.get();
        return ALIAS.equals(alias) && !key.chain().isEmpty() ? key.privateKey() : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
