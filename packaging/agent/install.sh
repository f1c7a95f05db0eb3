#!/usr/bin/env bash
# Installs the VectorFlow agent as a systemd service running as the unprivileged user "vectorflow".
#   sudo ./install.sh --url https://vectorflow.example.com --token <enrollment token> [--labels role=edge,zone=a] \
#        [--vector-bin /usr/bin/vector] [--data-dir /var/lib/vectorflow-agent] [--update-public-key <base64>] [--jar path]
# The enrollment token is used once: the agent stores its node token in the data directory (0600).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
url='' token='' labels='' vector_bin='' update_key=''
default_data_dir=/var/lib/vectorflow-agent
data_dir=$default_data_dir
jar="$here/vectorflow-agent.jar"
[ -f "$jar" ] || jar="$here/../../agent-runtime/target/vectorflow-agent.jar"

usage() { sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url=${2:?--url needs a value}; shift 2 ;;
    --token) token=${2:?--token needs a value}; shift 2 ;;
    --labels) labels=${2:?--labels needs a value}; shift 2 ;;
    --vector-bin) vector_bin=${2:?--vector-bin needs a value}; shift 2 ;;
    --data-dir) data_dir=${2:?--data-dir needs a value}; shift 2 ;;
    --update-public-key) update_key=${2:?--update-public-key needs a value}; shift 2 ;;
    --jar) jar=${2:?--jar needs a value}; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
[ -n "$url" ] || { echo "--url is required" >&2; usage; }
# the unit protects /usr, /etc, /boot (read-only) and home directories (ProtectSystem=full, ProtectHome=read-only)
case "$data_dir" in
  /*) ;;
  *) echo "--data-dir must be an absolute path but was '$data_dir'" >&2; exit 2 ;;
esac
case "$data_dir" in
  /usr|/usr/*|/etc|/etc/*|/boot|/boot/*|/home|/home/*|/root|/root/*|/run/user|/run/user/*)
    echo "--data-dir cannot be under /usr, /etc, /boot or a home directory: the service may not write there ($data_dir)" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "run as root (it creates a user, /opt/vectorflow-agent and a systemd unit)" >&2; exit 1; }
[ -f "$jar" ] || { echo "no agent jar at $jar (build it: ./mvnw -pl agent-runtime -am package, or pass --jar)" >&2; exit 1; }
command -v systemctl >/dev/null || { echo "systemd is required" >&2; exit 1; }

if ! id vectorflow >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/vectorflow-agent --shell /usr/sbin/nologin vectorflow
fi
install -d -m 0755 /opt/vectorflow-agent
install -m 0644 "$jar" /opt/vectorflow-agent/vectorflow-agent.jar
install -m 0755 "$here/vectorflow-agent" /opt/vectorflow-agent/vectorflow-agent
# the agent swaps its own jar on a self-update
chown vectorflow:vectorflow /opt/vectorflow-agent /opt/vectorflow-agent/vectorflow-agent.jar
install -d -m 0700 -o vectorflow -g vectorflow /var/lib/vectorflow-agent "$data_dir"
install -d -m 0755 /etc/vectorflow-agent
umask 077
{
  echo "VF_URL=$url"
  [ -n "$token" ] && echo "VF_TOKEN=$token"
  [ -n "$labels" ] && echo "VF_NODE_LABELS=$labels"
  [ -n "$vector_bin" ] && echo "VF_VECTOR_BIN=$vector_bin"
  [ "$data_dir" != "$default_data_dir" ] && echo "VF_DATA_DIR=$data_dir"
  [ -n "$update_key" ] && echo "VF_UPDATE_PUBLIC_KEY=$update_key"
  true
} > /etc/vectorflow-agent/agent.env
chmod 0600 /etc/vectorflow-agent/agent.env
install -m 0644 "$here/vectorflow-agent.service" /etc/systemd/system/vectorflow-agent.service
systemctl daemon-reload
systemctl enable --now vectorflow-agent.service
echo "VectorFlow agent installed and started: journalctl -u vectorflow-agent -f"
