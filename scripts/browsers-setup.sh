#!/usr/bin/env bash
# Install what tests/browsers/run.mjs needs, skipping what is already there:
#   Firefox ESR (driven by puppeteer-core over WebDriver BiDi),
#   WebKitGTK's WebDriver + MiniBrowser (Safari's engine) and Xvfb to show it,
#   fonts for both (Vietnamese glyphs), and the npm package puppeteer-core 24.
# No browser is downloaded from the web: the browsers are Debian's.
# Usage: bash scripts/browsers-setup.sh   (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[browsers-setup]\033[0m %s\n' "$*"; }
# puppeteer-core 25 needs Node 22: stay on 24.x (exact pin in package.json).
PUPPETEER_VERSION=24.43.1

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

PKGS=(firefox-esr webkit2gtk-driver xvfb xauth fonts-dejavu-core fonts-liberation fonts-noto-core)
missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  # fonts-noto-core: Vietnamese glyphs in both engines; xauth: for xvfb-run.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "installed: ${missing[*]}"
else
  say "Debian packages already installed: ${PKGS[*]}"
fi

MB="$(dpkg -L webkit2gtk-driver libwebkit2gtk-4.1-0 2>/dev/null | grep -m1 '/MiniBrowser$' || true)"
if [ -z "$MB" ]; then
  MB="$(find /usr/lib -path '*webkit2gtk-4.*' -name MiniBrowser -type f 2>/dev/null | head -n1 || true)"
fi
if [ -z "$MB" ]; then
  say "MiniBrowser not found (package libwebkit2gtk-4.1-0 / webkit2gtk-driver)"; exit 1
fi
say "firefox:        $(command -v firefox-esr || echo MISSING) ($(firefox-esr --version 2>/dev/null || true))"
say "WebKitWebDriver: $(command -v WebKitWebDriver || echo MISSING)"
say "MiniBrowser:    $MB"
say "Xvfb:           $(command -v Xvfb || echo MISSING)"

if [ ! -f node_modules/puppeteer-core/package.json ] \
  || ! node -e 'process.exit(require("./node_modules/puppeteer-core/package.json").version.startsWith("24.") ? 0 : 1)'; then
  if ! grep -q '"puppeteer-core"' package.json; then
    say "adding puppeteer-core@$PUPPETEER_VERSION to devDependencies (and package-lock.json)"
    npm install --save-dev --save-exact --no-audit --no-fund --loglevel=error "puppeteer-core@$PUPPETEER_VERSION"
  else
    # npm install (not npm ci): keeps the rest of node_modules in place.
    say "installing puppeteer-core from package.json / package-lock.json"
    npm install --no-audit --no-fund --loglevel=error
  fi
else
  say "puppeteer-core $(node -p 'require("./node_modules/puppeteer-core/package.json").version') already in node_modules"
fi
say "done"
