#!/usr/bin/env python3
"""Records the exported API of every bundle as the baseline bnd-baseline-maven-plugin compares against.

Usage: .ci/record-baseline.py CHECKOUT COMMIT, where CHECKOUT is a copy of main at COMMIT whose bundles were built
(git archive COMMIT | tar -x -C DIR; then in DIR ./mvnw -o -q -pl <the bundle modules> -am verify -DskipTests).
For each bundles/*/target/<artifact>-<version>.jar that exports packages, writes
baseline/repository/io/wardgate/<artifact>/0.1.0-main-COMMIT/ with a jar holding only the manifest and the
classes of the exported packages (the API, small enough to keep in git) and a minimal pom, and points the
property wardgate.baseline.version in bundles/pom.xml at it.
"""
import pathlib
import re
import shutil
import sys
import zipfile

from manifests import headers
from manifests import packages as exported_packages

ROOT = pathlib.Path(__file__).resolve().parent.parent
REPO = ROOT / "baseline" / "repository" / "io" / "wardgate"
PROPERTY = re.compile(r"<wardgate.baseline.version>[^<]+</wardgate.baseline.version>")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: .ci/record-baseline.py CHECKOUT COMMIT (a built checkout of main and its commit id)")
    source, commit = pathlib.Path(sys.argv[1]).resolve(), sys.argv[2][:12]
    # A new version per recording: Maven keeps a release version it has resolved once and never fetches it again.
    version = f"0.1.0-main-{commit}"
    shutil.rmtree(REPO, ignore_errors=True)
    project_version = re.search(r"<version>([^<]+)</version>", (source / "bundles" / "pom.xml").read_text()).group(1)
    recorded = 0
    for module in sorted((source / "bundles").iterdir()):
        jar = module / "target" / f"{module.name}-{project_version}.jar"
        if not jar.is_file():
            continue
        with zipfile.ZipFile(jar) as built:
            packages = exported_packages(headers(jar).get("Export-Package", ""))
            if not packages:
                continue
            dirs = {p.replace(".", "/") + "/" for p in packages}
            target = REPO / module.name / version
            target.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(target / f"{module.name}-{version}.jar", "w", zipfile.ZIP_DEFLATED) as out:
                for entry in built.infolist():
                    parent = entry.filename.rsplit("/", 1)[0] + "/"
                    if entry.filename == "META-INF/MANIFEST.MF" or (not entry.is_dir() and parent in dirs):
                        info = zipfile.ZipInfo(entry.filename, date_time=(1980, 2, 1, 0, 0, 0))
                        info.compress_type = zipfile.ZIP_DEFLATED
                        out.writestr(info, built.read(entry))
            (target / f"{module.name}-{version}.pom").write_text(
                '<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
                f"  <modelVersion>4.0.0</modelVersion>\n  <groupId>io.wardgate</groupId>\n"
                f"  <artifactId>{module.name}</artifactId>\n  <version>{version}</version>\n</project>\n")
            recorded += 1
            print(f"{module.name}: {', '.join(sorted(packages))}")
    if recorded == 0:
        sys.exit("no bundle jars found: build the bundles first")
    pom = ROOT / "bundles" / "pom.xml"
    pom.write_text(PROPERTY.sub(f"<wardgate.baseline.version>{version}</wardgate.baseline.version>", pom.read_text()))
    print(f"recorded {recorded} bundles as version {version}; bundles/pom.xml updated")


if __name__ == "__main__":
    main()
