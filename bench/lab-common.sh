# Sourced by the lab benchmarks: builds the programs a lab runs (Release) and points `hnv lab` at them, and the
# figures' arithmetic (a median of rounds, the range across them, a ratio).
build_lab_programs() { # project names under src/Hnv.* (Cli, Agent, Controller, Gateway)
  for project in "$@"; do
    dotnet build "src/Hnv.$project" -c Release -nologo -v quiet >/dev/null
  done
  export HNV_CONTROLLER_PROGRAM="$PWD/src/Hnv.Controller/bin/Release/net10.0/hnv-controller.dll"
  export HNV_AGENT="$PWD/src/Hnv.Agent/bin/Release/net10.0/hnv-agent.dll"
  export HNV_GATEWAY_PROGRAM="$PWD/src/Hnv.Gateway/bin/Release/net10.0/hnv-gateway.dll"
}

hnv() { dotnet src/Hnv.Cli/bin/Release/net10.0/hnv.dll "$@"; }

cpu_of() { # pattern -> CPU seconds (user + system) of the processes whose command line matches it
  local total=0
  for pid in $(pgrep -f "$1"); do
    read -r -a stat < "/proc/$pid/stat"
    total=$((total + stat[13] + stat[14]))
  done
  echo "scale=2; $total / $(getconf CLK_TCK)" | bc
}
ratio() { echo "scale=2; $1 / $2" | bc; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
range() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {print lo "-" hi}'; }
