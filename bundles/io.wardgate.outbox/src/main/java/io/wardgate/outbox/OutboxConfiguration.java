package io.wardgate.outbox;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the durable outbox, PID io.wardgate.outbox.Outbox. */
@ObjectClassDefinition(id = OutboxComponent.PID, name = "WardGate outbox",
        description = "Durable store-and-forward of sealed envelopes (SQLite, WAL). An envelope leaves only after "
                + "the broker acknowledged it.")
public @interface OutboxConfiguration {

    @AttributeDefinition(name = "Database file",
            description = "Path of the SQLite database, absolute or relative to the data directory. Empty: outbox/outbox.db.")
    String databasePath() default "";

    @AttributeDefinition(name = "Capacity (bytes)",
            description = "Most envelope bytes kept while the broker is unreachable (1 GiB holds about half an hour of a 30-bed ward with waveforms); 1 MiB to 1 TiB.",
            min = "1048576", max = "1099511627776")
    long capacityBytes() default 1_073_741_824L;

    @AttributeDefinition(name = "Maximum age (hours)",
            description = "Envelopes sealed longer ago are dropped (alarmed and audited); 1 to 87600 hours.",
            min = "1", max = "87600")
    int maxAgeHours() default 168;

    @AttributeDefinition(name = "Policy when full",
            description = "Drop the oldest envelopes of the lowest priority, or refuse new ones. Either way an alarm "
                    + "is raised and an audit record written.")
    FullPolicy policyWhenFull() default FullPolicy.DROP_OLDEST_LOWEST_PRIORITY;

    @AttributeDefinition(name = "Database size limit (bytes)",
            description = "Hard limit for the database file (SQLite max_page_count), reached like a full disk; "
                    + "0 for none. Set it below the free space of the partition.", min = "0")
    long maxDatabaseBytes() default 0L;

    @AttributeDefinition(name = "Native library directory",
            description = "Where sqlite-jdbc extracts its native library (system property org.sqlite.tmpdir) when the "
                    + "JVM was not started with one; use a directory not mounted noexec. Empty: java.io.tmpdir.")
    String nativeLibraryDirectory() default "";
}
