package io.wardgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.config.files.ConfigText;
import io.wardgate.config.files.ConfigText.Format;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two file formats: what is written reads back as the same properties, and what cannot be kept is refused. */
class ConfigTextTest {

    @Test
    void typedValuesReadBackAsTheSameTypes() throws IOException {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("site", "st-mary's \"north\" \\ wing é");
        in.put("port", 8883);
        in.put("maxAgeMs", 336L * 3_600_000L);
        in.put("enabled", true);
        in.put("brokerUrls", new String[] {"ssl://a:8883", "ssl://b,c:8883"});
        in.put("ports", new int[] {1, 2});
        in.put("tags", List.of("icu", "ward 3"));
        in.put("service.pid", "io.wardgate.uplink.Uplink");
        in.put("felix.fileinstall.filename", "file:/etc/wardgate/conf/io.wardgate.uplink.Uplink.config");

        String text = ConfigText.render(in, Format.TYPED);
        Map<String, Object> out = ConfigText.parse(text, Format.TYPED);

        assertThat(text).doesNotContain("service.pid").doesNotContain("felix.fileinstall").startsWith("# ");
        assertThat(out).containsEntry("site", "st-mary's \"north\" \\ wing é").containsEntry("port", 8883)
                .containsEntry("maxAgeMs", 336L * 3_600_000L).containsEntry("enabled", true);
        assertThat((String[]) out.get("brokerUrls")).containsExactly("ssl://a:8883", "ssl://b,c:8883");
        assertThat((int[]) out.get("ports")).containsExactly(1, 2);
        assertThat(out.get("tags")).isEqualTo(List.of("icu", "ward 3"));
        assertThat(ConfigText.same(out, in, Format.TYPED)).isTrue();
        assertThat(ConfigText.render(in, Format.TYPED)).as("deterministic").isEqualTo(text);
    }

    @Test
    void aCfgFileStaysPlainPropertiesOfStrings() throws IOException {
        Map<String, Object> in = Map.of("maxAgeHours", 336, "note", " leading space = and: # hash\nline2");
        String text = ConfigText.render(in, Format.PLAIN);
        assertThat(text).contains("maxAgeHours=336\n").doesNotContain("I\"");
        Map<String, Object> out = ConfigText.parse(text, Format.PLAIN);
        assertThat(out).containsEntry("maxAgeHours", "336").containsEntry("note", " leading space = and: # hash\nline2");
        assertThat(ConfigText.same(out, in, Format.PLAIN)).as("compared by text").isTrue();
        assertThatThrownBy(() -> ConfigText.render(Map.of("urls", new String[] {"a"}), Format.PLAIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rename the file to .config");
    }

    @Test
    void aRewriteKeepsTheOperatorsCommentsAndOrder() throws IOException {
        String existing = "# bed 12, Philips MX800 (ticket 4711)\nprotocol=\"intellivue\"\n\n# slow line\nbaudRate=I\"9600\"\nold=\"x\"\n";
        String text = ConfigText.render(Map.of("protocol", "intellivue", "baudRate", 115200, "path", "/dev/wardgate/bed-12"),
                Format.TYPED, existing);
        assertThat(text).isEqualTo("# bed 12, Philips MX800 (ticket 4711)\nprotocol=\"intellivue\"\n\n# slow line\n"
                + "baudRate=I\"115200\"\npath=\"/dev/wardgate/bed-12\"\n");
        // Lines it cannot follow one by one: the whole file in the canonical form.
        assertThat(ConfigText.render(Map.of("a", "1"), Format.PLAIN, "a: 0\n")).isEqualTo(ConfigText.render(Map.of("a", "1"), Format.PLAIN));
    }

    @Test
    void whatAFileCannotHoldIsRefused() {
        assertThatThrownBy(() -> ConfigText.render(Map.of("ratio", 0.5), Format.TYPED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Double");
        assertThatThrownBy(() -> ConfigText.render(Map.of("a key", "v"), Format.TYPED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigText.render(Map.of("k=v", "v"), Format.PLAIN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTypedFileCutShortDoesNotParse() {
        String whole = "brokerUrls=[\"ssl://a:8883\",\"ssl://b:8883\"]\nsite=\"st-marys\"\n";
        for (int cut : new int[] {5, 20, 35, whole.length() - 4}) {
            assertThatThrownBy(() -> ConfigText.parse(whole.substring(0, cut), Format.TYPED))
                    .as("cut at %d", cut).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> ConfigText.parse("site=unquoted\n", Format.TYPED)).isInstanceOf(IOException.class);
    }
}
