#!/usr/bin/env bash
# Install CCN Desktop for the current user, without root, from the one-folder build.
#
#   ./install.sh               install (or upgrade) into ~/.local
#   ./install.sh --uninstall   remove the program; the catalogue and its backups stay
#   ./install.sh --prefix DIR  use DIR instead of ~/.local
#
# Run it from the built folder (dist/ccn-desktop/install.sh, e.g. on a USB stick) or
# from packaging/linux/ in a source tree after `packaging/build`. It puts:
#   the program          DIR/opt/ccn-desktop/
#   a launcher           DIR/bin/ccn-desktop
#   the menu entry       DIR/share/applications/org.unesco.ccn_desktop.desktop
#   software-centre info DIR/share/metainfo/org.unesco.ccn_desktop.metainfo.xml
#   the icon             DIR/share/icons/hicolor/<size>/apps/org.unesco.ccn_desktop.{png,svg}
# The catalogue is never in these places (see docs/install.md, "Where files live").
set -euo pipefail

APP_ID=org.unesco.ccn_desktop
PREFIX="${HOME}/.local"
ACTION=install
while [ $# -gt 0 ]; do
  case "$1" in
    --uninstall) ACTION=uninstall ;;
    --prefix) PREFIX="${2:?--prefix needs a folder}"; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

DEST="$PREFIX/opt/ccn-desktop"
LAUNCHER="$PREFIX/bin/ccn-desktop"
SHARE="$PREFIX/share"
LAUNCHER_MARK="# CCN Desktop launcher, made by install.sh"

refresh_caches() {
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null && [ -e "$SHARE/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "$ACTION" = uninstall ]; then
  rm -f "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
  for icon in "$SHARE"/icons/hicolor/*/apps/"$APP_ID".png "$SHARE"/icons/hicolor/*/apps/"$APP_ID".svg; do
    rm -f "$icon"
  done
  if [ -f "$LAUNCHER" ] && grep -qF "$LAUNCHER_MARK" "$LAUNCHER"; then
    rm -f "$LAUNCHER"
  fi
  rm -rf "$DEST"
  refresh_caches
  echo "CCN Desktop was removed from $PREFIX."
  echo "Your catalogue, office key and backups were kept (ccn-desktop info shows where they"
  echo "were; on Linux usually ~/.local/share/ccn-desktop). Delete that folder yourself only"
  echo "once you are sure you no longer need them."
  exit 0
fi

# The built program: this script's own folder, or dist/ccn-desktop in a source tree.
here="$(cd "$(dirname "$0")" && pwd)"
if [ -x "$here/ccn-desktop" ] && [ -d "$here/_internal" ]; then
  APP="$here"
elif [ -x "$here/../../dist/ccn-desktop/ccn-desktop" ]; then
  APP="$(cd "$here/../../dist/ccn-desktop" && pwd)"
else
  echo "install.sh: no built program beside this script; run packaging/build first." >&2
  exit 1
fi
if [ ! -f "$APP/share/applications/$APP_ID.desktop" ]; then
  echo "install.sh: $APP/share/ is missing; the build is incomplete." >&2
  exit 1
fi
version="$("$APP/ccn-desktop" --version)" || {
  echo "install.sh: $APP/ccn-desktop does not start on this computer." >&2
  exit 1
}

# Copy into a new folder first, then swap it in: an interrupted copy leaves the old one.
# A portable stick's data (ccn-data/) and its `portable` marker are not copied.
mkdir -p "$PREFIX/opt"
staging="$(mktemp -d "$PREFIX/opt/.ccn-desktop.new.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
tar -C "$APP" --exclude=./ccn-data --exclude=./portable -cf - . | tar -C "$staging" -xf -
rm -rf "$DEST"
mv "$staging" "$DEST"
trap - EXIT

mkdir -p "$PREFIX/bin" "$SHARE/applications" "$SHARE/metainfo"
printf '#!/bin/sh\n%s\nexec "%s/ccn-desktop" "$@"\n' "$LAUNCHER_MARK" "$DEST" >"$LAUNCHER"
chmod 755 "$LAUNCHER"

sed -e "s|^Exec=.*|Exec=\"$DEST/ccn-desktop\"|" -e "s|^TryExec=.*|TryExec=$DEST/ccn-desktop|" \
  "$APP/share/applications/$APP_ID.desktop" >"$SHARE/applications/$APP_ID.desktop"
cp "$APP/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
(cd "$APP/share/icons" && find hicolor -type f -name "$APP_ID.*") | while read -r icon; do
  mkdir -p "$SHARE/icons/$(dirname "$icon")"
  cp "$APP/share/icons/$icon" "$SHARE/icons/$icon"
done
refresh_caches

echo "Installed $version in $DEST."
echo "Start it from the applications menu (CCN Desktop), or run: $LAUNCHER"
case ":$PATH:" in
  *":$PREFIX/bin:"*) ;;
  *) echo "Note: $PREFIX/bin is not on your PATH; the menu entry works all the same." ;;
esac
