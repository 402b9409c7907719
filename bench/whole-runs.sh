#!/usr/bin/env bash
# Times the real CLI on the demo company: bash bench/whole-runs.sh 100000,1000000
# Prints wall time, CPU and peak RSS of `verdict triage` held in memory and with --stream (needs /usr/bin/time).
set -euo pipefail
sizes="${1:-100000,1000000}"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
dotnet build -c Release src/Verdict.Cli -v q -nologo >/dev/null
verdict="dotnet artifacts/bin/Verdict.Cli/release/verdict.dll"
echo "$(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in ${sizes//,/ }; do
  $verdict demo --out "$root/d$n" --alerts "$n" >/dev/null
  for mode in held stream; do
    [ "$mode" = held ] && [ "$n" -gt 200000 ] && continue   # a million held alerts need several GB
    extra=(); [ "$mode" = stream ] && extra=(--stream)
    /usr/bin/time -f "$n alerts, $mode: wall %e s, user %U s, sys %S s, peak RSS %M KB" \
      $verdict triage "$root/d$n/alerts.csv" --logs "$root/d$n/auth_logs.csv" --context "$root/d$n/context.yaml" \
      --out "$root/out-$n-$mode" -q "${extra[@]}" 2>&1 | grep -E "alerts, |record\(s\):" || true
    rm -rf "$root/out-$n-$mode"
  done
done
