#!/usr/bin/env bash
# Installs the Debian 12 packages smartassist needs to build, run and test.
# Idempotent: does nothing when everything is already there. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-system1.81-dev  # Boost.Beast/Asio 1.81, not the default 1.74
  libsqlite3-dev libpq-dev
  libyaml-cpp-dev nlohmann-json3-dev
  libicu-dev libstemmer-dev libxapian-dev
  libspdlog-dev libfmt-dev
  libargon2-dev libsodium-dev libssl-dev
  libldap2-dev liboath-dev libcurl4-openssl-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  liblinear-dev libfasttext-dev fasttext
  wordnet-base  # WordNet 3.0 database: optional NLU features (src/nlu/wordnet.h)
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-yaml
)
# Only the test command needs these real servers and tools.
for arg in "$@"; do
  if [[ "$arg" == "--test" ]]; then
    PACKAGES+=(postgresql slapd ldap-utils python3-aiosmtpd curl)
    PACKAGES+=(chromium)  # the web app's end-to-end tests (tests/e2e)
    PACKAGES+=(fonts-noto-cjk)  # Chinese text in the e2e screenshots
  fi
  # Only the benchmarks need these (bench/http_wrk.sh): an HTTP load generator.
  if [[ "$arg" == "--bench" ]]; then
    PACKAGES+=(wrk curl)
  fi
done
# The web app is built with node and npm (scripts/build-web.sh); Debian's,
# unless a node is already installed.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "installing: ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
