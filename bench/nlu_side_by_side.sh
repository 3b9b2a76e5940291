#!/usr/bin/env bash
# Side by side on the same splits: our engine (sa_nlu_tool eval) vs Debian's
# `fasttext supervised` with default settings. Writes one Markdown table to
# stdout (and bench/nlu_side_by_side.md). nlp.js (npm node-nlp) is not run yet.
# Usage: bash bench/nlu_side_by_side.sh [BUILD_DIR]   (from a configured checkout)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
DATA=${DATA:-../shared/data}
[[ -d $DATA ]] || DATA=/work/shared/data
TOOL=$BUILD_DIR/src/nlu/sa_nlu_tool
[[ -x $TOOL ]] || TARGETS=sa_nlu_tool BUILD_DIR=$BUILD_DIR bash scripts/build.sh >/dev/null
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

# Banking77: stratified 90/10 split of train.csv, seed 42 (same as `--holdout 0.1 --seed 42`).
python3 - "$DATA" "$TMP" <<'PY'
import csv, json, random, sys, collections
data, tmp = sys.argv[1], sys.argv[2]
def ft(rows, path):
    with open(path, 'w') as f:
        for t, l in rows: f.write('__label__%s %s\n' % (l, ' '.join(t.lower().split())))
for name in ('train', 'val'):
    rows = [(j['text'], j['intent']) for j in map(json.loads, open(f'{data}/clinc150/{name}.jsonl'))]
    ft(rows, f'{tmp}/clinc_{name}.ft')
rows = [(r['text'], r['category']) for r in csv.DictReader(open(f'{data}/banking77/train.csv'))]
by = collections.defaultdict(list)
for r in rows: by[r[1]].append(r)
rng = random.Random(42); tr, va = [], []
for l in sorted(by):
    lst = by[l][:]; rng.shuffle(lst); n = round(len(lst) * 0.1)
    va += lst[:n]; tr += lst[n:]
ft(tr, f'{tmp}/bank_train.ft'); ft(va, f'{tmp}/bank_val.ft')
PY

ours() {  # prints "acc|oos_recall|train_s|p99"
  "$TOOL" eval "$@" | awk '/in-scope acc/{a=$3}/oos recall/{r=$3}/training time/{t=$3}/latency p99/{p=$3}
    END{printf "%s|%s|%s s|%s us", a, (r==""?"-":r), t, p}'
}
fasttext_run() {  # train file, test file -> "acc|oos_recall|train_s"
  local s e
  s=$(date +%s.%N); fasttext supervised -input "$1" -output "$TMP/m" >/dev/null 2>&1; e=$(date +%s.%N)
  fasttext predict "$TMP/m.bin" "$2" > "$TMP/pred"
  paste -d' ' <(cut -d' ' -f1 "$2") "$TMP/pred" | awk -v t="$(echo "$e - $s" | bc)" '
    {g=$1;p=$2; if(g=="__label__oos"){o++; if(p==g)oh++} else {n++; if(p==g)c++}}
    END{printf "%.2f%%|%s|%.1f s|-", 100*c/n, (o?sprintf("%.2f%%",100*oh/o):"-"), t}'
}
{
echo "| data set (split) | system | in-scope acc | oos recall | training | p99 latency |"
echo "| --- | --- | --- | --- | --- | --- |"
echo "| CLINC150 full (train→val) | smartassist | $(ours --train "$DATA/clinc150/train.jsonl" --test "$DATA/clinc150/val.jsonl") |"
echo "| CLINC150 full (train→val) | fasttext (Debian, defaults) | $(fasttext_run "$TMP/clinc_train.ft" "$TMP/clinc_val.ft") |"
echo "| Banking77 (train 90/10, seed 42) | smartassist | $(ours --train "$DATA/banking77/train.csv" --holdout 0.1 --seed 42) |"
echo "| Banking77 (train 90/10, seed 42) | fasttext (Debian, defaults) | $(fasttext_run "$TMP/bank_train.ft" "$TMP/bank_val.ft") |"
echo "| nlp.js (node-nlp) | not run | | | | |"
} | tee bench/nlu_side_by_side.md
