#!/usr/bin/env bash
# Renders the README's pictures of the samples' report: the summary (its first page of tables and
# its first page of charts), the allocation tab and the receivables tab, as LibreOffice shows them.
# Needs soffice and poppler-utils (pdftoppm, pdftotext); fonts-wqy-zenhei gives LibreOffice the
# Chinese glyphs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
cargo run --release -q -- score samples/ --as-of 2026-11-30 -o "$out/report.xlsx" --force -q || [ $? -eq 3 ]
soffice --headless --convert-to pdf --outdir "$out" "$out/report.xlsx" >/dev/null
pdf="$out/report.pdf"
# The first page whose text (after the page header) starts with $1.
page() {
  local n
  n=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  for p in $(seq 1 "$n"); do
    if pdftotext -f "$p" -l "$p" "$pdf" - | grep -v '^$' | sed -n 1,4p | grep -q "$1"; then echo "$p"; return; fi
  done
  echo "no page starting with $1" >&2; exit 1
}
shot() { # name page x y w h resolution
  pdftoppm -png -r "${7:-110}" -f "$2" -l "$2" -x "$3" -y "$4" -W "$5" -H "$6" -singlefile "$pdf" "samples/$1"
}
shot report-summary 1 30 60 1000 840
p=$(page 各评级客户数)
shot report-summary-charts "$p" 30 60 720 800
p=$(page 资源分配（攻守模型）)
shot report-allocation "$p" 90 110 1500 760 150
p=$(page 应收账款（财务视图）)
shot report-receivables "$p" 160 200 2200 700 240
rm -rf "$out"
