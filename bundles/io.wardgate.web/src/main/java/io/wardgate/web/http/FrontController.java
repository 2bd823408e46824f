package io.wardgate.web.http;

import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.web.auth.Audit;
import io.wardgate.web.auth.Secrets;
import io.wardgate.web.auth.Session;
import io.wardgate.web.auth.SessionStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one servlet of the UI. Every request passes the same gate, in this order: security headers,
 * size and method limits, the route table (exact paths), access (deny by default), CSRF on every
 * POST, then the handler. No handler can be reached around it.
 */
public final class FrontController extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FrontController.class);
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._/-]{0,127}");

    private final transient Map<String, Route> routes = new HashMap<>();
    private final transient SessionStore sessions;
    private final transient Audit audit;
    private final transient Supplier<String> loginPage;

    public FrontController(List<Route> table, SessionStore sessions, Audit audit, Supplier<String> loginPage) {
        for (Route route : table) {
            if (routes.put(route.method() + " " + route.path(), route) != null) {
                throw new IllegalArgumentException("two routes for " + route.method() + " " + route.path());
            }
        }
        this.sessions = sessions;
        this.audit = audit;
        this.loginPage = loginPage;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        Reply reply;
        try {
            reply = gate(request);
        } catch (Call.BadRequest e) {
            reply = Reply.error(400, e.getMessage());
        } catch (RuntimeException e) {
            // The message may name internals: log the type and where, answer with nothing specific.
            LOG.error("request {} {} failed: {}", request.getMethod(), safePath(request), e.getClass().getName(), e);
            reply = Reply.error(500, "Internal error; see the gateway log.");
        }
        drain(request);
        String path = safePath(request);
        if (reply.status() >= 400 && (path == null || !path.startsWith("/api/")) && Reply.JSON.equals(reply.contentType())) {
            // A person typed or followed a link: a page to read, not JSON.
            reply = ErrorPage.of(reply.status());
        }
        send(reply, request, response);
    }

    /**
     * Reads what is left of a refused request's body (bounded): a server that answers and closes
     * with unread input makes TCP reset the connection, and the client may lose the answer.
     */
    private static void drain(HttpServletRequest request) {
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            return;
        }
        try {
            var in = request.getInputStream();
            byte[] skip = new byte[8192];
            // Up to 16 times the body limit, so that an oversized form still gets its 413 (FormFuzzIT).
            for (long left = 16L * MAX_BODY_BYTES; in != null && left > 0; ) {
                int n = in.read(skip, 0, (int) Math.min(skip.length, left));
                if (n < 0) {
                    break;
                }
                left -= n;
            }
        } catch (IOException | IllegalStateException e) {
            // already read as form fields, or the client went away: nothing left to drain
        }
    }

    private Reply gate(HttpServletRequest request) throws IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = safePath(request);
        if (path == null) {
            return Reply.error(404, "Not found");
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return Reply.error(413, "Request too large");
        }
        Route route = routes.get(method + " " + path);
        if (route == null) {
            boolean otherMethod = routes.containsKey("GET " + path) || routes.containsKey("POST " + path);
            return Reply.error(otherMethod ? 405 : 404, otherMethod ? "Method not allowed" : "Not found");
        }
        if (route.changesState()) {
            String type = Optional.ofNullable(request.getContentType()).orElse("").toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !type.startsWith("application/x-www-form-urlencoded")) {
                return Reply.error(415, "Send form fields (application/x-www-form-urlencoded)");
            }
        }
        Optional<String> sessionId = Cookies.read(request, Cookies.SESSION);
        Session session = sessionId.flatMap(sessions::touch).orElse(null);
        boolean api = path.startsWith("/api/");
        if (!route.access().admits(session)) {
            if (session == null) {
                return api ? Reply.error(401, "Log in first") : Reply.redirect(loginPage.get());
            }
            audit.record(session.actor(), "ACCESS_DENIED", method + " " + path, Outcome.DENIED,
                    "role " + session.role().code() + (session.isActive() ? "" : " (enrolling)"));
            return Reply.error(403, "Forbidden for your role");
        }
        if (route.changesState() && !csrfOk(request, session)) {
            audit.record(session == null ? "anonymous@" + request.getRemoteAddr() : session.actor(), "CSRF_REJECTED",
                    method + " " + path, Outcome.DENIED, "missing or wrong CSRF token or cross-site origin");
            return Reply.error(403, "CSRF check failed; reload the page");
        }
        if (route.changesState() && !formReadable(request)) {
            return Reply.error(400, "The form fields could not be read: send them URL-encoded in UTF-8");
        }
        return route.handler().handle(new Call(request, session, session == null ? null : sessionId.get()));
    }

    /**
     * Parses the form once, up front: the container refuses a malformed body (bad percent-encoding,
     * invalid UTF-8) with an unchecked exception of its own, which is the sender's fault (found by
     * FormFuzzIT), not an internal error.
     */
    private static boolean formReadable(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Synchronizer token for sessions; double-submit cookie before login; same origin always. */
    private static boolean csrfOk(HttpServletRequest request, Session session) {
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equals("https://" + request.getHeader("Host"))) {
            return false;
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            return false;
        }
        String sent = request.getHeader(CSRF_HEADER);
        if (session != null) {
            return Secrets.constantTimeEquals(sent, session.csrfToken());
        }
        return Secrets.constantTimeEquals(sent, Cookies.read(request, Cookies.PRE_SESSION_CSRF).orElse(null));
    }

    private static String safePath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        if (path.isEmpty()) {
            path = "/";
        }
        return PATH.matcher(path).matches() && !path.contains("..") ? path : null;
    }

    private static void send(Reply reply, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(reply.status());
        for (String cookie : reply.cookies()) {
            response.addHeader("Set-Cookie", cookie);
        }
        if (!reply.location().isEmpty()) {
            response.setHeader("Location", reply.location());
        }
        if (!reply.contentType().isEmpty()) {
            response.setContentType(reply.contentType());
            response.setContentLength(reply.body().length);
            if (!request.getMethod().equals("HEAD")) {
                response.getOutputStream().write(reply.body());
            }
        }
    }
}
