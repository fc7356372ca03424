#!/usr/bin/env bash
# Build the Debian/UOS/Kylin package from a fresh clone, in one command:
#
#     bash installer/build-linux.sh            # host build (for testing on this machine)
#     bash installer/build-linux.sh --compat   # release build: inside Debian 11, glibc <= 2.31
#
# Writes dist/psyroom_<version>_<arch>.deb and prints its size, the build time and the glibc
# floor (the oldest glibc the package starts on). The host build makes its own build venv
# (build/venv, reused while pyproject.toml is unchanged); the compat build needs root.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
COMPAT=0
for arg in "$@"; do
    case "$arg" in
        --compat) COMPAT=1 ;;
        *) echo "usage: bash installer/build-linux.sh [--compat]" >&2; exit 2 ;;
    esac
done
STARTED=$(date +%s)
PYTHON="${PYTHON:-python3}"
rm -rf dist/PsyRoom

if [[ $COMPAT -eq 1 ]]; then
    bash installer/linux/compat_build.sh dist
else
    VENV="${PSYROOM_BUILD_VENV:-build/venv}"
    mkdir -p build
    STAMP="$VENV/.pyproject.sha256"
    WANT="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [[ ! -x "$VENV/bin/python" || "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]]; then
        rm -rf "$VENV"
        "$PYTHON" -m venv "$VENV"
        "$VENV/bin/pip" install -q --disable-pip-version-check ".[gui]" "pyinstaller>=6.10,<7" \
            2>build/pip.log || { cat build/pip.log >&2; exit 1; }
        echo "$WANT" > "$STAMP"
    else
        # Same dependencies: only this tree's own code changes between builds.
        "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --force-reinstall . \
            2>build/pip.log || { cat build/pip.log >&2; exit 1; }
    fi
    "$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
        --distpath dist --workpath build/pyinstaller installer/psyroom.spec
fi

DEB="$(bash installer/linux/build_deb.sh dist/PsyRoom dist)"
FLOOR_ARGS=()
[[ $COMPAT -eq 1 ]] && FLOOR_ARGS=(--max 2.31)
if ! FLOOR="$("$PYTHON" installer/linux/glibc_floor.py dist/PsyRoom "${FLOOR_ARGS[@]}")"; then
    rm -f "$DEB"   # a release package that cannot start on the target must not be left behind
    exit 1
fi
echo "package:    $DEB ($(du -h "$DEB" | cut -f1), installed $(du -sh dist/PsyRoom | cut -f1))"
echo "build time: $(( $(date +%s) - STARTED )) s"
echo "$FLOOR"
