package io.wardgate.audit.syslog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * A test-side RFC 5424 parser (section 6 ABNF): HEADER, one SD-ELEMENT, and the MSG, which must start with
 * the UTF-8 BOM (section 6.4) and hold a DICOM audit message.
 */
record ParsedSyslog(int pri, int version, String timestamp, String hostname, String appName, String procId,
        String msgId, String sdId, Map<String, String> params, byte[] msg) {

    static ParsedSyslog parse(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        int gt = text.indexOf('>');
        if (!text.startsWith("<") || gt < 2) {
            throw new IllegalArgumentException("no PRI");
        }
        int pri = Integer.parseInt(text.substring(1, gt));
        String[] header = text.substring(gt + 1).split(" ", 7);
        int pos = gt + 1 + header[0].length() + 1;
        for (int i = 1; i < 6; i++) {
            pos += header[i].length() + 1;
        }
        // structured data: [SD-ID *(SP PARAM="VALUE")]
        if (text.charAt(pos) != '[') {
            throw new IllegalArgumentException("expected one SD-ELEMENT");
        }
        int i = pos + 1;
        int idEnd = text.indexOf(' ', i);
        String sdId = text.substring(i, idEnd);
        Map<String, String> params = new LinkedHashMap<>();
        i = idEnd;
        while (text.charAt(i) == ' ') {
            int eq = text.indexOf('=', i);
            String name = text.substring(i + 1, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // skip ="
            for (; text.charAt(j) != '"'; j++) {
                if (text.charAt(j) == '\\') {
                    j++;
                }
                value.append(text.charAt(j));
            }
            params.put(name, value.toString());
            i = j + 1;
        }
        if (text.charAt(i) != ']' || text.charAt(i + 1) != ' ') {
            throw new IllegalArgumentException("SD-ELEMENT not closed");
        }
        int msgStart = text.substring(0, i + 2).getBytes(StandardCharsets.UTF_8).length;
        byte[] msg = Arrays.copyOfRange(message, msgStart, message.length);
        return new ParsedSyslog(pri, Integer.parseInt(header[0]), header[1], header[2], header[3], header[4],
                header[5], sdId, params, msg);
    }

    long sequence() {
        return Long.parseLong(params.get("seq"));
    }

    boolean startsWithBom() {
        return msg.length >= 3 && msg[0] == (byte) 0xEF && msg[1] == (byte) 0xBB && msg[2] == (byte) 0xBF;
    }

    /** The MSG after the BOM, parsed as XML (no DTDs, no external entities). */
    Element auditMessage() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(msg, 3, msg.length - 3));
            return document.getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("MSG is not well-formed XML: " + e.getMessage(), e);
        }
    }

    static Element child(Element parent, String name) {
        var list = parent.getElementsByTagName(name);
        return list.getLength() == 0 ? null : (Element) list.item(0);
    }
}
