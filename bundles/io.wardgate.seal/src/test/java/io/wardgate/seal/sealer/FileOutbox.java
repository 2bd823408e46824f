package io.wardgate.seal.sealer;

import io.wardgate.api.pipeline.EnvelopeTags;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.OutboxStatus;
import io.wardgate.api.pipeline.SealedEnvelope;
import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.api.pipeline.StoredEnvelope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TEST FIXTURE ONLY: an append-only, fsync'd file of envelopes, one line each, standing in for the
 * real SQLite outbox in the kill -9 test. A line torn by the kill is ignored on reading.
 */
public final class FileOutbox implements Outbox, AutoCloseable {
    private final FileChannel channel;
    private final Map<String, Long> last = new HashMap<>();

    public FileOutbox(Path file) throws IOException {
        for (Record record : read(file)) {
            last.merge(record.tags.deviceId() + "@" + record.tags.epoch(), record.tags.sequence(), Math::max);
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /** One stored envelope as read back. */
    public record Record(EnvelopeTags tags, byte[] bytes) {
    }

    public static List<Record> read(Path file) throws IOException {
        List<Record> records = new ArrayList<>();
        if (!Files.exists(file)) {
            return records;
        }
        String content = Files.readString(file, StandardCharsets.US_ASCII);
        int end = content.lastIndexOf('\n');
        for (String line : content.substring(0, end + 1).split("\n")) {
            String[] f = line.split("\t");
            if (f.length != 6) {
                continue;
            }
            records.add(new Record(new EnvelopeTags(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Instant.EPOCH, f[4], 0, 0), Base64.getDecoder().decode(f[5])));
        }
        return records;
    }

    @Override
    public synchronized StoreOutcome store(SealedEnvelope envelope) {
        EnvelopeTags t = envelope.tags();
        String line = String.join("\t", t.gatewayId(), t.deviceId(), Long.toString(t.epoch()),
                Long.toString(t.sequence()), t.topic(), Base64.getEncoder().encodeToString(envelope.bytes())) + "\n";
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        last.merge(t.deviceId() + "@" + t.epoch(), t.sequence(), Math::max);
        return StoreOutcome.STORED;
    }

    @Override
    public synchronized long lastSequence(String deviceId, long epoch) {
        return last.getOrDefault(deviceId + "@" + epoch, -1L);
    }

    @Override
    public List<StoredEnvelope> next(int max) {
        throw new UnsupportedOperationException("not used by the sealer");
    }

    @Override
    public void acknowledge(long storageId) {
        throw new UnsupportedOperationException("not used by the sealer");
    }

    @Override
    public void release(long storageId) {
        throw new UnsupportedOperationException("not used by the sealer");
    }

    @Override
    public OutboxStatus status() {
        return new OutboxStatus(0, 0, Long.MAX_VALUE, null, "");
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
