package io.wardgate.outbox;

import java.sql.SQLException;

/** A database failure, sorted by what the outbox does about it. Never carries envelope content. */
final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    // SQLite primary result codes (https://www.sqlite.org/rescode.html).
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_NOTADB = 26;

    enum Kind {
        /** The disk or the configured database limit is full: the capacity policy applies. */
        FULL,
        /** The file is not a database or is damaged: move it aside and start afresh. */
        CORRUPT,
        /** Anything else (I/O error, locked, permissions). */
        OTHER
    }

    private final Kind kind;

    StoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    private StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    static StoreException from(String operation, SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        Kind kind = switch (primary) {
            case SQLITE_FULL -> Kind.FULL;
            case SQLITE_CORRUPT, SQLITE_NOTADB -> Kind.CORRUPT;
            default -> Kind.OTHER;
        };
        // SQLite's messages name the failure ("database or disk is full"), never row content.
        return new StoreException(kind, operation + ": " + e.getMessage(), e);
    }

    Kind kind() {
        return kind;
    }
}
