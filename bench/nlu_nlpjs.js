// nlp.js (npm node-nlp) on a JSON-lines split, for bench/nlu_side_by_side.sh.
// Usage: NODE_PATH=<dir with node_modules> node bench/nlu_nlpjs.js TRAIN.jsonl TEST.jsonl
// Prints "in-scope acc|oos recall|training s|p99 latency" (oos = intent "oos";
// nlp.js's "None" — below its own threshold — counts as oos).
'use strict';
const fs = require('fs');
const { NlpManager } = require('node-nlp');

function read(path) {
  return fs.readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

(async () => {
  const [train, test] = [read(process.argv[2]), read(process.argv[3])];
  const manager = new NlpManager({
    languages: ['en'], autoSave: false, autoLoad: false, nlu: { log: false },
    ner: { builtins: [] }, sentiment: false,
  });
  for (const e of train) manager.addDocument('en', e.text, e.intent);
  const t0 = process.hrtime.bigint();
  await manager.train();
  const trainS = Number(process.hrtime.bigint() - t0) / 1e9;
  let inScope = 0, inOk = 0, oos = 0, oosHit = 0;
  const lat = [];
  for (const e of test) {
    const s = process.hrtime.bigint();
    const r = await manager.process('en', e.text);
    lat.push(Number(process.hrtime.bigint() - s) / 1e3);
    const pred = !r.intent || r.intent === 'None' ? 'oos' : r.intent;
    if (e.intent === 'oos') { oos++; if (pred === 'oos') oosHit++; }
    else { inScope++; if (pred === e.intent) inOk++; }
  }
  lat.sort((a, b) => a - b);
  const pct = (a, b) => (100 * a / b).toFixed(2) + '%';
  process.stdout.write(`${pct(inOk, inScope)}|${oos ? pct(oosHit, oos) : '-'}|` +
    `${trainS.toFixed(1)} s|${lat[Math.floor(lat.length * 0.99)].toFixed(1)} us`);
})().catch((err) => { console.error(err); process.exit(1); });
