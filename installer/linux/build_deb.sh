#!/usr/bin/env bash
# Build dist/psyroom_<version>_<arch>.deb from the PyInstaller one-folder output.
#
#     .venv/bin/python -m PyInstaller --noconfirm --clean installer/psyroom.spec
#     bash installer/linux/build_deb.sh [BUNDLE_DIR [OUT_DIR]]     (default dist/PsyRoom, dist)
#
# Installs the app under /opt/psyroom, launchers /usr/bin/psyroom-desktop (the app) and
# /usr/bin/psyroom (the command), and a menu entry named 心理服务室. Needs dpkg-deb (Debian/Ubuntu). Records stay in each user's
# ~/.local/share/PsyRoom, which removing the package leaves alone.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/dist/PsyRoom}" 2>/dev/null && pwd || echo "${1:-$ROOT/dist/PsyRoom}")"
OUT_DIR="${2:-$ROOT/dist}"
if [[ ! -x "$BUNDLE/psyroom-desktop" || ! -x "$BUNDLE/psyroom" ]]; then
    echo "error: $BUNDLE/psyroom-desktop not found; run PyInstaller with installer/psyroom.spec first" >&2
    exit 1
fi
command -v dpkg-deb >/dev/null || { echo "error: dpkg-deb is needed (apt-get install dpkg)" >&2; exit 1; }

# The one place the version is written (pyproject.toml reads it from there too).
VERSION="$(sed -n 's/^__version__ *= *"\(.*\)"/\1/p' "$ROOT/psyroom/__init__.py" | head -n1)"
ARCH="$(dpkg --print-architecture)"
# The libraries the PySide6 wheel's Qt links from the system for the xcb (X11) platform;
# Qt >= 6.5 will not start on X11 without libxcb-cursor0; printing goes through libcups2.
DEPENDS="libc6, libcups2, libegl1, libgl1, libglib2.0-0, libdbus-1-3, libfontconfig1, libfreetype6, \
libxkbcommon0, libxkbcommon-x11-0, libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, \
libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, \
libxcb-shape0, libxcb-xfixes0, libxcb-xinerama0, libxcb-xkb1"

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/psyroom_${VERSION}_${ARCH}"

mkdir -p "$PKG/DEBIAN" "$PKG/opt/psyroom" "$PKG/usr/bin" "$PKG/usr/share/applications"
cp -a "$BUNDLE/." "$PKG/opt/psyroom/"

# Launcher scripts rather than symlinks: PyInstaller finds _internal/ relative to the real
# executable, and a script keeps that obvious. Both programs come from the same frozen build.
for prog in psyroom-desktop psyroom; do
    printf '#!/bin/sh\nexec /opt/psyroom/%s "$@"\n' "$prog" > "$PKG/usr/bin/$prog"
    chmod 0755 "$PKG/usr/bin/$prog"
done

ICON_LINE="Icon=psyroom"
mkdir -p "$PKG/usr/share/icons/hicolor/256x256/apps" "$PKG/usr/share/icons/hicolor/scalable/apps"
cp "$ROOT/resources/icons/psyroom.png" "$PKG/usr/share/icons/hicolor/256x256/apps/psyroom.png"
cp "$ROOT/resources/icons/psyroom.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/psyroom.svg"

cat > "$PKG/usr/share/applications/psyroom.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Version=1.0
Name=PsyRoom 心理服务室
Name[zh_CN]=心理服务室
GenericName=Counselling room records
GenericName[zh_CN]=心理服务记录
Comment=Offline records for community psychological counselling rooms
Comment[zh_CN]=社区心理服务室离线工作记录
Exec=/usr/bin/psyroom-desktop
$ICON_LINE
Terminal=false
Categories=Office;
StartupWMClass=PsyRoom
DESKTOP

INSTALLED_KB="$(du -sk "$PKG" | cut -f1)"
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: psyroom
Version: $VERSION
Section: misc
Priority: optional
Architecture: $ARCH
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Maintainer: PsyRoom developers <psyroom@localhost>
Description: PsyRoom 心理服务室 - offline records for counselling rooms
 Encrypted (SQLCipher) offline records for community psychological counselling
 rooms and the offices that supervise them.
CONTROL

mkdir -p "$OUT_DIR"
OUT="$OUT_DIR/psyroom_${VERSION}_${ARCH}.deb"
# xz, not zstd: the dpkg of UOS 20 / Kylin V10 cannot unpack zstd members.
# PSYROOM_DEB_XZ_LEVEL trades size for time (tests that only install it use a low level).
dpkg-deb --root-owner-group -Zxz -z"${PSYROOM_DEB_XZ_LEVEL:-6}" --build "$PKG" "$OUT" >&2
echo "$OUT"
