#!/bin/sh
# Install the built application (dist/siksdesk/, from `python3 packaging/build.py`) for the
# current user: the program folder, a `siksdesk` command, the menu entry and its icons.
#
#   sh packaging/linux/install.sh              # install (again: replaces the program folder)
#   sh packaging/linux/install.sh --uninstall  # remove the program; the data folder stays
#
# Locations follow the XDG defaults (XDG_DATA_HOME, else ~/.local/share; commands in
# ~/.local/bin; the program in ~/.local/lib/siksdesk). SIKSDESK_DIST, SIKSDESK_BIN_DIR and
# SIKSDESK_PROGRAM_DIR choose other places. The data folder (~/.local/share/siksdesk: database,
# backups, logs) is never touched by either action.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
bin_dir=${SIKSDESK_BIN_DIR:-$HOME/.local/bin}
program=${SIKSDESK_PROGRAM_DIR:-$HOME/.local/lib/siksdesk}
icons=$data_home/icons/hicolor
entry=$data_home/applications/siksdesk.desktop
icon_src=$root/src/siksdesk/resources/icons
dist=${SIKSDESK_DIST:-$root/dist/siksdesk}

case "$program" in
    "$data_home/siksdesk" | "$data_home/siksdesk/"* | "$HOME" | "/")
        echo "refusing to use $program as the program folder (it is or holds the data)." >&2
        exit 2 ;;
esac

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$program"
    rm -f "$bin_dir/siksdesk" "$entry"
    for size in 48 128 256; do rm -f "$icons/${size}x$size/apps/siksdesk.png"; done
    rm -f "$icons/scalable/apps/siksdesk.svg"
    echo "siksdesk removed. The data folder was kept" \
         "($data_home/siksdesk, or the one chosen in Berkas -> Pengaturan)."
    exit 0
fi

if [ ! -x "$dist/siksdesk" ]; then
    echo "$dist/siksdesk not found: build it first with 'python3 packaging/build.py'." >&2
    exit 1
fi

mkdir -p "$(dirname "$program")" "$bin_dir" "$(dirname "$entry")"
rm -rf "$program"
cp -a "$dist" "$program"
rm -f "$program/.build-inputs"
ln -sf "$program/siksdesk" "$bin_dir/siksdesk"
for size in 48 128 256; do
    mkdir -p "$icons/${size}x$size/apps"
    cp "$icon_src/siksdesk-$size.png" "$icons/${size}x$size/apps/siksdesk.png"
done
mkdir -p "$icons/scalable/apps"
cp "$icon_src/siksdesk.svg" "$icons/scalable/apps/siksdesk.svg"
# The menu may not search ~/.local/bin: the entry names the program by its full path.
sed "s|^Exec=siksdesk\$|Exec=\"$program/siksdesk\"|" "$here/siksdesk.desktop" > "$entry"
command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$(dirname "$entry")" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$icons" || true
echo "siksdesk installed in $program (menu entry: $entry)."
