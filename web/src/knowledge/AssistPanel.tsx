// Agent assist on the ticket view: similar resolved cases (with how they were
// solved) and articles the requester may read, from GET /tickets/{id}/assist;
// and, once the ticket is resolved with a note, "turn into draft article".
// Everything here is text: resolutions and titles are never HTML.
import { useState } from 'preact/hooks';
import { ApiError, Ticket } from '../api';
import { Card, ErrorBox, useAsync } from '../components';
import { t } from '../i18n';
import { navigate } from '../router';
import { kb } from './kbapi';

export function AssistPanel({ ticket }: { ticket: Ticket }) {
  const q = useAsync(() => kb.assist(ticket.id), [ticket.id, ticket.status]);
  const [err, setErr] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const resolved = (ticket.status === 'resolved' || ticket.status === 'closed') && !!ticket.resolution;
  const draft = async () => {
    setBusy(true);
    setErr(null);
    try {
      const a = await kb.draftFromCase(ticket.id);
      navigate('/agent/kb/' + encodeURIComponent(a.id));
    } catch (e) {
      setErr(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const cases = q.data?.cases ?? [];
  // Suggestions the ranker gives under 5% are noise to an agent.
  const articles = (q.data?.articles ?? []).filter((a) => a.confidence === undefined || a.confidence >= 0.05);
  return (
    <Card title={t('assist.title')} class="assist">
      <ErrorBox error={q.error} />
      <h3 class="assist-h">{t('assist.cases')}</h3>
      {q.data && cases.length === 0 && <p class="muted small">{t('assist.no_cases')}</p>}
      <ul class="assist-cases">
        {cases.map((c) => (
          <li>
            <a href={'/agent/tickets/' + encodeURIComponent(c.ticket_id)}>
              <span class="mono">{c.ticket_id}</span> <span class="mini-title">{c.title}</span>
            </a>
            <span class="badge badge-muted" title={t('assist.similarity')}>
              {Math.round(c.similarity * 100)}%
            </span>
            <p class="assist-resolution pre">{c.resolution}</p>
          </li>
        ))}
      </ul>
      <h3 class="assist-h">{t('assist.articles')}</h3>
      {q.data && articles.length === 0 && <p class="muted small">{t('assist.no_articles')}</p>}
      <ul class="kb-mini assist-articles">
        {articles.map((a) => (
          <li>
            <a href={'/kb/' + encodeURIComponent(a.id)} target="_blank" rel="noopener">
              {a.title}
            </a>
            {a.confidence !== undefined && (
              <span class="muted small"> · {Math.round(a.confidence * 100)}%</span>
            )}
          </li>
        ))}
      </ul>
      {resolved && (
        <div class="assist-draft">
          <ErrorBox error={err} />
          {err?.status === 409 && (
            <a href={'/agent/kb/' + encodeURIComponent('kb-case-' + ticket.id.toLowerCase())}>{t('assist.open_draft')}</a>
          )}
          <button class="btn btn-sm btn-primary" disabled={busy} onClick={draft}>
            {t('assist.make_draft')}
          </button>
        </div>
      )}
    </Card>
  );
}
