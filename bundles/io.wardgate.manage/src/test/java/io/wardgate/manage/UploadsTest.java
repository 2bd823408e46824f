package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staging area's bounds, each checked before anything is written or kept. */
class UploadsTest {
    @TempDir
    Path dir;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T10:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    Uploads uploads(long maxBytes) throws Exception {
        return new Uploads(dir.resolve("uploads"), new Uploads.Limits(maxBytes, 2, Duration.ofMinutes(30)), clock);
    }

    static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    @Test
    void chunksInAnyOrderAssembleWhenSizeAndDigestMatch() throws Exception {
        Uploads uploads = uploads(1 << 20);
        byte[] first = new byte[Uploads.CHUNK_BYTES];
        byte[] second = {1, 2, 3};
        assertThat(uploads.chunk("u1", "1", second)).isEmpty();
        assertThat(uploads.chunk("u1", "0", first)).isEmpty();
        Path file = uploads.verified("u1", first.length + 3L, sha256(first, second));
        assertThat(Files.size(file)).isEqualTo(first.length + 3L);
        uploads.discard("u1");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void oversizedChunksBadNamesAndChunkNumbersBeyondTheLimitAreDropped() throws Exception {
        Uploads uploads = uploads(1 << 20);
        assertThat(uploads.chunk("u1", "0", new byte[Uploads.CHUNK_BYTES + 1])).get().asString().contains("larger");
        assertThat(uploads.chunk("../etc", "0", new byte[1])).get().asString().contains("malformed");
        assertThat(uploads.chunk("u1", "-1", new byte[1])).get().asString().contains("malformed");
        assertThat(uploads.chunk("u1", "4", new byte[1])).get().asString().contains("beyond");
        assertThat(uploads.chunk("u1", "0", new byte[0])).get().asString().contains("empty");
        assertThat(uploads.staged()).isZero();
    }

    @Test
    void theTotalSizeAndTheNumberOfUploadsAreBounded() throws Exception {
        Uploads uploads = uploads(Uploads.CHUNK_BYTES + 10L);
        assertThat(uploads.chunk("big", "0", new byte[Uploads.CHUNK_BYTES])).isEmpty();
        assertThat(uploads.chunk("big", "1", new byte[11])).get().asString().contains("larger than");
        assertThat(uploads.staged()).isZero(); // the whole upload is discarded, not kept half
        assertThat(uploads.chunk("a", "0", new byte[1])).isEmpty();
        assertThat(uploads.chunk("b", "0", new byte[1])).isEmpty();
        assertThat(uploads.chunk("c", "0", new byte[1])).get().asString().contains("too many");
    }

    @Test
    void oldUploadsExpireAndAWrongDigestSizeOrGapDiscardsTheUpload() throws Exception {
        Uploads uploads = uploads(1 << 20);
        uploads.chunk("old", "0", new byte[] {1});
        now.set(now.get().plus(Duration.ofMinutes(31)));
        assertThatThrownBy(() -> uploads.verified("old", 1, sha256(new byte[] {1})))
                .hasMessageContaining("no upload old is staged");
        uploads.chunk("gap", "0", new byte[] {1});
        uploads.chunk("gap", "2", new byte[] {3});
        assertThatThrownBy(() -> uploads.verified("gap", 2, new byte[32])).hasMessageContaining("misses chunk 1");
        uploads.chunk("bad", "0", new byte[] {1});
        assertThatThrownBy(() -> uploads.verified("bad", 1, new byte[32])).hasMessageContaining("signed SHA-256");
        assertThat(uploads.staged()).isZero();
    }
}
