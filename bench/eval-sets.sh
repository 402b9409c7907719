#!/usr/bin/env bash
# Benign closed / attack recall of the offline analyst on every labeled set:
#   bash bench/eval-sets.sh [SET...]      (default: every tests/data/eval*/ set)
# Needs jq. Uses the debug build of the CLI (dotnet build src/Verdict.Cli first).
set -euo pipefail
cd "$(dirname "$0")/.."
verdict="dotnet artifacts/bin/Verdict.Cli/debug/verdict.dll"
sets=("$@"); [ ${#sets[@]} -eq 0 ] && sets=($(cd tests/data && ls -d eval* | sort -V))
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
printf '%-6s %-9s %5s %6s %8s %7s %8s %s\n' set family alerts errors benign% recall% closed-attacks ""
for s in "${sets[@]}"; do
  for f in identity endpoint web cloud email; do
    file="tests/data/$s/$f.jsonl"; [ -f "$file" ] || continue
    $verdict eval "$file" --label-field label --per-alert --context "tests/data/$s/context.yaml" \
      --format json --feedback off -o "$out/o" > "$out/r.json" 2>/dev/null || true
    jq -r --arg s "$s" --arg f "$f" '[$s, $f, .records, .input_errors, (.benign_closed_rate*1000|round/10),
      (.attack_recall*1000|round/10), ((.closed_attacks // []) | map(.alert_id) | join(" "))] | @tsv' "$out/r.json" |
      awk -F'\t' '{printf "%-6s %-9s %5s %6s %8s %7s  %s\n", $1, $2, $3, $4, $5, $6, $7}'
  done
done
