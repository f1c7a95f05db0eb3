# shellcheck shell=sh
# Sourced by ./mvnw, ./vectorflow and .ci/run: picks a JDK >= 21 and exports JAVA_HOME.
# Honours JAVA_HOME when it already points at a JDK >= 21; otherwise looks at the JDKs installed
# under /usr/lib/jvm and /opt/java (newest first) and at the `java` on PATH.

vf_java_major() { # prints the feature version of the JDK at $1, or nothing
  _vf_release="$1/release"
  if [ -r "$_vf_release" ]; then
    _vf_v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$_vf_release" | head -n 1)
  elif [ -x "$1/bin/java" ]; then
    _vf_v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  else
    _vf_v=
  fi
  [ -x "$1/bin/javac" ] && printf '%s\n' "$_vf_v"
}

vf_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    _vf_m=$(vf_java_major "$JAVA_HOME")
    if [ -n "$_vf_m" ] && [ "$_vf_m" -ge 21 ]; then return 0; fi
  fi
  _vf_best=; _vf_best_m=0
  _vf_path_java=$(command -v java 2>/dev/null || true)
  _vf_path_home=
  if [ -n "$_vf_path_java" ]; then
    _vf_path_home=$(dirname "$(dirname "$(readlink -f "$_vf_path_java")")")
  fi
  # callers may run with `set -f`; the candidate list needs globbing
  case $- in *f*) _vf_noglob=1; set +f ;; *) _vf_noglob= ;; esac
  for _vf_c in /usr/lib/jvm/* /opt/java/* /usr/local/java/* $_vf_path_home; do
    [ -d "$_vf_c" ] || continue
    _vf_m=$(vf_java_major "$_vf_c")
    if [ -n "$_vf_m" ] && [ "$_vf_m" -ge 21 ] && [ "$_vf_m" -gt "$_vf_best_m" ]; then
      _vf_best=$_vf_c; _vf_best_m=$_vf_m
    fi
  done
  [ -n "$_vf_noglob" ] && set -f
  if [ -z "$_vf_best" ]; then
    echo "VectorFlow needs a JDK 21 or newer (with javac) and found none." >&2
    echo "Install one (for example Debian's openjdk-21-jdk or Temurin 25) or set JAVA_HOME to it." >&2
    [ -n "${JAVA_HOME:-}" ] && echo "JAVA_HOME=$JAVA_HOME is older than 21 or not a JDK." >&2
    return 1
  fi
  JAVA_HOME=$_vf_best
  export JAVA_HOME
}

vf_find_jdk || exit 1
# JDK 24+ warns about sun.misc.Unsafe use inside Maven and Guava; silence it only there.
if [ "$(vf_java_major "$JAVA_HOME")" -ge 24 ]; then
  case " ${MAVEN_OPTS:-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
