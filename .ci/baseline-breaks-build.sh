#!/bin/sh
# Shows that bnd baselining really guards the exported packages (#16 item 4). In a throw-away copy of this
# checkout: the unchanged API bundle passes; removing a public member of io.wardgate.api without a major
# version bump fails the build with bnd's baseline report; the same change with the major bump passes.
# With --all it also builds every bundle and checks that each bundle recorded in baseline/repository was
# really compared (a report exists), so a baseline that silently cannot be resolved is caught.
# Usage: .ci/baseline-breaks-build.sh [--all]      (offline; about a minute, several with --all)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
(cd "$here" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -x -C "$copy"
cd "$copy"
api=bundles/io.wardgate.api/src/main/java/io/wardgate/api
build() { ./mvnw -o -q -pl bundles/io.wardgate.api -am verify -DskipTests >build.log 2>&1; }

build || { cat build.log; echo "FAIL: the unchanged API bundle does not pass its baseline"; exit 1; }
echo "ok: the unchanged API passes"

# An incompatible change: a public constant removed, package version left at 1.x.
sed -i '/public static final String PROPERTY = "wardgate.data";/d' "$api/DataDirectory.java"
sed -i 's/{@value #PROPERTY}/wardgate.data/' "$api/DataDirectory.java"
if build; then echo "FAIL: an incompatible change without a major bump passed the build"; exit 1; fi
grep -q "Baseline problems detected" build.log || { cat build.log; echo "FAIL: the build failed for another reason"; exit 1; }
grep -E '^\* io\.wardgate\.api +PACKAGE +MAJOR' bundles/io.wardgate.api/target/baseline/*.txt \
    || { echo "FAIL: the report does not name the MAJOR change"; exit 1; }
echo "ok: removing a public member without a major bump fails the build"

sed -i 's/@Version("1\.[0-9]*\.[0-9]*")/@Version("2.0.0")/' "$api/package-info.java"
build || { cat build.log; echo "FAIL: the same change with the major bump did not pass"; exit 1; }
echo "ok: the same change with the major version bump passes"

if [ "${1:-}" = "--all" ]; then
    rm -rf "$copy/bundles" && (cd "$here" && git ls-files -co --exclude-standard -z bundles | tar --null -T - -cf -) | tar -x -C "$copy"
    modules=$(ls -d bundles/*/ | sed 's#/$##' | paste -sd, -)
    ./mvnw -o -q -pl "$modules" -am verify -DskipTests >build.log 2>&1 || { tail -40 build.log; exit 1; }
    missing=0
    for recorded in baseline/repository/io/wardgate/*/; do
        name=$(basename "$recorded")
        ls "bundles/$name/target/baseline/"*.txt >/dev/null 2>&1 || { echo "FAIL: $name is recorded but was not baselined"; missing=1; }
    done
    [ "$missing" -eq 0 ] || exit 1
    echo "ok: every recorded bundle ($(ls -d baseline/repository/io/wardgate/*/ | wc -l)) was baselined"
fi
