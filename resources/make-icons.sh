#!/bin/sh
# Renders resources/icon.svg into the PNGs electron-builder needs (apt-get install -y imagemagick).
# electron-builder derives the Windows .ico and the macOS .icns from icon.png (≥ 512×512) itself.
# CONVERT=/usr/bin/convert-im6.q16 overrides the binary (e.g. when a stand-in `convert` shadows it).
set -eu
cd "$(dirname "$0")"
CONVERT="${CONVERT:-convert}"
"$CONVERT" -background none -density 144 icon.svg -resize 512x512 PNG32:icon.png
mkdir -p icons
for size in 16 32 48 64 128 256 512; do
  "$CONVERT" -background none -density 144 icon.svg -resize "${size}x${size}" "PNG32:icons/${size}x${size}.png"
done
"$CONVERT" icons/16x16.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png icons/256x256.png icon.ico
