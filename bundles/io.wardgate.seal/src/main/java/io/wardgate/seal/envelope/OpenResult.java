package io.wardgate.seal.envelope;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** What opening an envelope gave: its verified contents, or the reason it was rejected. */
public sealed interface OpenResult permits OpenResult.Opened, OpenResult.Rejected {

    /** Why an envelope was rejected. */
    enum Reason {
        /** Not a WardGate envelope: bad CBOR, wrong structure, bounds exceeded. */
        MALFORMED,
        /** An algorithm other than the ones docs/envelope.md allows. */
        UNSUPPORTED_ALGORITHM,
        /** Encrypted to a backend key this receiver does not hold. */
        UNKNOWN_RECIPIENT,
        /** The AEAD tag did not verify: tampered with, or encrypted to another key of the same id. */
        DECRYPTION_FAILED,
        /** The signer is not trusted (unknown key, certificate not from the CA, wrong gateway). */
        UNKNOWN_SIGNER,
        /** The signature does not verify. */
        BAD_SIGNATURE,
        /** The signed payload disagrees with the routing tags. */
        TAGS_MISMATCH,
        /** Already received: same gateway, device, epoch and sequence. */
        DUPLICATE,
        /** Too old for the de-duplication window: it may be a replay, it cannot be told apart. */
        STALE
    }

    /** A verified envelope. */
    record Opened(SealTags tags, Batch batch, byte[] signerKid, List<X509Certificate> signerChain)
            implements OpenResult {
        public Opened {
            Objects.requireNonNull(tags, "tags");
            Objects.requireNonNull(batch, "batch");
            signerKid = signerKid.clone();
            signerChain = List.copyOf(signerChain);
        }

        @Override
        public byte[] signerKid() {
            return signerKid.clone();
        }
    }

    /** A rejected envelope; {@code detail} is short and never holds reading values. */
    record Rejected(Reason reason, String detail) implements OpenResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
