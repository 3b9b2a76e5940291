// Admin: review the messages the bot did not understand and label each with
// what it meant; a labelled message becomes an intent training example for
// the next retrain (docs/NLU.md, "Learning loop"). User text is rendered as
// text only.
import { useState } from 'preact/hooks';
import { Card, Empty, ErrorBox, Spinner, useAsync } from '../components';
import { fmtDateTime, label, useLang } from '../i18n';
import { IntentInfo, learningApi, lt, Utterance } from '../learning';
import '../learning.css';

export function ReviewView() {
  useLang();
  const [showLabelled, setShowLabelled] = useState(false);
  const status = showLabelled ? 'all' : 'unlabelled';
  const q = useAsync(() => learningApi.utterances(status), [status]);
  const intents = useAsync(() => learningApi.intents(), []);
  return (
    <div class="stack review-page">
      <Card
        title={lt('title')}
        actions={
          <label class="review-toggle">
            <input
              type="checkbox"
              checked={showLabelled}
              onChange={(e) => setShowLabelled((e.target as HTMLInputElement).checked)}
            />{' '}
            {lt('show_labelled')}
          </label>
        }
      >
        <p class="muted">{lt('hint')}</p>
        {q.error && <ErrorBox error={q.error} />}
        {intents.error && <ErrorBox error={intents.error} />}
        {!q.data && !q.error && <Spinner />}
        {q.data && q.data.items.length === 0 && <Empty>{lt('empty')}</Empty>}
        {q.data && q.data.items.length > 0 && (
          <>
            {!showLabelled && <p class="review-count">{lt('pending', { n: q.data.total })}</p>}
            <ul class="review-list">
              {q.data.items.map((u) => (
                <ReviewItem key={u.id} utterance={u} intents={intents.data?.items ?? []} onDone={q.reload} />
              ))}
            </ul>
          </>
        )}
      </Card>
    </div>
  );
}

function ReviewItem({
  utterance,
  intents,
  onDone,
}: {
  utterance: Utterance;
  intents: IntentInfo[];
  onDone: () => void;
}) {
  const [intent, setIntent] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<Error | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!intent) return;
    setBusy(true);
    setErr(null);
    try {
      await learningApi.label(utterance.id, intent);
      onDone();
    } catch (x) {
      setErr(x as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="review-item" data-id={utterance.id}>
      <blockquote class="review-text" lang={utterance.language || undefined}>
        {utterance.text}
      </blockquote>
      <div class="review-meta muted small">
        <span class="badge">{utterance.language || '?'}</span> {fmtDateTime(utterance.at)} ·{' '}
        {lt('conversation')}{' '}
        <a href={'/agent/conversations/' + encodeURIComponent(utterance.conversation_id)}>
          {utterance.conversation_id.slice(0, 8)}
        </a>
      </div>
      {utterance.label ? (
        <p class="review-done">
          <span class="badge badge-info">{lt('labelled', { intent: label('intent', utterance.label) })}</span>
        </p>
      ) : (
        <form class="review-form" onSubmit={submit}>
          <select
            aria-label={lt('intent')}
            value={intent}
            disabled={busy}
            onChange={(e) => setIntent((e.target as HTMLSelectElement).value)}
          >
            <option value="">{lt('choose')}</option>
            {intents.map((i) => (
              <option value={i.name}>
                {label('intent', i.name)} ({i.name})
              </option>
            ))}
          </select>
          <button class="btn btn-primary btn-sm" disabled={busy || !intent}>
            {lt('label')}
          </button>
        </form>
      )}
      <ErrorBox error={err} />
    </li>
  );
}
