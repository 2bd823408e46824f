package org.eclipse.kura.configuration;

/** Kura's marker: a service implementing it, with a service.pid, is shown in Kura's web UI. */
public interface ConfigurableComponent {
}
