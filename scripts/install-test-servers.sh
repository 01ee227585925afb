#!/bin/sh
# Installs what Vigil's integration tests run against, from Debian's packages, when missing:
# Prometheus, Alertmanager and node_exporter, chromium with chromedriver for the
# dashboard's browser tests, and PostgreSQL for the store's tests on it. The tests start them themselves, on 127.0.0.1
# only, with their own configuration and data directories; nothing here starts a service.
# Run as root (.ci/run does); without them those tests are skipped, saying why.
set -eu
need=""
command -v prometheus >/dev/null 2>&1 || need="$need prometheus"
command -v prometheus-alertmanager >/dev/null 2>&1 || need="$need prometheus-alertmanager"
command -v prometheus-node-exporter >/dev/null 2>&1 || need="$need prometheus-node-exporter"
[ -x /usr/bin/chromium ] || need="$need chromium"
[ -x /usr/bin/chromedriver ] || need="$need chromium-driver"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
if [ -z "$need" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-servers: need root to install:$need" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Keep the packages' own services from starting: the tests run their own instances.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends $need >/dev/null
