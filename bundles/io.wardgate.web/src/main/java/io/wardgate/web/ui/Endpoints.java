package io.wardgate.web.ui;

import io.wardgate.web.auth.AuthService;
import io.wardgate.web.auth.Audit;
import io.wardgate.web.auth.LoginThrottle;
import io.wardgate.web.auth.Secrets;
import io.wardgate.web.auth.SessionStore;
import io.wardgate.web.auth.UserAdmin;
import io.wardgate.web.auth.UserStore;
import io.wardgate.web.config.ConfigApi;
import io.wardgate.web.http.FrontController;
import java.time.Clock;
import java.util.function.Supplier;

/** Wires the APIs into the front controller; the OSGi component calls this once per activation. */
public final class Endpoints {
    private Endpoints() {
    }

    /** Everything the endpoints need from the component. */
    public record Parts(Clock clock, Secrets secrets, UserStore users, SessionStore sessions, LoginThrottle throttle,
            AuthService auth, UserAdmin userAdmin, Audit audit, Services services, ConfigApi config,
            Supplier<UiCertificate> uiCertificate) {
    }

    public static FrontController controller(Parts p) {
        Routes.Apis apis = new Routes.Apis(new StaticAssets(),
                new SessionApi(p.auth(), p.userAdmin(), p.sessions(), p.secrets(), p.services()),
                new DashboardApi(p.services(), p.clock()), new DevicesApi(p.services(), p.audit()), p.config(),
                new SecurityApi(p.services(), p.uiCertificate()::get, p.audit()), new AuditApi(p.services()),
                new UsersApi(p.users(), p.userAdmin(), p.throttle()), new ChecklistApi(p.services(), p.config()));
        return new FrontController(Routes.table(apis), p.sessions(), p.audit(),
                () -> p.auth().setupOpen() ? "/setup.html" : "/login.html");
    }
}
