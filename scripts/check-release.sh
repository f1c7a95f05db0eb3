#!/usr/bin/env bash
# Checks what the Maven build cannot: the shell scripts pass shellcheck, and `./vectorflow dist` (on the jars that
# `./mvnw verify` just built) makes artifacts whose SHA-256 sums hold, whose agent signature OpenSSL verifies with
# the key's public half, and whose server tarball starts. Run by .ci/run after the tests.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

scripts=(vectorflow mvnw .ci/run scripts/jdk.sh scripts/check-release.sh bench/run bench/heartbeats bench/agent-footprint bench/cpu-split
         packaging/agent/install.sh packaging/agent/vectorflow-agent packaging/server/install.sh packaging/server/vectorflow-server
         packaging/cli/vectorflow-ctl)
echo "shellcheck ${#scripts[@]} scripts ..."
shellcheck -S warning "${scripts[@]}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./vectorflow release keygen --out "$work/release.key" > "$work/keygen.txt"
VF_DIST_NO_BUILD=1 ./vectorflow dist --signing-key "$work/release.key" --out "$work/dist" \
    --download-url https://downloads.example.com/vectorflow-agent.jar > "$work/dist.txt"
(cd "$work/dist" && sha256sum --quiet -c SHA256SUMS)
openssl pkey -in "$work/release.key" -pubout -out "$work/release.pub"
# the public key keygen printed for VF_UPDATE_PUBLIC_KEY is the same key, as X.509 DER
[ "$(sed -n 's/^VF_UPDATE_PUBLIC_KEY=//p' "$work/keygen.txt")" = "$(openssl pkey -pubin -in "$work/release.pub" -outform DER | base64 -w0)" ]
base64 -d "$work/dist/vectorflow-agent.jar.sig" > "$work/signature.bin"
openssl pkeyutl -verify -pubin -inkey "$work/release.pub" -rawin -in "$work/dist/vectorflow-agent.jar" -sigfile "$work/signature.bin" >/dev/null
grep -q '"checksum": "sha256:'"$(sha256sum "$work/dist/vectorflow-agent.jar" | cut -d' ' -f1)"'"' "$work/dist/agent-release.json"
mkdir "$work/unpacked"
tar -C "$work/unpacked" -xzf "$work/dist"/vectorflow-server-*.tar.gz
tar -C "$work/unpacked" -xzf "$work/dist"/vectorflow-agent-*.tar.gz
tar -C "$work/unpacked" -xzf "$work/dist"/vectorflow-ctl-*.tar.gz
server_dir=$(find "$work/unpacked" -maxdepth 1 -name 'vectorflow-server-*')
agent_dir=$(find "$work/unpacked" -maxdepth 1 -name 'vectorflow-agent-*')
"$server_dir/vectorflow-server" version | grep -q '^vectorflow '
ctl_dir=$(find "$work/unpacked" -maxdepth 1 -name 'vectorflow-ctl-*')
"$ctl_dir/vectorflow-ctl" --help | grep -q 'apply'
[ -x "$agent_dir/vectorflow-agent" ] && [ -f "$agent_dir/vectorflow-agent.jar" ] && [ -f "$agent_dir/install.sh" ]
echo "release check passed: $(cd "$work/dist" && wc -l < SHA256SUMS) artifacts summed, agent signature verified by OpenSSL, server and ctl tarballs start"
