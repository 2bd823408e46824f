package io.wardgate.web.http;

import java.io.IOException;

/** Answers one call; the front controller has already checked access and CSRF. */
@FunctionalInterface
public interface Handler {
    Reply handle(Call call) throws IOException;
}
