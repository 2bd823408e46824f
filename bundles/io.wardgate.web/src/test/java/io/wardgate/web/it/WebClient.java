package io.wardgate.web.it;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One browser-like HTTPS client: its own cookie jar, and the CSRF token from /api/session. It
 * accepts the UI's self-signed certificate (as a user does on first visit) and remembers it.
 */
final class WebClient {
    private static final Pattern CSRF = Pattern.compile("\"csrf\":\"([^\"]+)\"");

    final String base;
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    volatile X509Certificate[] serverChain;
    private final HttpClient http;
    private String csrf = "";

    WebClient(int port, String... protocols) throws Exception {
        this.base = "https://127.0.0.1:" + port;
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new Remembering()}, new SecureRandom());
        SSLParameters parameters = tls.getDefaultSSLParameters();
        if (protocols.length > 0) {
            parameters.setProtocols(protocols);
        }
        this.http = HttpClient.newBuilder().sslContext(tls).sslParameters(parameters).cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST with this client's CSRF token. */
    HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
        return post(path, fields, Optional.of(csrf), Optional.empty());
    }

    HttpResponse<String> post(String path, Map<String, String> fields, Optional<String> token, Optional<String> origin)
            throws Exception {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        token.ifPresent(t -> request.header("X-CSRF-Token", t));
        origin.ifPresent(o -> request.header("Origin", o));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of a body as given (already form-encoded, or not), with this client's CSRF token. */
    HttpResponse<String> postRaw(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the session (and its CSRF token) as the pages do first. */
    String refreshSession() throws Exception {
        HttpResponse<String> r = get("/api/session");
        Matcher m = CSRF.matcher(r.body());
        csrf = m.find() ? m.group(1) : "";
        return r.body();
    }

    String csrf() {
        return csrf;
    }

    Optional<String> cookie(String name) {
        List<HttpCookie> all = cookies.getCookieStore().getCookies();
        return all.stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setSecure(true);
        cookie.setVersion(0);
        cookies.getCookieStore().removeAll();
        cookies.getCookieStore().add(URI.create(base + "/"), cookie);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private final class Remembering extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            serverChain = chain;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            serverChain = chain;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            serverChain = chain;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
