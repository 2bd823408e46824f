package io.wardgate.api.manage;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** What the channel offers an operation while it runs. */
@ProviderType
public interface ManagementContext {

    /** Publishes a signed progress reply (status "progress") before the final one. */
    void progress(String step, int percent);

    /**
     * The file uploaded in chunks to .../manage/upload/&lt;uploadId&gt;/&lt;n&gt; that the SIGNED argument
     * "upload" ({@code {id: text, size: integer, sha256: 32 bytes}}) names, assembled and checked
     * against that size and SHA-256. Valid until the reply is sent, then deleted. Throws
     * IllegalArgumentException when the argument is missing, the upload incomplete or different.
     */
    Path upload();

    /** Runs {@code action} after the final reply was handed to the connection (e.g. restart, reconnect). */
    void afterReply(Runnable action);
}
