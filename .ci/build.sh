#!/usr/bin/env bash
# CI: build the frozen app with build.spec, run the built executable's --self-test from a
# copy in another folder, and record the size of the build folder and of its archive.
# Runs on a fresh Debian 12 as root (called by .ci/run after the tests); about 3 minutes
# on 2 cores.  The archive must stay within the size budget of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
start=$(date +%s)
BUDGET_BYTES=$((60 * 1000 * 1000))
VENV=${CXDESK_BUILD_VENV:-.venv}
ARCHIVE=dist/cxdesk-linux-x86_64.tar.xz
RECORD=dist/build-sizes.txt

# Tools and Qt's runtime libraries (already there when .ci/run's test command ran first).
packages=(python3-venv binutils xz-utils libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-noto-cjk)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "+ apt-get install ${missing[*]}"
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q -e '.[build]'

echo "+ pyinstaller build.spec"
rm -rf dist/cxdesk "$ARCHIVE"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --workpath build/pyinstaller --distpath dist build.spec

# The self-test runs from a copy elsewhere: the folder must work wherever it is put.
elsewhere=$(mktemp -d)
trap 'rm -rf "$elsewhere"' EXIT
cp -a dist/cxdesk "$elsewhere/cxdesk"
echo "+ cxdesk --self-test (frozen, copied to $elsewhere)"
CXDESK_DATA_DIR="$elsewhere/data" QT_QPA_PLATFORM=offscreen "$elsewhere/cxdesk/cxdesk" --self-test

echo "+ tar -C dist -cf - cxdesk | xz -6 -T2 > $ARCHIVE"
tar -C dist -cf - cxdesk | xz -6 -T2 > "$ARCHIVE"
folder_bytes=$(du -sb dist/cxdesk | cut -f1)
archive_bytes=$(stat -c %s "$ARCHIVE")
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
{
  echo "cxdesk $("$VENV/bin/python" -c 'import cxdesk; print(cxdesk.__version__)') linux-x86_64 build, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "build folder dist/cxdesk (du -sb):    $folder_bytes bytes ($(mb "$folder_bytes"))"
  echo "archive $ARCHIVE (xz -6): $archive_bytes bytes ($(mb "$archive_bytes")); budget $(mb "$BUDGET_BYTES")"
} | tee "$RECORD"
echo "CI build took $(( $(date +%s) - start )) s"
if [ "$archive_bytes" -gt "$BUDGET_BYTES" ]; then
  echo "the archive is over the size budget" >&2
  exit 1
fi
