#!/usr/bin/env bash
# Install the Debian/Ubuntu packages that Qt (PySide6), the tests and the fact sheets
# need, when they are missing. As root it installs them; otherwise it prints the one
# line to run as root and exits 1. On other systems it says what to look for.
#
#   packaging/system-deps.sh           # what `make run` and `make test` need
#   packaging/system-deps.sh --build   # plus what PyInstaller needs (`make package`)
#
# Libraries are found with ldconfig called by its path (/sbin is not on a Debian user's
# PATH) or, failing that, with dpkg-query, so the answer is the same for every user.
set -euo pipefail

build=0
case "${1:-}" in
  --build) build=1 ;;
  "") ;;
  *) echo "usage: $0 [--build]" >&2; exit 2 ;;
esac

# shared library -> Debian package that provides it
declare -A LIBS=(
  [libEGL.so.1]=libegl1
  [libGL.so.1]=libgl1
  [libOpenGL.so.0]=libopengl0
  [libxkbcommon.so.0]=libxkbcommon0
  [libfontconfig.so.1]=libfontconfig1
  [libfreetype.so.6]=libfreetype6
  [libdbus-1.so.3]=libdbus-1-3
  [libglib-2.0.so.0]=libglib2.0-0
  [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
  [libxcb-cursor.so.0]=libxcb-cursor0
  [libxcb-icccm.so.4]=libxcb-icccm4
  [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-shape.so.0]=libxcb-shape0
  [libxcb-render-util.so.0]=libxcb-render-util0
  [libxcb-image.so.0]=libxcb-image0
  [libxcb-randr.so.0]=libxcb-randr0
  [libxcb-xinerama.so.0]=libxcb-xinerama0
  [libX11-xcb.so.1]=libx11-xcb1
)
# files -> package (fonts for text in windows and PDFs, Latin and CJK)
declare -A FILES=(
  [/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf]=fonts-dejavu-core
  [/usr/share/fonts/truetype/wqy/wqy-microhei.ttc]=fonts-wqy-microhei
)
# commands -> package
declare -A COMMANDS=([make]=make)

if [ "$build" -eq 1 ]; then
  # PyInstaller reads binaries with objdump and strips them, and bundles the
  # interpreter's shared library (libpythonX.Y.so.1.0, package libpythonX.Y).
  COMMANDS[objdump]=binutils
  COMMANDS[strip]=binutils
  pyver=$("${PYTHON:-python3}" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  LIBS["libpython$pyver.so.1.0"]="libpython$pyver"
fi

ldconfig_bin=""
for candidate in /sbin/ldconfig /usr/sbin/ldconfig "$(command -v ldconfig || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then ldconfig_bin=$candidate; break; fi
done
known_libs=""
if [ -n "$ldconfig_bin" ]; then known_libs=$("$ldconfig_bin" -p 2>/dev/null || true); fi

have_lib() {  # library name, package
  if [ -n "$known_libs" ]; then
    grep -qF "$(printf "\t%s " "$1")" <<<"$known_libs"
  elif command -v dpkg-query >/dev/null; then
    [ "$(dpkg-query -W -f='${Status}' "$2" 2>/dev/null)" = "install ok installed" ]
  else
    return 1
  fi
}

missing=()
for lib in "${!LIBS[@]}"; do have_lib "$lib" "${LIBS[$lib]}" || missing+=("${LIBS[$lib]}"); done
for file in "${!FILES[@]}"; do [ -e "$file" ] || missing+=("${FILES[$file]}"); done
for cmd in "${!COMMANDS[@]}"; do command -v "$cmd" >/dev/null || missing+=("${COMMANDS[$cmd]}"); done
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
if ! command -v apt-get >/dev/null; then
  echo "This system lacks packages the program needs (install your system's equivalents): ${missing[*]}" >&2
  exit 1
fi
install_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
elif command -v sudo >/dev/null; then
  echo "Missing system packages. Run this, then the same make command again:" >&2
  echo "  sudo sh -c '$install_line'" >&2
  exit 1
else
  echo "Missing system packages. Run this as root (e.g. after \`su -\`), then the same make command again:" >&2
  echo "  $install_line" >&2
  exit 1
fi
