#!/bin/bash
# SealBenchmark with the gateway's signing key in a token, next to the file key: a SoftHSM2 token and a
# software TPM 2.0 (swtpm) with tpm2-pkcs11, both made here in a temporary directory and removed after.
# Usage: benchmarks/tokens.sh [JMH options]   (after ./mvnw -o -q -pl benchmarks -am package -DskipTests)
# e.g.   benchmarks/tokens.sh -wi 2 -w 1 -i 3 -r 2 -p batchSize=1,100
# Needs: softhsm2, swtpm, libtpm2-pkcs11-1, opensc (pkcs11-tool). A software TPM is not a real one: on a
# board, BENCH_TPM_TCTI=device:/dev/tpmrm0 benchmarks/tokens.sh uses the board's TPM instead of swtpm (a
# throwaway token in a temporary store; its keys are made under the TPM's owner hierarchy).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
[ -f "$jar" ] || { echo "build first: ./mvnw -o -q -pl benchmarks -am package -DskipTests" >&2; exit 2; }
softhsm=/usr/lib/softhsm/libsofthsm2.so
tpm="$(ls /usr/lib/*/pkcs11/libtpm2_pkcs11.so 2>/dev/null | head -n 1)"
[ -n "$tpm" ] || { echo "missing tpm2-pkcs11 (libtpm2-pkcs11-1)" >&2; exit 2; }
for tool in softhsm2-util swtpm pkcs11-tool; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 2; }
done

work="$(mktemp -d)"
swtpm_pid=""
cleanup() { [ -n "$swtpm_pid" ] && kill "$swtpm_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
pin="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
so_pin="so-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf '%s' "$pin" > "$work/pin"
chmod 0400 "$work/pin"

# SoftHSM2: its own configuration and token directory.
mkdir -p "$work/softhsm"
export SOFTHSM2_CONF="$work/softhsm/softhsm2.conf"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$work/softhsm" > "$SOFTHSM2_CONF"
softhsm_slot="$(softhsm2-util --init-token --free --label bench --so-pin "$so_pin" --pin "$pin" \
  | sed -n 's/.*reassigned to slot \([0-9]*\).*/\1/p')"

# swtpm on a free loopback port pair (or the board's TPM), and a tpm2-pkcs11 token on it.
mkdir -p "$work/tpm" "$work/tpm2-store"
if [ -n "${BENCH_TPM_TCTI:-}" ]; then
  export TPM2_PKCS11_TCTI="$BENCH_TPM_TCTI"
else
  port=$(( 30000 + RANDOM % 20000 ))
  swtpm socket --tpm2 --server "type=tcp,port=$port,bindaddr=127.0.0.1" \
    --ctrl "type=tcp,port=$((port + 1)),bindaddr=127.0.0.1" --tpmstate "dir=$work/tpm" \
    --flags not-need-init,startup-clear &
  swtpm_pid=$!
  sleep 1
  export TPM2_PKCS11_TCTI="swtpm:host=127.0.0.1,port=$port"
fi
export TPM2_PKCS11_STORE="$work/tpm2-store" TSS2_LOG=all+NONE
pkcs11-tool --module "$tpm" --init-token --label bench --so-pin "$so_pin" >/dev/null
pkcs11-tool --module "$tpm" --token-label bench --login --login-type so --so-pin "$so_pin" --init-pin --pin "$pin" >/dev/null

export WARDGATE_BENCH_PKCS11_PIN_FILE="$work/pin"
echo "== file key"
java -jar "$jar" 'SealBenchmark.seal' -p algorithm=AES_256_GCM -p keyStorage=file "$@"
echo "== SoftHSM2 (slot $softhsm_slot)"
WARDGATE_BENCH_PKCS11_MODULE="$softhsm" WARDGATE_BENCH_PKCS11_SLOT="$softhsm_slot" \
  java -jar "$jar" 'SealBenchmark.seal' -p algorithm=AES_256_GCM -p keyStorage=pkcs11 "$@"
echo "== TPM ($TPM2_PKCS11_TCTI) through tpm2-pkcs11 (slot 1)"
WARDGATE_BENCH_PKCS11_MODULE="$tpm" WARDGATE_BENCH_PKCS11_SLOT=1 \
  java -jar "$jar" 'SealBenchmark.seal' -p algorithm=AES_256_GCM -p keyStorage=pkcs11 "$@"
