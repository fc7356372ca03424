#!/usr/bin/env bash
# The frozen app built inside a Debian 11 (bullseye, glibc 2.31) root, so the package starts on
# UOS 20 / Kylin V10 class systems, whose glibc is older than the build machine's.
#
#     bash installer/linux/compat_build.sh OUT_DIR      (run as root; called by build-linux.sh --compat)
#
# The root (bullseye + Python 3.11 built from Debian's upstream tarball) is made once with
# debootstrap and kept as a tarball OUTSIDE the clone, in $PSYROOM_COMPAT_CACHE
# (default ~/.cache/psyroom-compat), because bullseye may leave the mirror one day.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="${1:?usage: compat_build.sh OUT_DIR}"
CACHE="${PSYROOM_COMPAT_CACHE:-$HOME/.cache/psyroom-compat}"
MIRROR="${PSYROOM_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
TARBALL="$CACHE/bullseye-python3.11-root.tar.gz"
CHROOT="$CACHE/root"
PY=/opt/python3.11/bin/python3.11

[[ $(id -u) -eq 0 ]] || { echo "error: the compat build needs root (debootstrap, chroot)" >&2; exit 1; }
mkdir -p "$CACHE"

# Build dependencies of CPython and what PyInstaller's Qt hooks load while analysing PySide6.
PACKAGES="build-essential,ca-certificates,xz-utils,libssl-dev,zlib1g-dev,libffi-dev,\
libsqlite3-dev,libbz2-dev,liblzma-dev,libreadline-dev,uuid-dev,libgdbm-dev,libncurses-dev,\
libglib2.0-0,libfontconfig1,libfreetype6,libegl1,libgl1,libxkbcommon0,libdbus-1-3,libx11-6,\
libx11-xcb1,libxcb1,binutils"

unmount_all() {
    for m in root/.cache/pip dev/pts dev proc; do umount "$CHROOT/$m" 2>/dev/null || true; done
}
trap unmount_all EXIT

fetch_python_source() {
    # Debian's own python3.11 source package (bookworm) carries the upstream tarball as
    # its .orig; only the source index is needed, through a private apt configuration.
    local dir="$CACHE/src"
    if compgen -G "$dir/python3.11_*.orig.tar.*" >/dev/null; then return; fi
    mkdir -p "$dir/lists/partial" "$dir/etc"
    echo "deb-src $MIRROR bookworm main" > "$dir/etc/sources.list"
    local opts=(-o "Dir::Etc::SourceList=$dir/etc/sources.list" -o "Dir::Etc::SourceParts=-"
                -o "Dir::State::Lists=$dir/lists")
    apt-get "${opts[@]}" update -qq
    (cd "$dir" && apt-get "${opts[@]}" source --download-only -qq python3.11)
}

make_root() {
    if [[ ! -f "$CHROOT/.debootstrap-done" ]]; then
        command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap
        rm -rf "$CHROOT"
        debootstrap --variant=minbase --include="$PACKAGES" bullseye "$CHROOT" "$MIRROR"
        touch "$CHROOT/.debootstrap-done"
    fi
    fetch_python_source
    cp "$CACHE"/src/python3.11_*.orig.tar.* "$CHROOT/tmp/"
    # --enable-shared for PyInstaller; no PGO/LTO: the test-suite-driven builds take hours.
    chroot "$CHROOT" /bin/bash -c "set -e; cd /tmp; tar xf python3.11_*.orig.tar.*; \
        cd Python-3.11*/; ./configure -q --prefix=/opt/python3.11 --enable-shared \
        LDFLAGS='-Wl,-rpath,/opt/python3.11/lib'; make -s -j$(nproc); make -s install; \
        cd /tmp; rm -rf Python-3.11* python3.11_*"
    tar czf "$TARBALL.part" -C "$CHROOT" .
    mv "$TARBALL.part" "$TARBALL"
}

if [[ ! -x "$CHROOT$PY" ]]; then
    if [[ -f "$TARBALL" ]]; then
        rm -rf "$CHROOT"; mkdir -p "$CHROOT"; tar xzf "$TARBALL" -C "$CHROOT"
    else
        make_root
    fi
fi

mount --bind /dev "$CHROOT/dev"; mount --bind /dev/pts "$CHROOT/dev/pts"
mount -t proc proc "$CHROOT/proc"
# Downloaded wheels are kept beside the root tarball, so a rebuild downloads nothing.
mkdir -p "$CACHE/pip" "$CHROOT/root/.cache/pip"
mount --bind "$CACHE/pip" "$CHROOT/root/.cache/pip"
cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"
# The host's CA bundle, which holds whatever CA a company proxy or mirror uses.
cp /etc/ssl/certs/ca-certificates.crt "$CHROOT/etc/ssl/certs/build-host-ca.crt"

# The tracked sources only: no venv, no data, no earlier build output.
rm -rf "$CHROOT/build"; mkdir -p "$CHROOT/build/src"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
    | xargs -0 tar cf - 2>/dev/null) | tar xf - -C "$CHROOT/build/src"

# A clean environment: the host's pip settings (local wheel folders, constraints) do not
# exist inside the root.
chroot "$CHROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    PIP_CERT=/etc/ssl/certs/build-host-ca.crt ${PIP_INDEX_URL:+PIP_INDEX_URL=$PIP_INDEX_URL} \
    /bin/bash -c "set -e; $PY -m venv /build/venv; \
    /build/venv/bin/pip install -q --disable-pip-version-check '/build/src[gui]' \
        'pyinstaller>=6.10,<7'; \
    cd /build/src; /build/venv/bin/python -m PyInstaller --noconfirm --clean \
        --distpath /build/dist --workpath /build/work installer/psyroom.spec >/build/pyinstaller.log 2>&1 \
    || { tail -30 /build/pyinstaller.log; exit 1; }"

rm -rf "$OUT/PsyRoom"; mkdir -p "$OUT"
cp -a "$CHROOT/build/dist/PsyRoom" "$OUT/PsyRoom"
