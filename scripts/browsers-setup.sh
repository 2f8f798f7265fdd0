#!/usr/bin/env bash
# Install what tests/browsers/run.mjs needs, skipping what is already there:
#   Firefox ESR (driven by puppeteer-core over WebDriver BiDi),
#   WebKitGTK's WebDriver + MiniBrowser (Safari's engine) and Xvfb to show it,
#   fonts for both (Vietnamese glyphs), and the npm package puppeteer-core 24.
# No browser is downloaded from the web: the browsers are Debian's.
# Usage: bash scripts/browsers-setup.sh   (as root, or with sudo available)
# Idempotent: nothing is installed (and apt-get update is not run) when
# everything is there; make test runs it before tests/browsers/run.mjs.
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

# puppeteer-core comes from package.json / package-lock.json (scripts/setup.sh
# installs it too, with the other npm tools).
if ! command -v npm >/dev/null; then
  say "installing Node.js and npm"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
pp_version() { node -p 'require("./node_modules/puppeteer-core/package.json").version' 2>/dev/null || true; }
case "$(pp_version)" in
  24.*) say "puppeteer-core $(pp_version) already in node_modules" ;;
  *)
    if ! grep -q "\"puppeteer-core\": \"$PUPPETEER_VERSION\"" package.json; then
      say "package.json does not pin puppeteer-core $PUPPETEER_VERSION"; exit 1
    fi
    if [ -d node_modules ]; then
      # npm install (not npm ci): adds what is missing, keeps the rest of node_modules.
      say "installing puppeteer-core from package.json / package-lock.json"
      npm install --no-audit --no-fund --loglevel=error
    else
      say "installing the npm tools (npm ci)"
      npm ci --no-audit --no-fund --loglevel=error
    fi
    case "$(pp_version)" in
      24.*) say "puppeteer-core $(pp_version) installed" ;;
      *) say "puppeteer-core 24 is still missing from node_modules"; exit 1 ;;
    esac
    ;;
esac
say "done"
