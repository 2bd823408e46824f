package io.wardgate.audit.syslog.api;

import org.osgi.annotation.versioning.ProviderType;

/** The running audit export (present only while it is configured). */
@ProviderType
public interface AtnaExport {

    AtnaExportStatus status();
}
