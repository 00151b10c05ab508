# Sourced by bin/* and .ci/run: selects a JDK >= 21 (the machine's default java may be older) and exports JAVA_HOME.
# $JAVA_HOME wins when it is new enough; else the newest JDK >= 21 under /usr/lib/jvm.

jdk_major() {
    local home="$1" v=""
    [[ -x "$home/bin/java" ]] || { echo 0; return; }
    if [[ -f "$home/release" ]]; then
        v="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$home/release")"
    fi
    if [[ -z "$v" ]]; then
        v="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
    fi
    v="${v#1.}"
    v="${v%%[.+-]*}"
    [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

find_jdk() {
    if [[ -n "${JAVA_HOME:-}" ]] && (( $(jdk_major "$JAVA_HOME") >= 21 )); then
        printf '%s\n' "$JAVA_HOME"
        return
    fi
    local best="" best_major=0 d m
    for d in /usr/lib/jvm/*; do
        [[ -d "$d" && ! -L "$d" ]] || continue
        m="$(jdk_major "$d")"
        if (( m >= 21 && m > best_major )); then
            best="$d"
            best_major="$m"
        fi
    done
    if [[ -z "$best" ]]; then
        echo "no JDK >= 21 found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm)" >&2
        return 1
    fi
    printf '%s\n' "$best"
}

JAVA_HOME="$(find_jdk)"
export JAVA_HOME
