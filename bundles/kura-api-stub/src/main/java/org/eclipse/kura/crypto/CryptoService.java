package org.eclipse.kura.crypto;

import org.eclipse.kura.KuraException;

/** Kura's crypto service; Kura stores Password attributes as encryptAes output. */
public interface CryptoService {

    char[] encryptAes(char[] value) throws KuraException;

    char[] decryptAes(char[] encryptedValue) throws KuraException;
}
