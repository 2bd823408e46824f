package io.wardgate.shared.tls;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** The http URLs a certificate names for its revocation status: CRL distribution points and OCSP responders. */
final class CertificateUrls {
    private static final int MAX_URLS = 8;

    private CertificateUrls() {
    }

    /** Full-name http distribution points without a separate CRL issuer (indirect CRLs are not supported). */
    static List<URI> crlDistributionPoints(X509Certificate certificate) throws IOException {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<URI> urls = new ArrayList<>();
        if (value == null) {
            return urls;
        }
        for (DistributionPoint point : CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value))
                .getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (point.getCRLIssuer() == null && name != null && name.getType() == DistributionPointName.FULL_NAME) {
                addUris(GeneralNames.getInstance(name.getName()).getNames(), urls);
            }
        }
        return urls;
    }

    /** The http OCSP responders of the Authority Information Access extension. */
    static List<URI> ocspResponders(X509Certificate certificate) throws IOException {
        byte[] value = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        List<URI> urls = new ArrayList<>();
        if (value == null) {
            return urls;
        }
        for (AccessDescription access : AuthorityInformationAccess.getInstance(
                JcaX509ExtensionUtils.parseExtensionValue(value)).getAccessDescriptions()) {
            if (access.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                addUris(new GeneralName[] {access.getAccessLocation()}, urls);
            }
        }
        return urls;
    }

    private static void addUris(GeneralName[] names, List<URI> into) {
        for (GeneralName name : names) {
            if (name.getTagNo() == GeneralName.uniformResourceIdentifier && into.size() < MAX_URLS) {
                try {
                    URI uri = new URI(ASN1IA5String.getInstance(name.getName()).getString());
                    if (HttpFetch.fetchable(uri)) {
                        into.add(uri);
                    }
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // a malformed URL is no source; the others still count
                }
            }
        }
    }
}
