package io.wardgate.web.ui;

import io.wardgate.web.auth.LoginThrottle;
import io.wardgate.web.auth.Role;
import io.wardgate.web.auth.UserAdmin;
import io.wardgate.web.auth.UserStore;
import io.wardgate.web.http.Call;
import io.wardgate.web.http.Reply;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** User management for administrators. Never returns hashes or TOTP secrets. */
final class UsersApi {
    private final UserStore users;
    private final UserAdmin admin;
    private final LoginThrottle throttle;

    UsersApi(UserStore users, UserAdmin admin, LoginThrottle throttle) {
        this.users = users;
        this.admin = admin;
        this.throttle = throttle;
    }

    Reply list(Call call) {
        List<Map<String, Object>> out = users.list().stream().map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", u.name());
            m.put("role", u.role().code());
            m.put("totp", u.hasTotp());
            m.put("createdAt", u.createdAt());
            m.put("lastLogin", u.lastLogin());
            m.put("lockedUntil", throttle.lockedUntil(u.name(), null).orElse(null));
            return m;
        }).toList();
        return Reply.json(Map.of("users", out, "roles", Arrays.stream(Role.values()).map(Role::code).toList()));
    }

    Reply create(Call call) throws IOException {
        char[] password = call.secret("password");
        try {
            return done(admin.create(call.session(), call.required("user"), call.required("role"), password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    Reply remove(Call call) throws IOException {
        return done(admin.remove(call.session(), call.required("user")));
    }

    Reply role(Call call) throws IOException {
        return done(admin.changeRole(call.session(), call.required("user"), call.required("role")));
    }

    Reply resetPassword(Call call) throws IOException {
        char[] password = call.secret("password");
        try {
            return done(admin.resetPassword(call.session(), call.required("user"), password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    Reply resetTotp(Call call) throws IOException {
        return done(admin.resetTotp(call.session(), call.required("user")));
    }

    Reply unlock(Call call) {
        return done(admin.unlock(call.session(), call.required("user")));
    }

    private static Reply done(Optional<String> problem) {
        return problem.map(p -> Reply.error(400, p)).orElseGet(Reply::ok);
    }
}
