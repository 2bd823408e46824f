package io.wardgate.seal.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;

/** The sealer's own ephemeral keys and the cached-recipient ECDH agree with the JCA's P-256. */
class EphemeralKeysTest {
    private final SecureRandom random = new SecureRandom();
    private final RecipientPoints recipients = new RecipientPoints();

    @Test
    void anEphemeralKeyAgreesWithTheJcaOnBothSides() throws Exception {
        KeyPair backend = TestKeys.backend();
        for (int i = 0; i < 20; i++) {
            KeyPair ephemeral = EphemeralKeys.generate(random);
            ECPublicKey ephemeralPublic = (ECPublicKey) ephemeral.getPublic();
            // The backend's side, all JCA: its private key with our public point.
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(backend.getPrivate());
            agreement.doPhase(KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(
                    ephemeralPublic.getW(), Crypto.jcaParams())), true);
            byte[] backendSecret = agreement.generateSecret();
            // Ours: the ephemeral scalar with the backend's point, through the cached comb table.
            byte[] ours = recipients.ecdh(ephemeral.getPrivate(), recipients.point((ECPublicKey) backend.getPublic()));
            assertThat(ours).isEqualTo(backendSecret);
            // And the plain variable-point multiplication gives the same.
            assertThat(Crypto.ecdh(ephemeral.getPrivate(), recipients.point((ECPublicKey) backend.getPublic())))
                    .isEqualTo(backendSecret);
        }
    }

    @Test
    void eachKeyIsFreshAndItsScalarLiesInTheGroup() {
        Set<BigInteger> seen = new HashSet<>();
        BigInteger order = Crypto.DOMAIN.getN();
        for (int i = 0; i < 50; i++) {
            KeyPair pair = EphemeralKeys.generate(random);
            BigInteger d = ((ECPrivateKey) pair.getPrivate()).getS();
            assertThat(d.signum()).isPositive();
            assertThat(d).isLessThan(order);
            assertThat(seen.add(d)).isTrue();
            assertThat(pair.getPrivate().getEncoded()).isNull();
            assertThat(pair.getPrivate().toString()).doesNotContain(d.toString(16));
            ECPublicKey pub = (ECPublicKey) pair.getPublic();
            // On the curve: point() validates and throws otherwise.
            Crypto.point(Crypto.x(pub), Crypto.y(pub));
        }
    }

    @Test
    void aRecipientPointIsKeptOnlyForTheSameKey() {
        ECPublicKey first = (ECPublicKey) TestKeys.backend().getPublic();
        ECPublicKey second = (ECPublicKey) TestKeys.gateway().getPublic();
        assertThat(recipients.point(first)).isSameAs(recipients.point(first));
        assertThat(recipients.point(second).getAffineXCoord().toBigInteger())
                .isEqualTo(second.getW().getAffineX());
        assertThat(recipients.point(first).getAffineXCoord().toBigInteger()).isEqualTo(first.getW().getAffineX());
    }

    @Test
    void eachHolderKeepsItsOwnRecipient() {
        // A sealer's backend table must survive a management reply encrypted to another key elsewhere.
        ECPublicKey backend = (ECPublicKey) TestKeys.backend().getPublic();
        ECPublicKey management = (ECPublicKey) TestKeys.gateway().getPublic();
        RecipientPoints sealer = new RecipientPoints();
        org.bouncycastle.math.ec.ECPoint kept = sealer.point(backend);
        new RecipientPoints().point(management);
        assertThat(sealer.point(backend)).isSameAs(kept);
    }

    @Test
    void aScalarOutsideTheGroupIsRefused() throws Exception {
        PrivateKey outside = KeyFactory.getInstance("EC").generatePrivate(
                new ECPrivateKeySpec(Crypto.DOMAIN.getN(), Crypto.jcaParams()));
        assertThatThrownBy(() -> recipients.ecdh(outside, recipients.point((ECPublicKey) TestKeys.backend().getPublic())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
