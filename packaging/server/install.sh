#!/usr/bin/env bash
# Installs the VectorFlow server as a systemd service running as the unprivileged user "vectorflow".
#   sudo ./install.sh [--host 0.0.0.0] [--port 8080] [--data-dir /var/lib/vectorflow] \
#        [--database-url jdbc:postgresql://db:5432/vectorflow --database-user vf] [--jar path]
# The database password, if any, is read from VF_DATABASE_PASSWORD (never from the command line).
# Settings go to /etc/vectorflow/server.env (0600); an existing file is kept and only the given settings change.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
host='' port='' database_url='' database_user=''
default_data_dir=/var/lib/vectorflow
data_dir=$default_data_dir
jar="$here/vectorflow-server.jar"
[ -f "$jar" ] || jar="$here/../../app-server/target/vectorflow-server.jar"
env_file=/etc/vectorflow/server.env

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --host) host=${2:?--host needs a value}; shift 2 ;;
    --port) port=${2:?--port needs a value}; shift 2 ;;
    --data-dir) data_dir=${2:?--data-dir needs a value}; shift 2 ;;
    --database-url) database_url=${2:?--database-url needs a value}; shift 2 ;;
    --database-user) database_user=${2:?--database-user needs a value}; shift 2 ;;
    --jar) jar=${2:?--jar needs a value}; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
case "$port" in
  '') ;;
  *[!0-9]*) echo "--port must be a number from 1 to 65535 but was '$port'" >&2; exit 2 ;;
  *) if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then echo "--port must be a number from 1 to 65535 but was '$port'" >&2; exit 2; fi ;;
esac
case "$database_url" in
  ''|jdbc:postgresql://*) ;;
  *) echo "--database-url must start with jdbc:postgresql:// but was '$database_url'" >&2; exit 2 ;;
esac
# the unit protects /usr, /etc, /boot (read-only) and home directories (ProtectSystem=full, ProtectHome=yes)
case "$data_dir" in
  /*) ;;
  *) echo "--data-dir must be an absolute path but was '$data_dir'" >&2; exit 2 ;;
esac
case "$data_dir" in
  /usr|/usr/*|/etc|/etc/*|/boot|/boot/*|/home|/home/*|/root|/root/*|/run/user|/run/user/*)
    echo "--data-dir cannot be under /usr, /etc, /boot or a home directory: the service may not write there ($data_dir)" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "run as root (it creates a user, /opt/vectorflow and a systemd unit)" >&2; exit 1; }
[ -f "$jar" ] || { echo "no server jar at $jar (build it: ./mvnw -DskipTests package, or pass --jar)" >&2; exit 1; }
# the jar names its libraries in lib/ beside it
lib="$(dirname "$jar")/lib"
[ -d "$lib" ] || { echo "no lib/ directory beside $jar (the server jar needs its libraries there)" >&2; exit 1; }
command -v systemctl >/dev/null || { echo "systemd is required" >&2; exit 1; }

if ! id vectorflow >/dev/null 2>&1; then
  useradd --system --home-dir "$default_data_dir" --shell /usr/sbin/nologin vectorflow
fi
install -d -m 0755 /opt/vectorflow
install -m 0644 "$jar" /opt/vectorflow/vectorflow-server.jar
rm -rf /opt/vectorflow/lib
install -d -m 0755 /opt/vectorflow/lib
install -m 0644 "$lib"/*.jar /opt/vectorflow/lib/
install -m 0755 "$here/vectorflow-server" /opt/vectorflow/vectorflow-server
install -d -m 0700 -o vectorflow -g vectorflow "$default_data_dir" "$data_dir"
install -d -m 0755 /etc/vectorflow
umask 077
touch "$env_file"
chmod 0600 "$env_file"
set_setting() { # set_setting NAME VALUE: replaces or appends NAME=VALUE in the environment file
  local name=$1 value=$2 rest
  rest=$(grep -v "^$name=" "$env_file" || true)
  { [ -n "$rest" ] && printf '%s\n' "$rest"; printf '%s=%s\n' "$name" "$value"; } > "$env_file.new"
  chmod 0600 "$env_file.new"
  mv -f "$env_file.new" "$env_file"
}
[ -n "$host" ] && set_setting VF_HTTP_HOST "$host"
[ -n "$port" ] && set_setting VF_HTTP_PORT "$port"
[ "$data_dir" != "$default_data_dir" ] && set_setting VF_DATA_DIR "$data_dir"
[ -n "$database_url" ] && set_setting VF_DATABASE_URL "$database_url"
[ -n "$database_user" ] && set_setting VF_DATABASE_USER "$database_user"
[ -n "${VF_DATABASE_PASSWORD:-}" ] && set_setting VF_DATABASE_PASSWORD "$VF_DATABASE_PASSWORD"
install -m 0644 "$here/vectorflow-server.service" /etc/systemd/system/vectorflow-server.service
systemctl daemon-reload
systemctl enable --now vectorflow-server.service
echo "VectorFlow server installed and started: journalctl -u vectorflow-server -f"
echo "Its first start logs a one-time link that creates the first admin: journalctl -u vectorflow-server | grep setup"
