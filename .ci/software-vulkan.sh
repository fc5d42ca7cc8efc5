#!/usr/bin/env bash
# A software Vulkan for the webgpu tests (test/gpu): Dawn, behind the npm `webgpu` package, needs
# a Vulkan driver, and a CI machine has no GPU. Debian 12's own lavapipe (mesa 22) lacks a feature
# Dawn requires, so this takes lavapipe from mesa 25 in bookworm-backports: the package is only
# unpacked under /opt/dl-vulkan (the system's mesa stays as it is) and registered with the Vulkan
# loader by an ICD file with an absolute path. Where backports cannot be reached, SwiftShader from
# Debian's chromium-common (installed by .ci/run for the browser tests) is the fallback; the tests
# find either one (test/gpu/software-vulkan.ts). Idempotent; needs root and apt.
set -euo pipefail
dest=/opt/dl-vulkan/mesa-25
icd=/etc/vulkan/icd.d/dl-lavapipe-mesa25.json
lib=$dest/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so
[ "$(dpkg --print-architecture)" = amd64 ] || { echo "software-vulkan: amd64 only; skipped"; exit 0; }
apt-get install -y -qq libvulkan1 libllvm15 >/dev/null
if [ -f "$lib" ] && [ -f "$icd" ]; then echo "software-vulkan: lavapipe (mesa 25) already at $dest"; exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/sources.list" <<'LIST'
deb http://deb.debian.org/debian bookworm-backports main
LIST
apt_opts=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::archives=$work/archives" -o "APT::Get::List-Cleanup=0")
mkdir -p "$work/lists/partial" "$work/archives/partial"
chmod -R a+rwx "$work"
if apt-get "${apt_opts[@]}" update -qq && (cd "$work" && apt-get "${apt_opts[@]}" download -qq mesa-vulkan-drivers); then
  mkdir -p "$dest" "$(dirname "$icd")"
  dpkg-deb -x "$work"/mesa-vulkan-drivers_*.deb "$dest"
  printf '{"file_format_version":"1.0.0","ICD":{"api_version":"1.3.0","library_path":"%s"}}\n' "$lib" >"$icd"
  echo "software-vulkan: lavapipe $(dpkg-deb -f "$work"/mesa-vulkan-drivers_*.deb Version) at $dest, ICD $icd"
else
  echo "software-vulkan: bookworm-backports unreachable; the webgpu tests use SwiftShader from chromium-common"
fi
