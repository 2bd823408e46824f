package io.wardgate.receiver.pcd01;

import io.wardgate.receiver.ReadingSink;
import io.wardgate.receiver.spool.SpoolSender;
import io.wardgate.seal.envelope.OpenResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Queues one PCD-01 message per envelope for the integration engine: on disk before {@link #write}
 * returns, sent in order over MLLP by the sender. An envelope of waveforms alone, or of alarm changes
 * alone, gives no message ({@link Pcd01Messages#encode}).
 */
public final class Pcd01Sink implements ReadingSink {
    private final Pcd01Messages messages;
    private final SpoolSender sender;

    public Pcd01Sink(Pcd01Messages messages, SpoolSender sender) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    @Override
    public void write(OpenResult.Opened envelope) throws IOException {
        var message = messages.encode(envelope.tags(), envelope.batch());
        if (message.isPresent()) {
            sender.submit(message.get().getBytes(StandardCharsets.UTF_8));
        }
    }
}
