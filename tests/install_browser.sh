#!/bin/sh
# Install Debian's chromium for the browser tests (`make browser`), as root or with sudo.
# Another apt/dpkg run (unattended upgrades, a colleague's install) holds the package manager's
# lock: wait for it up to BROWSER_LOCK_TIMEOUT seconds (default 600) instead of giving up at once.
# Whatever happens, say plainly whether the browser tests will run. Never fails the build:
# pytest skips the browser tests, with the same reason, when chromium is missing.
set -u
TIMEOUT="${BROWSER_LOCK_TIMEOUT:-600}"
LOCKS="/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock"

if command -v chromium >/dev/null 2>&1; then
  echo "browser tests: chromium found at $(command -v chromium)"
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "BROWSER TESTS WILL BE SKIPPED: chromium is not installed and this user cannot install it (apt-get install chromium chromium-driver as root)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "BROWSER TESTS WILL BE SKIPPED: chromium is not installed and there is no apt-get here; install chromium and make it /usr/bin/chromium"
  exit 0
fi

held() {  # true while a process has one of the package manager's lock files open
  command -v fuser >/dev/null 2>&1 || return 1
  # shellcheck disable=SC2086
  $SUDO fuser $LOCKS >/dev/null 2>&1
}

waited=0
while held; do
  if [ "$waited" -ge "$TIMEOUT" ]; then
    echo "BROWSER TESTS WILL BE SKIPPED: the package manager's lock was still held after ${TIMEOUT}s (another apt/dpkg is running); run 'make browser' again later, or raise BROWSER_LOCK_TIMEOUT"
    exit 0
  fi
  [ "$waited" -eq 0 ] && echo "browser tests: another apt/dpkg holds the package manager's lock; waiting up to ${TIMEOUT}s ..."
  sleep 5
  waited=$((waited + 5))
done

APT="$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=$TIMEOUT -qq"
echo "browser tests: installing Debian's chromium (apt-get install chromium chromium-driver) ..."
if ! { $APT update && $APT install -y chromium chromium-driver >/dev/null; }; then
  echo "BROWSER TESTS WILL BE SKIPPED: apt-get could not install chromium (see the messages above)"
elif command -v chromium >/dev/null 2>&1; then
  echo "browser tests: chromium installed at $(command -v chromium)"
else
  echo "BROWSER TESTS WILL BE SKIPPED: apt-get ran, but there is still no chromium on PATH"
fi
exit 0
