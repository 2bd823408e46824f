package io.wardgate.shared.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import javax.net.ssl.X509KeyManager;

/** See {@link KeyManagers#current}: client side only, one alias, EC keys only. */
final class CurrentKeyManager implements X509KeyManager {
    static final String ALIAS = "wardgate-client";
    private final Supplier<ClientKey> current;

    CurrentKeyManager(Supplier<ClientKey> current) {
        this.current = current;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        if (current.get() == null || keyTypes == null) {
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
        return current.get() == null ? null : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ClientKey key = current.get();
        return ALIAS.equals(alias) && key != null ? key.chain().toArray(new X509Certificate[0]) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ClientKey key = current.get();
        return ALIAS.equals(alias) && key != null ? key.key() : null;
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
