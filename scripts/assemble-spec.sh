#!/usr/bin/env bash
# Assembles SPEC.md from docs/spec/*.md section files in a fixed order.
set -euo pipefail
cd "$(dirname "$0")/.."
order=(overview wire keys roster procedures meeting merkle record workflow sim)
{
  cat docs/spec/00-header.md
  for s in "${order[@]}"; do
    f=docs/spec/$s.md
    [ -f "$f" ] || continue
    echo
    cat "$f"
  done
} > SPEC.md.tmp
mv SPEC.md.tmp SPEC.md
