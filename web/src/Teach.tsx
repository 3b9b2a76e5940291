// Agent console: "Teach the bot" — correct the intent, service or team the
// bot understood for a conversation. The correction is stored as training
// data (POST /conversations/{id}/corrections); routing learns a team at once,
// the intent model at the next retrain (docs/NLU.md, "Learning loop").
import { useState } from 'preact/hooks';
import { api } from './api';
import { Card, ErrorBox, useAsync } from './components';
import { label, useLang } from './i18n';
import { Correction, learningApi, lt } from './learning';
import './learning.css';

export function TeachBot({
  conversationId,
  intent,
  service,
}: {
  conversationId: string;
  intent?: string | null;
  service?: string | null;
}) {
  useLang();
  const intents = useAsync(() => learningApi.intents(), []);
  const services = useAsync(() => api.services(), []);
  const teams = useAsync(() => api.teams(), []);
  const [c, setC] = useState<Correction>({});
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<Error | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const pick = (field: keyof Correction) => (e: Event) => {
    const v = (e.target as HTMLSelectElement).value;
    setC({ ...c, [field]: v || undefined });
    setSaved(null);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!c.intent && !c.service && !c.team) return;
    setBusy(true);
    setErr(null);
    try {
      const body: Correction = { ...c };
      if (text.trim()) body.text = text.trim();
      const r = await learningApi.correct(conversationId, body);
      setSaved(r.examples.length);
      setC({});
      setText('');
    } catch (x) {
      setErr(x as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={lt('teach')} class="teach-card">
      <p class="muted small">{lt('teach_hint')}</p>
      <form class="teach-form" onSubmit={submit}>
        <label>
          <span>
            {lt('intent')}
            {intent ? <span class="muted"> · {label('intent', intent)}</span> : null}
          </span>
          <select value={c.intent ?? ''} disabled={busy} onChange={pick('intent')}>
            <option value="">{lt('none')}</option>
            {(intents.data?.items ?? []).map((i) => (
              <option value={i.name}>{label('intent', i.name)}</option>
            ))}
          </select>
        </label>
        <label>
          <span>
            {lt('service')}
            {service ? <span class="muted"> · {service}</span> : null}
          </span>
          <select value={c.service ?? ''} disabled={busy} onChange={pick('service')}>
            <option value="">{lt('none')}</option>
            {(services.data?.items ?? []).map((s) => (
              <option value={s.id}>{s.name}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{lt('team')}</span>
          <select value={c.team ?? ''} disabled={busy} onChange={pick('team')}>
            <option value="">{lt('none')}</option>
            {(teams.data?.items ?? []).map((tm) => (
              <option value={tm.id}>{tm.name}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{lt('utterance')}</span>
          <input value={text} maxLength={2000} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>
        <button class="btn btn-primary btn-sm" disabled={busy || (!c.intent && !c.service && !c.team)}>
          {lt('save')}
        </button>
      </form>
      {saved !== null && (
        <p class="alert alert-ok" role="status">
          {lt('saved', { n: saved })}
        </p>
      )}
      <ErrorBox error={err} />
    </Card>
  );
}
