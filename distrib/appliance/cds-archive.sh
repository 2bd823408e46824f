#!/usr/bin/env bash
# Package step: an application class-data sharing archive (target/wardgate.jsa) for target/wardgate.jar.
# The appliance is started once without configuration with -XX:ArchiveClassesAtExit, stopped with SIGTERM
# as soon as it logs "WardGate ready", and the JVM writes the classes it loaded into the archive. A later
# start with -XX:SharedArchiveFile=target/wardgate.jsa maps them instead of parsing and verifying them
# again (docs/benchmarks.md, "Footprint and start-up"). JDK 17 accepts the archive only for the same JDK
# build and the jar at the same absolute path, so it serves this build tree (./wardgate, the demo);
# an installed gateway would make its own. An archive that cannot be made is a warning, not a failure:
# the appliance runs the same without it. Skip with -Dwardgate.cds.skip=true.
set -u
target="${1:?usage: cds-archive.sh TARGET_DIR}"
jar="$target/wardgate.jar"
jsa="$target/wardgate.jsa"
work="$target/cds-training"
rm -rf "$work" "$jsa"
mkdir -p "$work/data/tmp" "$work/conf"
java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m \
  -XX:ArchiveClassesAtExit="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -Dlaunch.storage.dir="$work/data/framework" -Dwardgate.data="$work/data" -Dfelix.fileinstall.dir="$work/conf" \
  -Djava.io.tmpdir="$work/data/tmp" -Dorg.sqlite.tmpdir="$work/data/tmp" -jar "$jar" >"$work/training.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  grep -q "WardGate ready" "$work/training.log" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -TERM "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ -s "$jsa" ]; then
  echo "cds-archive: $jsa ($(stat -c %s "$jsa") bytes)"
else
  echo "cds-archive: WARNING: no class-data sharing archive was written; see $work/training.log" >&2
fi
exit 0
