package io.wardgate.web.http;

import java.nio.charset.StandardCharsets;

/** The page a browser gets for an error outside the API: the console's style, what happened, a way back. */
final class ErrorPage {
    private ErrorPage() {
    }

    static Reply of(int status) {
        String title = switch (status) {
            case 403 -> "Not for your role";
            case 404 -> "No such page";
            case 405 -> "Not like this";
            case 413 -> "Too large";
            case 415 -> "Not understood";
            default -> "Something went wrong";
        };
        String text = switch (status) {
            case 403 -> "Your role may not open this page. Ask an administrator if you need it.";
            case 404 -> "There is no such page on this gateway.";
            case 405 -> "This page cannot be used that way.";
            case 413 -> "The request was larger than the console accepts.";
            case 415 -> "The request was not in a form the console accepts.";
            default -> "The gateway could not answer; the reason is in its log.";
        };
        // Only fixed text goes in: nothing to escape.
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + " \u00b7 WardGate</title><link rel=\"stylesheet\" href=\"/app.css\"></head><body>"
                + "<header class=\"top\"><div class=\"brand\"><img src=\"/logo.svg\" alt=\"\"><span>WardGate</span></div></header>"
                + "<main class=\"center\"><section class=\"card narrow\"><h1>" + title + "</h1><p>" + text
                + "</p><p class=\"muted\">HTTP " + status + "</p><p><a class=\"button\" href=\"/\">Back to the dashboard</a></p>"
                + "</section></main></body></html>";
        return new Reply(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), "", new java.util.ArrayList<>());
    }
}
