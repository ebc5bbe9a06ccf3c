#!/bin/sh
# Renders the app icons in assets/icons/ from the hand-drawn assets/icons/icon.svg:
#   icon.png (1024), icon-512.png, icon-256.png   PNGs (the Linux window icon is icon-512.png)
#   linux/<n>x<n>.png                              the Linux icon set electron-builder packages
#   icon.ico                                       Windows (16 … 256 px)
#   icon.icns                                      macOS (16 … 1024 px)
# Needs rsvg-convert, icotool and png2icns (Debian: apt-get install -y librsvg2-bin icoutils icnsutils).
# The outputs are committed; run this only after changing icon.svg.
set -eu
cd "$(dirname "$0")/../assets/icons"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "$tmp/$size.png"
done
cp "$tmp/1024.png" icon.png
cp "$tmp/512.png" icon-512.png
cp "$tmp/256.png" icon-256.png
mkdir -p linux
for size in 16 32 48 64 128 256 512; do cp "$tmp/$size.png" "linux/${size}x${size}.png"; done
icotool -c -o icon.ico "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" "$tmp/256.png"
png2icns icon.icns "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" "$tmp/1024.png" >/dev/null
echo "assets/icons rendered from icon.svg"
