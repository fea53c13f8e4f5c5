#!/usr/bin/env bash
# Install the Debian/Ubuntu packages that Qt (PySide6), the tests and the fact sheets
# need, when they are missing. As root it installs them; otherwise it prints the one
# apt-get line to run and exits 1. On other systems it says what to look for.
set -euo pipefail

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

missing=()
have_lib() { ldconfig -p 2>/dev/null | grep -qF "$(printf "\t%s " "$1")" ; }
for lib in "${!LIBS[@]}"; do have_lib "$lib" || missing+=("${LIBS[$lib]}"); done
for file in "${!FILES[@]}"; do [ -e "$file" ] || missing+=("${FILES[$file]}"); done
python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
command -v make >/dev/null || missing+=(make)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
if ! command -v apt-get >/dev/null; then
  echo "Qt needs these libraries, which this system lacks (install your system's equivalents): ${missing[*]}" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
else
  echo "Missing system packages. Run, then try again:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
