package io.wardgate.check.internal;

import io.wardgate.check.CheckResult;
import io.wardgate.check.Installation;
import io.wardgate.check.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * S12: data, configuration, logs and keys belong to the service user alone: the directories are
 * 0700 with one owner, nothing below them is writable by group or others, and key files are 0600.
 */
final class PermissionsProbe implements Probe {

    @Override
    public String id() {
        return "permissions";
    }

    @Override
    public CheckResult run(Installation installation) {
        List<String> problems = new ArrayList<>();
        String owner = null;
        for (Path dir : List.of(installation.data(), installation.conf(), installation.logs())) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(dir + " is missing");
                continue;
            }
            if (!Collections.disjoint(Files2.permissions(dir), Files2.GROUP_OR_OTHER)) {
                problems.add(dir + " is " + Files2.mode(dir) + ", not 0700");
            }
            String dirOwner = owner(dir);
            if (owner == null) {
                owner = dirOwner;
            } else if (!owner.equals(dirOwner)) {
                problems.add(dir + " is owned by " + dirOwner + ", not " + owner);
            }
            for (Path path : Files2.walk(dir, 8)) {
                Set<PosixFilePermission> permissions = Files2.permissions(path);
                boolean key = path.startsWith(installation.keys()) && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                        || Files2.isSecretFile(path);
                if (key && !Collections.disjoint(permissions, Files2.GROUP_OR_OTHER)) {
                    problems.add("key file " + path + " is " + Files2.mode(path) + ", not 0600");
                } else if (!Collections.disjoint(permissions, Files2.GROUP_OR_OTHER_WRITE)) {
                    problems.add(path + " is writable by group or others (" + Files2.mode(path) + ")");
                }
            }
        }
        if ("root".equals(owner)) {
            problems.add("the directories are owned by root, not by the service user");
        }
        return problems.isEmpty()
                ? CheckResult.pass(id(), "S12", "data, configuration, logs and keys are private to " + owner)
                : CheckResult.fail(id(), "S12", String.join("; ", Files2.firstFew(problems)));
    }

    private static String owner(Path path) {
        try {
            return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            return "?";
        }
    }
}
