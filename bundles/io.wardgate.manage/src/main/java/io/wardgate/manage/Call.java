package io.wardgate.manage;

import io.wardgate.api.manage.ManagementContext;
import io.wardgate.api.manage.ManagementRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** One verified request while its operation runs: what the operation sees of it and of the channel. */
final class Call implements ManagementRequest, ManagementContext {
    private final ManageRequest request;
    private final String actor;
    private final BiConsumer<String, Integer> progress;
    private final Uploads uploads;
    private final List<Runnable> afterReply = new ArrayList<>();

    Call(ManageRequest request, String actor, BiConsumer<String, Integer> progress, Uploads uploads) {
        this.request = request;
        this.actor = actor;
        this.progress = progress;
        this.uploads = uploads;
    }

    @Override
    public String id() {
        return request.id();
    }

    @Override
    public String operation() {
        return request.operation();
    }

    @Override
    public String requester() {
        return request.requester();
    }

    @Override
    public String actor() {
        return actor;
    }

    @Override
    public Map<?, ?> args() {
        return request.args();
    }

    @Override
    public String text(String key) {
        return request.arg(key);
    }

    @Override
    public void progress(String step, int percent) {
        progress.accept(step, Math.max(0, Math.min(100, percent)));
    }

    @Override
    public synchronized Path upload() {
        if (uploads == null) {
            throw new IllegalStateException("uploads are not available on this gateway");
        }
        if (!(request.args().get("upload") instanceof Map<?, ?> upload) || !(upload.get("id") instanceof String id)
                || !(upload.get("size") instanceof Long size) || !(upload.get("sha256") instanceof byte[] sha256)
                || sha256.length != 32) {
            throw new IllegalArgumentException("argument 'upload' needs id (text), size (integer), sha256 (32 bytes)");
        }
        afterReply.add(() -> uploads.discard(id));
        try {
            return uploads.verified(id, size, sha256);
        } catch (IOException e) {
            throw new UncheckedIOException("upload " + id + " could not be assembled", e);
        }
    }

    @Override
    public synchronized void afterReply(Runnable action) {
        afterReply.add(action);
    }

    synchronized List<Runnable> afterReplyActions() {
        return List.copyOf(afterReply);
    }
}
