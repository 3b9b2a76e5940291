// Portal: the user's own tickets, and one ticket with its status timeline,
// comments (add information) and the satisfaction rating once resolved.
import { useEffect, useState } from 'preact/hooks';
import { api, Ticket } from '../api';
import { Card, Empty, ErrorBox, Field, PriorityBadge, Spinner, StatusBadge, Timeline, useAsync } from '../components';
import { fmtAge, fmtDateTime, t, useLang } from '../i18n';
import { live } from '../live';
import { Session } from '../session';
import { OutageBanner } from './Outages';

export function MyTicketsPage({ session }: { session: Session }) {
  useLang();
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const { data, error, loading, reload } = useAsync(
    () => api.tickets({ requester: session.me.id, open: filter === 'open' ? true : undefined, limit: 100 }),
    [session.me.id, filter],
  );
  useEffect(() => live.on((e) => e.type.startsWith('ticket.') && reload()), [reload]);
  return (
    <div class="page">
      <OutageBanner />
      <div class="page-head">
        <div>
          <h1>{t('tickets.title')}</h1>
          <p class="muted">{t('tickets.subtitle')}</p>
        </div>
        <div class="seg" role="tablist">
          <button role="tab" aria-selected={filter === 'open'} class={filter === 'open' ? 'on' : ''} onClick={() => setFilter('open')}>
            {t('tickets.filter_open')}
          </button>
          <button role="tab" aria-selected={filter === 'all'} class={filter === 'all' ? 'on' : ''} onClick={() => setFilter('all')}>
            {t('tickets.filter_all')}
          </button>
        </div>
      </div>
      <ErrorBox error={error} />
      {loading && !data && <Spinner />}
      {data && !data.items.length && (
        <Empty>
          <p>{filter === 'open' ? t('tickets.none_open') : t('tickets.none')}</p>
          <a class="btn btn-primary" href="/">
            {t('tickets.ask_bot')}
          </a>
        </Empty>
      )}
      {data && data.items.length > 0 && (
        <ul class="ticket-cards">
          {data.items.map((tk) => (
            <li key={tk.id}>
              <a class="ticket-card" href={`/tickets/${encodeURIComponent(tk.id)}`}>
                <div class="tc-top">
                  <span class="mono muted">{tk.id}</span>
                  <StatusBadge status={tk.status} />
                </div>
                <strong class="tc-title">{tk.title}</strong>
                <div class="tc-meta">
                  <span>{t('type.' + tk.type)}</span>
                  <span>·</span>
                  <span>{t('tickets.updated', { age: fmtAge(tk.updated) })}</span>
                </div>
                <StatusSteps status={tk.status} />
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// The description as the requester reads it: without the bookkeeping line
// the bot appends for agents ("(conversation <id>, channel web, language en)").
function forRequester(description: string): string {
  return description
    .split('\n')
    .filter((l) => !/^\(conversation [0-9a-f-]{8,}[,)]/.test(l.trim()))
    .join('\n')
    .trim();
}

const STEPS = ['new', 'assigned', 'in_progress', 'resolved', 'closed'];

// A compact progress bar: where the ticket is in its life.
export function StatusSteps({ status }: { status: string }) {
  const at = status === 'waiting' ? STEPS.indexOf('in_progress') : STEPS.indexOf(status);
  return (
    <ol class="steps" aria-label={t('field.status')}>
      {STEPS.map((s, i) => (
        <li class={i < at ? 'done' : i === at ? 'now' : ''} title={t('status.' + s)}>
          <span class="step-label">{t('status.' + s)}</span>
        </li>
      ))}
    </ol>
  );
}

export function TicketPage({ session, id }: { session: Session; id: string }) {
  useLang();
  const { data: ticket, error, reload, set } = useAsync(() => api.ticket(id), [id]);
  const names = useAsync(async () => {
    const [teams, services] = await Promise.all([api.teams(), api.services()]);
    return {
      teams: new Map(teams.items.map((x) => [x.id, x.name])),
      services: new Map(services.items.map((x) => [x.id, x.name])),
    };
  }, []);
  useEffect(
    () =>
      live.on((e) => {
        if (e.ticket?.id === id) reload();
      }),
    [id, reload],
  );
  if (error) return <div class="page"><ErrorBox error={error} /></div>;
  if (!ticket) return <div class="page"><Spinner /></div>;
  const comments = ticket.comments ?? [];
  const closed = ticket.status === 'closed';
  return (
    <div class="page">
      <a class="back" href="/tickets">
        ← {t('tickets.title')}
      </a>
      <div class="ticket-head">
        <div>
          <div class="ticket-id-row">
            <span class="mono">{ticket.id}</span>
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
          </div>
          <h1>{ticket.title}</h1>
        </div>
      </div>
      <StatusSteps status={ticket.status} />
      {ticket.status === 'resolved' && (
        <Satisfaction ticket={ticket} onRated={(tk) => set({ ...ticket, ...tk, events: ticket.events, comments })} />
      )}
      <div class="two-col">
        <div class="col-main">
          <Card title={t('ticket.description')}>
            <p class="pre">{forRequester(ticket.description) || '—'}</p>
            {ticket.resolution && (
              <div class="resolution">
                <strong>{t('ticket.resolution')}</strong>
                <p class="pre">{ticket.resolution}</p>
              </div>
            )}
          </Card>
          <Card title={t('ticket.conversation_with_support')}>
            {comments.length === 0 && <p class="muted">{t('ticket.no_comments')}</p>}
            <ul class="comments">
              {comments.map((c) => (
                <li class={'comment ' + (c.author === session.me.id ? 'mine' : 'theirs')} key={c.id}>
                  <div class="comment-meta">
                    <strong>{c.author === session.me.id ? t('chat.you') : c.author}</strong>
                    <time dateTime={c.created}>{fmtDateTime(c.created)}</time>
                  </div>
                  <p class="pre">{c.body}</p>
                </li>
              ))}
            </ul>
            {!closed && <CommentForm ticketId={ticket.id} onDone={reload} placeholder={t('ticket.add_info_hint')} label={t('ticket.add_info')} />}
          </Card>
        </div>
        <div class="col-side">
          <Card title={t('ticket.details')}>
            <dl class="kvs">
              <Field label={t('field.type')}>{t('type.' + ticket.type)}</Field>
              <Field label={t('field.team')}>{names.data?.teams.get(ticket.team ?? '') ?? ticket.team}</Field>
              <Field label={t('field.assignee')}>{ticket.assignee}</Field>
              <Field label={t('field.service')}>{names.data?.services.get(ticket.service ?? '') ?? ticket.service}</Field>
              <Field label={t('field.created')}>{fmtDateTime(ticket.created)}</Field>
              <Field label={t('field.updated')}>{fmtDateTime(ticket.updated)}</Field>
            </dl>
          </Card>
          <Card title={t('ticket.timeline')}>
            <Timeline events={ticket.events ?? []} reasons={false} />
          </Card>
        </div>
      </div>
    </div>
  );
}

export function CommentForm({
  ticketId,
  onDone,
  placeholder,
  label,
  internal = false,
}: {
  ticketId: string;
  onDone: () => void;
  placeholder: string;
  label: string;
  internal?: boolean;
}) {
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<Error | null>(null);
  return (
    <form
      class="comment-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!body.trim()) return;
        setBusy(true);
        setErr(null);
        try {
          await api.comment(ticketId, body.trim(), internal);
          setBody('');
          onDone();
        } catch (x) {
          setErr(x as Error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <ErrorBox error={err} />
      <textarea
        rows={3}
        placeholder={placeholder}
        value={body}
        onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
        aria-label={label}
      />
      <div class="form-actions">
        <button class={'btn ' + (internal ? 'btn-note' : 'btn-primary')} disabled={busy || !body.trim()}>
          {label}
        </button>
      </div>
    </form>
  );
}

function Satisfaction({ ticket, onRated }: { ticket: Ticket; onRated: (t: Ticket) => void }) {
  const [hover, setHover] = useState(0);
  const [err, setErr] = useState<Error | null>(null);
  const rated = ticket.satisfaction ?? 0;
  const rate = async (n: number) => {
    setErr(null);
    try {
      onRated(await api.updateTicket(ticket.id, { satisfaction: n }));
    } catch (e) {
      setErr(e as Error);
    }
  };
  return (
    <div class="rating card">
      <div>
        <strong>{rated ? t('rating.thanks') : t('rating.ask')}</strong>
        <p class="muted">{t('rating.sub')}</p>
      </div>
      <div class="stars" role="radiogroup" aria-label={t('rating.ask')} onMouseLeave={() => setHover(0)}>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            type="button"
            role="radio"
            aria-checked={rated === n}
            aria-label={t('rating.n', { n })}
            class={'star ' + (n <= (hover || rated) ? 'lit' : '')}
            onMouseEnter={() => setHover(n)}
            onClick={() => void rate(n)}
          >
            ★
          </button>
        ))}
      </div>
      <ErrorBox error={err} />
    </div>
  );
}
