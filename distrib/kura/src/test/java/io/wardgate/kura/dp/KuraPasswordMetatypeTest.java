package io.wardgate.kura.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Under Kura, a setting is stored encrypted by Kura's CryptoService only when its Metatype type is
 * Password (and WardGate's KuraPasswords plugin decrypts exactly those on the way to the component).
 * So every secret setting of every WardGate bundle in the deployment package must be Password-typed:
 * read from the Metatype XML that bnd generated into each shipped bundle.
 */
class KuraPasswordMetatypeTest {
    /** Names that hold a secret value (a path to a root-only file, e.g. pkcs11PinFile, is not one). */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passphrase|secret|apikey|privatekey|pin)$");

    @Test
    void everySecretSettingOfTheShippedBundlesIsPasswordTyped() throws Exception {
        Map<String, String> types = attributeTypes();
        assertThat(types).as("the package's Metatype was read").hasSizeGreaterThan(50);
        List<String> secretNamedNotPassword = new ArrayList<>();
        List<String> passwords = new ArrayList<>();
        types.forEach((attribute, type) -> {
            String id = attribute.substring(attribute.lastIndexOf('#') + 1);
            if (SECRET.matcher(id).matches() && !"Password".equals(type)) {
                secretNamedNotPassword.add(attribute + " (" + type + ")");
            }
            if ("Password".equals(type)) {
                passwords.add(attribute);
            }
        });
        assertThat(secretNamedNotPassword).as("secret settings Kura would store in clear").isEmpty();
        // The one secret setting WardGate's Kura package has today (docs/security.md, "4.3 Every secret on the SD
        // card"); a new one must be added here and there.
        assertThat(passwords).containsExactly("io.wardgate.network.Source#tlsKeyStorePassword");
    }

    /** "pid#attribute" to its Metatype type, for every OCD of every WardGate bundle in the .dp. */
    private static Map<String, String> attributeTypes() throws Exception {
        Map<String, String> out = new TreeMap<>();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (JarInputStream dp = new JarInputStream(new java.io.FileInputStream(System.getProperty("wardgate.dp")))) {
            JarEntry entry;
            while ((entry = dp.getNextJarEntry()) != null) {
                byte[] bundle = dp.readAllBytes();
                if (!entry.getName().startsWith("bundles/io.wardgate.")) {
                    continue;
                }
                try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(bundle))) {
                    JarEntry inner;
                    while ((inner = jar.getNextJarEntry()) != null) {
                        if (!inner.getName().startsWith("OSGI-INF/metatype/") || !inner.getName().endsWith(".xml")) {
                            continue;
                        }
                        org.w3c.dom.Document xml = factory.newDocumentBuilder().parse(
                                new ByteArrayInputStream(jar.readAllBytes()));
                        NodeList ocds = xml.getElementsByTagNameNS("*", "OCD");
                        for (int i = 0; i < ocds.getLength(); i++) {
                            Element ocd = (Element) ocds.item(i);
                            NodeList ads = ocd.getElementsByTagNameNS("*", "AD");
                            for (int j = 0; j < ads.getLength(); j++) {
                                Element ad = (Element) ads.item(j);
                                out.put(ocd.getAttribute("id") + "#" + ad.getAttribute("id"), ad.getAttribute("type"));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
