package io.wardgate.web.http;

import io.wardgate.web.auth.Role;
import io.wardgate.web.auth.Session;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may call an endpoint. Deny by default: {@link #UNDECLARED} (a route whose author forgot to
 * say) is refused for everyone, and an empty role set admits nobody.
 *
 * @param anonymous whether no session is needed (login page, assets)
 * @param enrolling whether a session that still has to enroll TOTP may call it
 * @param roles the roles of active sessions that may call it
 */
public record Access(boolean anonymous, boolean enrolling, Set<Role> roles) {
    public static final Access UNDECLARED = new Access(false, false, Set.of());
    public static final Access PUBLIC = new Access(true, true, EnumSet.allOf(Role.class));
    /** Any logged-in user, also one still enrolling (session info, logout, enrollment). */
    public static final Access SESSION = new Access(false, true, EnumSet.allOf(Role.class));

    public Access {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Access roles(Role first, Role... rest) {
        return new Access(false, false, EnumSet.of(first, rest));
    }

    public static Access allRoles() {
        return new Access(false, false, EnumSet.allOf(Role.class));
    }

    /** Whether this access admits the caller; null session = anonymous. */
    public boolean admits(Session session) {
        if (anonymous) {
            return true;
        }
        if (session == null || roles.isEmpty()) {
            return false;
        }
        if (!session.isActive()) {
            return enrolling;
        }
        return roles.contains(session.role());
    }
}
