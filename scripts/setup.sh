#!/usr/bin/env bash
# Installs what hnv's build, demo and tests need on a Debian machine, as root. Idempotent: it installs only
# what is missing, so a second run costs a few seconds.
set -euo pipefail

# tshark: the interop oracle; iproute2 (ip, tc), procps (sysctl), ethtool (a NIC's GRO, in the underlay tests), iputils-ping, iperf3, dnsmasq, dnsutils (dig), curl: the lab and its tests.
# bc: the lab benchmark's arithmetic. postgresql: the controller's replica tests start a throwaway cluster.
# nftables, conntrack: the gateway's NAT is the kernel's (nft writes it, conntrack lists the translations).
# chromium: the topology page is tested in a real browser (Playwright drives it); socat: the lab forwards a local port to its controller's socket for the page.
# util-linux: setpriv, so a gateway's bgpd dies with it. frr, frr-pythontools: the gateway announces over BGP with FRR's bgpd (frr-reload.py applies changes); the lab's outside router is FRR.
packages=(tshark iproute2 procps util-linux ethtool iputils-ping iperf3 dnsmasq-base dnsutils curl bc postgresql nftables conntrack frr frr-pythontools chromium socat)
command -v python3 >/dev/null 2>&1 || packages+=(python3-minimal)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # tshark asks whether non-root users may capture; answer no instead of waiting for a person.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is not installed (dotnet is not on PATH); install it, then run this again." >&2
  exit 1
fi
