package io.wardgate.web.auth;

import java.time.Instant;

/**
 * A logged-in user's session. Immutable: the store replaces it on every touch.
 *
 * @param user the user name
 * @param role the user's role at login
 * @param stage whether the user still has to enroll a second factor before anything else
 * @param csrfToken the synchronizer token every state-changing request must carry
 * @param createdAt when the user logged in
 * @param lastSeen the last request, for the idle timeout
 */
public record Session(String user, Role role, Stage stage, String csrfToken, Instant createdAt, Instant lastSeen) {

    /** ENROLLING: password accepted, TOTP not yet set up; only the enrollment endpoints answer. */
    public enum Stage { ENROLLING, ACTIVE }

    public boolean isActive() {
        return stage == Stage.ACTIVE;
    }

    Session touched(Instant now) {
        return new Session(user, role, stage, csrfToken, createdAt, now);
    }

    /** The actor name used in audit events. */
    public String actor() {
        return "user:" + user;
    }
}
