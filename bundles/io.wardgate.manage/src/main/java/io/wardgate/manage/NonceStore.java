package io.wardgate.manage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nonces of accepted requests, persisted so that a restart does not reopen the window. A nonce is
 * forgotten only relative to the newest accepted request, never to the local clock (NTP is
 * unauthenticated; a clock set back would make an expired request valid again): a request whose
 * expiry lies more than one maximum lifetime before the newest accepted expiry is refused as stale,
 * so its nonce is no longer needed. Bounded: when full, new requests are refused rather than a nonce
 * that could still be replayed forgotten.
 */
final class NonceStore {
    private final Path file;
    private final int capacity;
    private final Map<String, Long> expiries = new LinkedHashMap<>();

    NonceStore(Path file, int capacity) throws IOException {
        this.file = file;
        this.capacity = capacity;
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            for (String line : lines.subList(0, Math.min(lines.size(), capacity))) {
                String[] parts = line.split(" ");
                if (parts.length == 2 && parts[0].matches("[0-9a-f]{32,128}") && parts[1].matches("[0-9]{1,12}")) {
                    expiries.put(parts[0], Long.parseLong(parts[1]));
                }
            }
        }
    }

    enum Result {
        ACCEPTED,
        REPLAYED,
        /** Expires more than one maximum lifetime before the newest accepted request: maybe a replay after a clock step. */
        STALE,
        FULL
    }

    /**
     * Records the nonce of a request valid until {@code expiry}; durable before ACCEPTED is returned.
     * {@code now} is not trusted for forgetting: only {@code maxLifetime} before the newest accepted
     * expiry is.
     */
    synchronized Result accept(byte[] nonce, Instant expiry, Instant now, Duration maxLifetime) throws IOException {
        long newest = expiries.values().stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
        long oldestAcceptable = newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - maxLifetime.toSeconds();
        if (expiry.getEpochSecond() < oldestAcceptable) {
            return Result.STALE;
        }
        long keepFrom = Math.max(oldestAcceptable, expiry.getEpochSecond() - maxLifetime.toSeconds());
        expiries.values().removeIf(until -> until < keepFrom);
        String key = HexFormat.of().formatHex(nonce);
        if (expiries.containsKey(key)) {
            return Result.REPLAYED;
        }
        if (expiries.size() >= capacity) {
            return Result.FULL;
        }
        expiries.put(key, expiry.getEpochSecond());
        try {
            persist();
        } catch (IOException e) {
            expiries.remove(key);
            throw e;
        }
        return Result.ACCEPTED;
    }

    synchronized int size() {
        return expiries.size();
    }

    private void persist() throws IOException {
        StringBuilder text = new StringBuilder();
        expiries.forEach((nonce, until) -> text.append(nonce).append(' ').append(until).append('\n'));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        try (var channel = java.nio.channels.FileChannel.open(temporary, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
