#!/usr/bin/env bash
# Side by side on the same splits: our engine (sa_nlu_tool eval), Debian's
# `fasttext supervised` with default settings, and nlp.js (npm node-nlp 4,
# installed into a temporary directory: a benchmark dependency, not part of the
# product). Writes one Markdown table to stdout and bench/nlu_side_by_side.md.
# Usage: bash bench/nlu_side_by_side.sh [BUILD_DIR]   (from a configured checkout)
#   NLPJS=0 skips nlp.js (it needs the npm registry and takes minutes).
#   FEATURES="pairs=1.2" passes --features to our engine (ablations).
#   EVAL_ARGS="--preset ensemble" passes more flags to our engine (the ensemble).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
DATA=${DATA:-../shared/data}
[[ -d $DATA ]] || DATA=/work/shared/data
TOOL=$BUILD_DIR/src/nlu/sa_nlu_tool
[[ -x $TOOL ]] || TARGETS=sa_nlu_tool BUILD_DIR=$BUILD_DIR bash scripts/build.sh >/dev/null
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

# One split for every system. CLINC150: train -> val as published.
# Banking77 (no val split here): stratified 90/10 of train.csv, Python
# random.Random(42) shuffle per label (sorted labels), 10 % rounded per label.
python3 - "$DATA" "$TMP" <<'PY'
import csv, json, random, sys, collections
data, tmp = sys.argv[1], sys.argv[2]
def write(rows, name):
    with open(f'{tmp}/{name}.ft', 'w') as f:
        for t, l in rows: f.write('__label__%s %s\n' % (l, ' '.join(t.lower().split())))
    with open(f'{tmp}/{name}.jsonl', 'w') as f:
        for t, l in rows: f.write(json.dumps({'text': t, 'intent': l}) + '\n')
for name in ('train', 'val'):
    rows = [(j['text'], j['intent']) for j in map(json.loads, open(f'{data}/clinc150/{name}.jsonl'))]
    write(rows, f'clinc_{name}')
rows = [(r['text'], r['category']) for r in csv.DictReader(open(f'{data}/banking77/train.csv'))]
by = collections.defaultdict(list)
for r in rows: by[r[1]].append(r)
rng = random.Random(42); tr, va = [], []
for l in sorted(by):
    lst = by[l][:]; rng.shuffle(lst); n = round(len(lst) * 0.1)
    va += lst[:n]; tr += lst[n:]
write(tr, 'bank_train'); write(va, 'bank_val')
PY

ours() {  # train, test -> "acc|oos_recall|train_s|p99"
  "$TOOL" eval --train "$1" --test "$2" --format clinc ${FEATURES:+--features "$FEATURES"} ${EVAL_ARGS:-} |
    awk '/in-scope acc/{a=$3}/oos recall/{r=$3}/training time/{t=$3}/latency p99/{p=$3}
    END{printf "%s|%s|%s s|%s us", a, (r==""?"-":r), t, p}'
}
fasttext_run() {  # train file, test file -> "acc|oos_recall|train_s|-"
  local s e
  s=$(date +%s.%N); fasttext supervised -input "$1" -output "$TMP/m" >/dev/null 2>&1; e=$(date +%s.%N)
  fasttext predict "$TMP/m.bin" "$2" > "$TMP/pred"
  paste -d' ' <(cut -d' ' -f1 "$2") "$TMP/pred" | awk -v t="$(echo "$e - $s" | bc)" '
    {g=$1;p=$2; if(g=="__label__oos"){o++; if(p==g)oh++} else {n++; if(p==g)c++}}
    END{printf "%.2f%%|%s|%.1f s|-", 100*c/n, (o?sprintf("%.2f%%",100*oh/o):"-"), t}'
}
NLPJS_VERSION=not-run
if [[ ${NLPJS:-1} != 0 ]] && command -v npm >/dev/null && command -v node >/dev/null &&
   (cd "$TMP" && npm install --no-audit --no-fund --silent node-nlp@4 >/dev/null 2>&1); then
  NLPJS_VERSION=$(node -p "require('$TMP/node_modules/node-nlp/package.json').version")
fi
nlpjs_run() {  # train, test -> "acc|oos_recall|train_s|p99"
  if [[ $NLPJS_VERSION == not-run ]]; then echo "not run (npm/node unavailable or NLPJS=0)| | | "; return; fi
  NODE_PATH=$TMP/node_modules node bench/nlu_nlpjs.js "$1" "$2"
}
{
echo "| data set (split) | system | in-scope acc | oos recall | training | p99 latency |"
echo "| --- | --- | --- | --- | --- | --- |"
echo "| CLINC150 full (train→val) | smartassist${FEATURES:+ ($FEATURES)}${EVAL_ARGS:+ ($EVAL_ARGS)} | $(ours "$TMP/clinc_train.jsonl" "$TMP/clinc_val.jsonl") |"
echo "| CLINC150 full (train→val) | fasttext (Debian, defaults) | $(fasttext_run "$TMP/clinc_train.ft" "$TMP/clinc_val.ft") |"
echo "| CLINC150 full (train→val) | nlp.js (node-nlp $NLPJS_VERSION, defaults) | $(nlpjs_run "$TMP/clinc_train.jsonl" "$TMP/clinc_val.jsonl") |"
echo "| Banking77 (train 90/10, seed 42) | smartassist${FEATURES:+ ($FEATURES)}${EVAL_ARGS:+ ($EVAL_ARGS)} | $(ours "$TMP/bank_train.jsonl" "$TMP/bank_val.jsonl") |"
echo "| Banking77 (train 90/10, seed 42) | fasttext (Debian, defaults) | $(fasttext_run "$TMP/bank_train.ft" "$TMP/bank_val.ft") |"
echo "| Banking77 (train 90/10, seed 42) | nlp.js (node-nlp $NLPJS_VERSION, defaults) | $(nlpjs_run "$TMP/bank_train.jsonl" "$TMP/bank_val.jsonl") |"
} | tee bench/nlu_side_by_side.md
