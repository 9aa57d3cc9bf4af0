#!/bin/sh
# Install Annotator @VERSION@ from this folder (the unpacked linux-x86_64 tarball).
#
#   ./install.sh                      for yourself: ~/.local (as root: /usr/local, for everyone)
#   ./install.sh --prefix DIR         somewhere else
#   ./install.sh --uninstall [--prefix DIR]
#
# Puts the app in PREFIX/lib/annotator, the command in PREFIX/bin/annotator, a menu entry in
# PREFIX/share/applications and its icons in PREFIX/share/icons/hicolor. Uninstalling removes
# exactly those; your databases (~/.local/share/Annotator) are never touched.
set -eu

VERSION=@VERSION@
HERE=$(cd "$(dirname "$0")" && pwd)

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "install.sh: $*" >&2; exit 1; }

if [ "$(id -u)" = 0 ]; then PREFIX=/usr/local; else PREFIX="$HOME/.local"; fi
ACTION=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; PREFIX=$2; shift 2 ;;
    --prefix=*) PREFIX=${1#--prefix=}; shift ;;
    --uninstall) ACTION=uninstall; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
case "$PREFIX" in /*) ;; *) PREFIX="$(pwd)/$PREFIX" ;; esac

APP="$PREFIX/lib/annotator"
BIN="$PREFIX/bin/annotator"
APPS="$PREFIX/share/applications"
ICONS="$PREFIX/share/icons/hicolor"
MANIFEST="$APP/.installed-files"

refresh_menus() {
  # menus see the new entry by themselves (it declares no MIME types, so there is no
  # desktop database to update); only refresh an icon cache that exists already
  touch "$ICONS" 2>/dev/null || true
  if [ -f "$ICONS/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f "$ICONS" 2>/dev/null || true
  fi
}

uninstall() {
  [ -x "$APP/annotator" ] || die "Annotator is not installed in $PREFIX (no $APP)"
  if [ -f "$MANIFEST" ]; then
    while IFS= read -r file; do
      [ -n "$file" ] && rm -f "$file"
    done <"$MANIFEST"
  fi
  rm -rf "$APP"
  refresh_menus
  echo "Annotator removed from $PREFIX (your databases in ~/.local/share/Annotator are kept)."
}

missing_libraries() {
  # system libraries the app loads that this machine lacks (each line: soname package)
  find "$APP/_internal" -name '*.so*' -type f -exec ldd {} + 2>/dev/null |
    sed -n 's/^[[:space:]]*\([^[:space:]]*\) => not found.*/\1/p' | sort -u |
    while IFS= read -r lib; do
      pkg=$(printf '%s\n' "$LIBRARIES" | awk -v l="$lib" '$1 == l { print $2 }')
      echo "$lib ${pkg:-?}"
    done
}

LIBRARIES='@LIBRARIES@'

install_app() {
  [ -x "$HERE/annotator/annotator" ] || die "$HERE/annotator/annotator is missing: unpack the whole tarball"
  mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$APPS" "$ICONS" 2>/dev/null ||
    die "cannot write to $PREFIX (install for yourself without sudo, or use --prefix)"
  [ -w "$PREFIX/lib" ] || die "cannot write to $PREFIX/lib (run as root, or use --prefix)"
  if [ -f "$MANIFEST" ]; then  # an older install: drop its menu entry and icons first
    while IFS= read -r file; do [ -n "$file" ] && rm -f "$file"; done <"$MANIFEST"
  fi
  rm -rf "$APP.new"
  cp -R "$HERE/annotator" "$APP.new"
  rm -rf "$APP"
  mv "$APP.new" "$APP"
  : >"$MANIFEST"

  if [ -e "$BIN" ] && [ ! -L "$BIN" ]; then
    echo "install.sh: $BIN exists and is not ours; left alone (run $APP/annotator)" >&2
  else
    ln -sf "$APP/annotator" "$BIN"
    echo "$BIN" >>"$MANIFEST"
  fi

  sed "s|^Exec=@EXEC@|Exec=\"$APP/annotator\"|" "$HERE/share/applications/annotator.desktop.in" \
    >"$APPS/annotator.desktop"
  chmod 644 "$APPS/annotator.desktop"
  echo "$APPS/annotator.desktop" >>"$MANIFEST"

  for src in "$HERE"/share/icons/hicolor/*/apps/annotator.*; do
    size=$(basename "$(dirname "$(dirname "$src")")")
    mkdir -p "$ICONS/$size/apps"
    cp "$src" "$ICONS/$size/apps/"
    echo "$ICONS/$size/apps/$(basename "$src")" >>"$MANIFEST"
  done
  refresh_menus

  echo "Annotator $VERSION installed in $APP"
  echo "  menu entry: $APPS/annotator.desktop"
  echo "  command:    $BIN"
  case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "  ($PREFIX/bin is not on your PATH)" ;; esac
  echo "  remove:     $0 --uninstall$( [ "$PREFIX" = "$HOME/.local" ] || [ "$PREFIX" = /usr/local ] || printf ' --prefix %s' "$PREFIX")"

  missing=$(missing_libraries)
  if [ -n "$missing" ]; then
    echo "" >&2
    echo "install.sh: warning: this system lacks libraries the app loads:" >&2
    printf '%s\n' "$missing" | sed 's/ .*//; s/^/  /' >&2
    pkgs=$(printf '%s\n' "$missing" | awk '$2 != "?" { print $2 }' | sort -u | tr '\n' ' ')
    [ -n "$pkgs" ] && echo "  on Debian/Ubuntu: sudo apt-get install $pkgs" >&2
    echo "  (libwayland-* matter only in a Wayland session)" >&2
  fi
}

if [ "$ACTION" = uninstall ]; then uninstall; else install_app; fi
