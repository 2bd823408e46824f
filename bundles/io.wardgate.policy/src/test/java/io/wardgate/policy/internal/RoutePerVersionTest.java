package io.wardgate.policy.internal;

import static io.wardgate.policy.internal.Fixture.MONITOR;
import static io.wardgate.policy.internal.Fixture.spo2;
import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.Route;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An allowed device's route is built once per allowlist version, not per reading line (issue 25: building a
 * route checks its three names against a pattern, on the reader thread of every line); a new version builds
 * the routes again, so a changed group is followed at once.
 */
class RoutePerVersionTest {
    @TempDir
    Path dir;
    Fixture f;

    @AfterEach
    void stop() throws IOException {
        f.close();
    }

    @Test
    void everyBatchOfAVersionCarriesTheSameRouteAndANewVersionItsOwn() throws Exception {
        f = new Fixture(dir);
        for (int i = 0; i < 3; i++) {
            f.engine.submit(spo2(MONITOR, 95 + i));
        }
        List<AdmittedReadings> sealed = f.sealer.of(MONITOR);
        assertThat(sealed).hasSize(3); // an idle hand-off seals on this thread
        Route route = sealed.get(0).route();
        assertThat(route.group()).isEqualTo("icu-monitors");
        assertThat(sealed).allSatisfy(a -> assertThat(a.route()).isSameAs(route));

        f.engine.importJson(Fixture.ALLOWLIST.replace("\"vitals\"", "\"vitals-2\""), "user:test");
        f.engine.submit(spo2(MONITOR, 99));
        f.engine.submit(spo2(MONITOR, 98));
        List<AdmittedReadings> after = f.sealer.of(MONITOR).subList(3, 5);
        assertThat(after.get(0).route()).isNotSameAs(route).isSameAs(after.get(1).route());
        assertThat(after.get(0).route().topicSuffix()).isEqualTo("vitals-2");
    }
}
