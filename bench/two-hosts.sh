# Sourced by the lab benchmarks: the two-host topology they measure on (VM b1 on host1, b2 on host2, one subnet).
two_hosts_topology() { # name mtu -> YAML on stdout
  cat <<YAML
name: $1
underlay: { mtu: $2, family: ipv4 }
hosts: [host1, host2]
routingDomains:
  - name: blue
    subnets:
      - { vsid: 5001, prefixes: [10.0.0.0/24] }
vms:
  - { name: b1, host: host1, subnet: 5001, addresses: [10.0.0.10] }
  - { name: b2, host: host2, subnet: 5001, addresses: [10.0.0.11] }
YAML
}
