#!/bin/sh
# Install Coverage Planner from this unpacked folder.
#   sudo ./install.sh            for all users: /opt/coverage-planner, the menu entry in
#                                /usr/local/share/applications, the command in /usr/local/bin
#   ./install.sh --user          for yourself only: ~/.local/opt, ~/.local/share, ~/.local/bin
#   sudo ./install.sh --uninstall   (or --user --uninstall) removes what the above installed
set -eu
here=$(cd "$(dirname "$0")" && pwd)
scope=system
action=install
for arg in "$@"; do
  case "$arg" in
    --user) scope=user ;;
    --uninstall) action=uninstall ;;
    *) echo "usage: $0 [--user] [--uninstall]" >&2; exit 2 ;;
  esac
done
if [ "$scope" = system ]; then
  app=/opt/coverage-planner share=/usr/local/share bin=/usr/local/bin
else
  app="$HOME/.local/opt/coverage-planner" share="$HOME/.local/share" bin="$HOME/.local/bin"
fi
desktop="$share/applications/coverage-planner.desktop"
icon="$share/icons/hicolor/256x256/apps/coverage-planner.png"
svg="$share/icons/hicolor/scalable/apps/coverage-planner.svg"

if [ "$action" = uninstall ]; then
  rm -rf "$app" "$desktop" "$icon" "$svg" "$bin/coverage-planner"
  echo "Coverage Planner removed from $app"
  exit 0
fi
if [ "$scope" = system ] && [ "$(id -u)" != 0 ]; then
  echo "Installing for all users needs root: sudo $0   (or $0 --user for yourself only)" >&2
  exit 1
fi
if [ "$here" != "$app" ]; then
  rm -rf "$app"
  mkdir -p "$(dirname "$app")"
  cp -a "$here" "$app"
fi
mkdir -p "$share/applications" "$(dirname "$icon")" "$(dirname "$svg")" "$bin"
sed "s#^Exec=.*#Exec=\"$app/coverage-planner\" gui %f#" "$here/coverage-planner.desktop" > "$desktop"
chmod 644 "$desktop"
cp "$here/_internal/resources/icons/coverage-planner.png" "$icon"
cp "$here/_internal/resources/icons/coverage-planner.svg" "$svg"
ln -sf "$app/coverage-planner" "$bin/coverage-planner"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
echo "Coverage Planner installed in $app; it is in the applications menu, and the command"
echo "coverage-planner is in $bin."
