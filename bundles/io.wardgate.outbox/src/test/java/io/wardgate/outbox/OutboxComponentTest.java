package io.wardgate.outbox;

import static io.wardgate.outbox.Envelopes.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.StoreOutcome;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS component as a plain object: configuration mapping and the native library directory. */
class OutboxComponentTest {
    @TempDir
    Path dir;

    private OutboxConfiguration config(String path, String nativeDir) {
        return new OutboxConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OutboxConfiguration.class;
            }

            @Override
            public String databasePath() {
                return path;
            }

            @Override
            public long capacityBytes() {
                return 2L << 20;
            }

            @Override
            public int maxAgeHours() {
                return 48;
            }

            @Override
            public FullPolicy policyWhenFull() {
                return FullPolicy.REFUSE_NEW;
            }

            @Override
            public long maxDatabaseBytes() {
                return 0;
            }

            @Override
            public String nativeLibraryDirectory() {
                return nativeDir;
            }
        };
    }

    @Test
    void configurationBecomesSettings() {
        OutboxSettings settings = OutboxComponent.settings(null, config(dir.resolve("o.db").toString(), ""));
        assertThat(settings.databaseFile()).isEqualTo(dir.resolve("o.db"));
        assertThat(settings.capacityBytes()).isEqualTo(2L << 20);
        assertThat(settings.maxAge()).isEqualTo(Duration.ofHours(48));
        assertThat(settings.policy()).isEqualTo(FullPolicy.REFUSE_NEW);
    }

    @Test
    void theComponentStoresThroughItsEngine() {
        OutboxComponent component = new OutboxComponent((String) null, config(dir.resolve("o.db").toString(), ""));
        try {
            assertThat(component.store(envelope("a", 3))).isEqualTo(StoreOutcome.STORED);
            assertThat(component.lastSequence("a", 1)).isEqualTo(3);
            assertThat(component.status().envelopes()).isEqualTo(1);
        } finally {
            component.deactivate();
        }
    }

    @Test
    void theNativeLibraryDirectoryIsUsedUnlessTheJvmWasGivenOne() throws Exception {
        String before = System.getProperty(OutboxComponent.SQLITE_TMPDIR);
        try {
            System.clearProperty(OutboxComponent.SQLITE_TMPDIR);
            Path nativeDir = dir.resolve("native");
            OutboxComponent.useNativeLibraryDirectory(nativeDir.toString());
            assertThat(System.getProperty(OutboxComponent.SQLITE_TMPDIR)).isEqualTo(nativeDir.toString());
            assertThat(Files.isDirectory(nativeDir)).isTrue();

            OutboxComponent.useNativeLibraryDirectory(dir.resolve("other").toString()); // a JVM flag would win
            assertThat(System.getProperty(OutboxComponent.SQLITE_TMPDIR)).isEqualTo(nativeDir.toString());
        } finally {
            if (before == null) {
                System.clearProperty(OutboxComponent.SQLITE_TMPDIR);
            } else {
                System.setProperty(OutboxComponent.SQLITE_TMPDIR, before);
            }
        }
    }
}
