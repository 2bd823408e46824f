package io.wardgate.web.ui;

import static io.wardgate.web.auth.Role.ADMINISTRATOR;
import static io.wardgate.web.auth.Role.AUDITOR;
import static io.wardgate.web.auth.Role.CLINICAL_ENGINEER;

import io.wardgate.web.config.ConfigApi;
import io.wardgate.web.http.Access;
import io.wardgate.web.http.Reply;
import io.wardgate.web.http.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * The complete list of what the UI answers, and who may ask: the role x endpoint matrix in one
 * place (docs/operations.md "Users and roles" shows it to people; RoleMatrixIT checks it over HTTPS).
 */
public final class Routes {
    static final Access ENGINEERS = Access.roles(ADMINISTRATOR, CLINICAL_ENGINEER);
    static final Access READERS = Access.roles(ADMINISTRATOR, CLINICAL_ENGINEER, AUDITOR);
    static final Access SECURITY = Access.roles(ADMINISTRATOR, AUDITOR);
    static final Access ADMIN = Access.roles(ADMINISTRATOR);

    /** Pages needing a login, with who may open them. */
    static final Object[][] PAGES = {
        {"index.html", Access.allRoles()}, {"devices.html", Access.allRoles()}, {"account.html", Access.allRoles()},
        {"config.html", READERS}, {"security.html", SECURITY}, {"audit.html", SECURITY}, {"users.html", ADMIN},
        {"enroll.html", Access.SESSION}, {"checklist.html", ENGINEERS},
    };
    static final String[] PUBLIC_ASSETS = {"login.html", "setup.html", "app.css", "common.js", "login.js", "setup.js",
        "enroll.js", "checklist.js", "dashboard.js", "devices.js", "config.js", "security.js", "audit.js", "users.js", "account.js",
        "logo.svg"};

    /** The APIs the handlers call; null members are fine for {@link #declared()}. */
    record Apis(StaticAssets assets, SessionApi session, DashboardApi dashboard, DevicesApi devices, ConfigApi config,
            SecurityApi security, AuditApi audit, UsersApi users, ChecklistApi checklist) {
    }

    private Routes() {
    }

    /** The routes with no handlers behind them: for documentation and for the tests' matrix. */
    public static List<Route> declared() {
        return table(new Apis(null, null, null, null, null, null, null, null, null));
    }

    static List<Route> table(Apis a) {
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", "/", Access.allRoles(), c -> page(a, "index.html")));
        for (Object[] page : PAGES) {
            String name = (String) page[0];
            r.add(new Route("GET", "/" + name, (Access) page[1], c -> page(a, name)));
        }
        for (String name : PUBLIC_ASSETS) {
            r.add(new Route("GET", "/" + name, Access.PUBLIC, c -> page(a, name)));
        }
        r.add(new Route("GET", "/api/session", Access.PUBLIC, c -> a.session().describe(c)));
        r.add(new Route("POST", "/api/login", Access.PUBLIC, c -> a.session().login(c)));
        r.add(new Route("POST", "/api/setup", Access.PUBLIC, c -> a.session().setup(c)));
        r.add(new Route("POST", "/api/logout", Access.SESSION, c -> a.session().logout(c)));
        r.add(new Route("GET", "/api/me/totp", Access.SESSION, c -> a.session().totp(c)));
        r.add(new Route("GET", "/api/me/totp.svg", Access.SESSION, c -> a.session().totpQr(c)));
        r.add(new Route("POST", "/api/me/totp/confirm", Access.SESSION, c -> a.session().confirmTotp(c)));
        r.add(new Route("POST", "/api/me/password", Access.allRoles(), c -> a.session().changePassword(c)));

        r.add(new Route("GET", "/api/dashboard", Access.allRoles(), c -> a.dashboard().dashboard(c)));
        r.add(new Route("GET", "/api/devices", Access.allRoles(), c -> a.devices().list(c)));
        r.add(new Route("POST", "/api/devices/approve", ENGINEERS, c -> a.devices().approve(c)));
        r.add(new Route("POST", "/api/devices/reject", ENGINEERS, c -> a.devices().reject(c)));
        r.add(new Route("POST", "/api/devices/revoke", ENGINEERS, c -> a.devices().revoke(c)));
        r.add(new Route("POST", "/api/devices/reallow", ENGINEERS, c -> a.devices().reallow(c)));
        r.add(new Route("POST", "/api/devices/group", ENGINEERS, c -> a.devices().putGroup(c)));
        r.add(new Route("GET", "/api/config", READERS, c -> a.config().read(c)));
        r.add(new Route("POST", "/api/config", ENGINEERS, c -> a.config().write(c)));
        r.add(new Route("POST", "/api/config/delete", ENGINEERS, c -> a.config().delete(c)));
        r.add(new Route("GET", "/api/security", SECURITY, c -> a.security().read(c)));
        r.add(new Route("GET", "/api/security/csr", ADMIN, c -> a.security().csr(c)));
        r.add(new Route("POST", "/api/security/rotate-ui-certificate", ADMIN, c -> a.security().rotate(c)));
        r.add(new Route("POST", "/api/security/chain", ADMIN, c -> a.security().installChain(c)));
        r.add(new Route("POST", "/api/security/anchors", ADMIN, c -> a.security().installAnchors(c)));
        r.add(new Route("GET", "/api/checklist", ENGINEERS, c -> a.checklist().checklist(c)));
        r.add(new Route("GET", "/api/audit", SECURITY, c -> a.audit().search(c)));
        r.add(new Route("GET", "/api/audit/verify", SECURITY, c -> a.audit().verify(c)));
        r.add(new Route("GET", "/api/audit.csv", SECURITY, c -> a.audit().csv(c)));
        r.add(new Route("GET", "/api/users", ADMIN, c -> a.users().list(c)));
        r.add(new Route("POST", "/api/users/create", ADMIN, c -> a.users().create(c)));
        r.add(new Route("POST", "/api/users/remove", ADMIN, c -> a.users().remove(c)));
        r.add(new Route("POST", "/api/users/role", ADMIN, c -> a.users().role(c)));
        r.add(new Route("POST", "/api/users/reset-password", ADMIN, c -> a.users().resetPassword(c)));
        r.add(new Route("POST", "/api/users/unlock", ADMIN, c -> a.users().unlock(c)));
        r.add(new Route("POST", "/api/users/reset-totp", ADMIN, c -> a.users().resetTotp(c)));
        return r;
    }

    private static Reply page(Apis a, String name) {
        return Reply.bytes(StaticAssets.typeOf(name), a.assets().load(name));
    }

}
