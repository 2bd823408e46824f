package io.wardgate.check;

import org.osgi.annotation.versioning.ProviderType;

/** The self-check of the running installation, as a service (for the UI and remote management). */
@ProviderType
public interface SecurityCheck {

    Report run();
}
