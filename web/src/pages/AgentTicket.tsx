// Agent console: one ticket with everything needed to work it: the bot
// conversation that created it (and a take-over button while it is live),
// collected fields, routing reason, requester profile with recent tickets,
// agent assist (similar resolved cases, suggested articles), comments and
// internal notes, and the actions (status, priority, reassign).
import { useEffect, useState } from 'preact/hooks';
import { api, Team, Ticket } from '../api';
import {
  Card,
  ErrorBox,
  Field,
  fromTranscript,
  PriorityBadge,
  Spinner,
  StatusBadge,
  Timeline,
  Transcript,
  useAsync,
} from '../components';
import { fmtAge, fmtDateTime, label, t, useLang } from '../i18n';
import { live } from '../live';
import { navigate } from '../router';
import { Session } from '../session';
import { CommentForm } from './Tickets';
import { AssistPanel } from '../knowledge/AssistPanel';
import { TeachBot } from '../Teach';

const STATUSES = ['new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];

export function AgentTicketPage({ session, id }: { session: Session; id: string }) {
  useLang();
  const q = useAsync(() => api.ticket(id), [id]);
  const teams = useAsync(() => api.teams(), []);
  useEffect(
    () =>
      live.on((e) => {
        if (e.ticket?.id === id) q.reload();
      }),
    [id, q.reload],
  );
  if (q.error) return <div class="page"><ErrorBox error={q.error} /></div>;
  const ticket = q.data;
  if (!ticket) return <div class="page"><Spinner /></div>;
  const created = ticket.events?.find((e) => e.action === 'created');
  return (
    <div class="page page-wide">
      <a class="back" href={'/agent?team=' + encodeURIComponent(ticket.team ?? '')}>
        ← {t('agent.queues')}
      </a>
      <div class="ticket-head">
        <div>
          <div class="ticket-id-row">
            <span class="mono">{ticket.id}</span>
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
            <span class="muted">{t('type.' + ticket.type)}</span>
          </div>
          <h1>{ticket.title}</h1>
        </div>
      </div>
      <Actions ticket={ticket} teams={teams.data?.items ?? []} session={session} onChange={q.reload} />
      <div class="two-col">
        <div class="col-main">
          <Card title={t('ticket.description')}>
            <p class="pre">{ticket.description || '—'}</p>
          </Card>
          {ticket.conversation_id && <TranscriptCard conversationId={ticket.conversation_id} />}
          <Card title={t('ticket.comments')}>
            <ul class="comments">
              {(ticket.comments ?? []).map((c) => (
                <li class={'comment ' + (c.internal ? 'internal' : c.author === ticket.requester ? 'theirs' : 'mine')} key={c.id}>
                  <div class="comment-meta">
                    <strong>{c.author}</strong>
                    {c.internal && <span class="badge badge-note">{t('ticket.internal')}</span>}
                    <time dateTime={c.created}>{fmtDateTime(c.created)}</time>
                  </div>
                  <p class="pre">{c.body}</p>
                </li>
              ))}
            </ul>
            {(ticket.comments ?? []).length === 0 && <p class="muted">{t('ticket.no_comments')}</p>}
            <ReplyBox ticketId={ticket.id} onDone={q.reload} />
          </Card>
        </div>
        <div class="col-side">
          <Card title={t('agent.routing')}>
            <p class="routing-reason">{created?.reason ?? t('agent.no_reason')}</p>
            <dl class="kvs">
              <Field label={t('field.team')}>{ticket.team}</Field>
              <Field label={t('field.assignee')}>{ticket.assignee}</Field>
              <Field label={t('field.service')}>{ticket.service}</Field>
              <Field label={t('field.config_item')}>{ticket.config_item}</Field>
              <Field label={t('field.impact')}>{label('level', ticket.impact)}</Field>
              <Field label={t('field.urgency')}>{label('level', ticket.urgency)}</Field>
              <Field label={t('field.channel')}>{ticket.channel}</Field>
              <Field label={t('field.created')}>{fmtDateTime(ticket.created)}</Field>
            </dl>
          </Card>
          <CollectedFields ticket={ticket} />
          <RequesterPanel userId={ticket.requester} current={ticket.id} />
          <AssistPanel ticket={ticket} />
          {ticket.conversation_id && (
            <TeachBot conversationId={ticket.conversation_id} service={ticket.service} />
          )}
          <Card title={t('ticket.timeline')}>
            <Timeline events={ticket.events ?? []} />
          </Card>
        </div>
      </div>
    </div>
  );
}

function Actions({
  ticket,
  teams,
  session,
  onChange,
}: {
  ticket: Ticket;
  teams: Team[];
  session: Session;
  onChange: () => void;
}) {
  const [err, setErr] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const [reassign, setReassign] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const patch = async (p: Record<string, unknown>) => {
    setBusy(true);
    setErr(null);
    try {
      await api.updateTicket(ticket.id, { ...p, version: ticket.version });
      onChange();
    } catch (e) {
      setErr(e as Error);
      onChange();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="action-bar card">
      <label class="inline-field">
        <span>{t('field.status')}</span>
        <select
          value={ticket.status}
          disabled={busy}
          aria-label={t('field.status')}
          onChange={(e) => void patch({ status: (e.target as HTMLSelectElement).value })}
        >
          {STATUSES.map((s) => (
            <option value={s}>{t('status.' + s)}</option>
          ))}
        </select>
      </label>
      <label class="inline-field">
        <span>{t('field.priority')}</span>
        <select
          value={ticket.priority}
          disabled={busy}
          aria-label={t('field.priority')}
          onChange={(e) => void patch({ priority: (e.target as HTMLSelectElement).value })}
        >
          {PRIORITIES.map((p) => (
            <option value={p}>{p}</option>
          ))}
        </select>
      </label>
      <label class="inline-field">
        <span>{t('field.team')}</span>
        <select
          value={reassign ?? ticket.team ?? ''}
          disabled={busy}
          aria-label={t('field.team')}
          onChange={(e) => setReassign((e.target as HTMLSelectElement).value)}
        >
          {!ticket.team && <option value="">—</option>}
          {teams.map((tm) => (
            <option value={tm.id}>{tm.name}</option>
          ))}
        </select>
      </label>
      {ticket.assignee !== session.me.id && (
        <button class="btn btn-ghost" disabled={busy} onClick={() => void patch({ assignee: session.me.id })}>
          {t('agent.assign_me')}
        </button>
      )}
      {reassign !== null && reassign !== (ticket.team ?? '') && (
        <form
          class="reassign"
          onSubmit={(e) => {
            e.preventDefault();
            void patch({ team: reassign, assignee: null, reason: reason || undefined }).then(() => {
              setReassign(null);
              setReason('');
            });
          }}
        >
          <input
            value={reason}
            placeholder={t('agent.reassign_reason')}
            aria-label={t('agent.reassign_reason')}
            onInput={(e) => setReason((e.target as HTMLInputElement).value)}
          />
          <button class="btn btn-primary" disabled={busy}>
            {t('agent.reassign')}
          </button>
          <button type="button" class="btn btn-ghost" onClick={() => setReassign(null)}>
            {t('cancel')}
          </button>
        </form>
      )}
      <ErrorBox error={err} />
    </div>
  );
}

function ReplyBox({ ticketId, onDone }: { ticketId: string; onDone: () => void }) {
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  return (
    <div class={'reply-box mode-' + mode}>
      <div class="seg seg-sm" role="tablist">
        <button role="tab" aria-selected={mode === 'reply'} class={mode === 'reply' ? 'on' : ''} onClick={() => setMode('reply')}>
          {t('agent.public_reply')}
        </button>
        <button role="tab" aria-selected={mode === 'note'} class={mode === 'note' ? 'on' : ''} onClick={() => setMode('note')}>
          {t('agent.internal_note')}
        </button>
      </div>
      <CommentForm
        key={mode}
        ticketId={ticketId}
        onDone={onDone}
        internal={mode === 'note'}
        label={mode === 'note' ? t('agent.add_note') : t('agent.send_reply')}
        placeholder={mode === 'note' ? t('agent.note_hint') : t('agent.reply_hint')}
      />
    </div>
  );
}

function TranscriptCard({ conversationId }: { conversationId: string }) {
  const q = useAsync(() => api.conversation(conversationId), [conversationId]);
  useEffect(() => {
    const unwatch = live.watch({ conversation: conversationId });
    const off = live.on((e) => {
      if (e.conversation_id === conversationId) q.reload();
    });
    return () => {
      unwatch();
      off();
    };
  }, [conversationId, q.reload]);
  const conv = q.data;
  const liveNow = conv && conv.state.status !== 'closed';
  return (
    <Card
      title={t('agent.transcript')}
      actions={
        liveNow && (
          <a class="btn btn-primary btn-sm" href={'/agent/conversations/' + encodeURIComponent(conversationId)}>
            {conv?.agent ? t('agent.open_chat') : t('agent.take_over')}
          </a>
        )
      }
    >
      {q.error && <ErrorBox error={q.error} />}
      {!conv && !q.error && <Spinner />}
      {conv && (
        <div class="transcript-box">
          <Transcript items={fromTranscript(conv.transcript)} viewer="agent" />
        </div>
      )}
    </Card>
  );
}

function CollectedFields({ ticket }: { ticket: Ticket }) {
  const entries = Object.entries(ticket.fields ?? {});
  if (!entries.length && !ticket.catalog_item) return null;
  return (
    <Card title={t('agent.collected')}>
      <dl class="kvs">
        {ticket.catalog_item && <Field label={t('field.catalog_item')}>{ticket.catalog_item}</Field>}
        {entries.map(([k, v]) => (
          <Field label={k.replace(/_/g, ' ')}>{typeof v === 'string' ? v : JSON.stringify(v)}</Field>
        ))}
      </dl>
    </Card>
  );
}

function RequesterPanel({ userId, current }: { userId: string; current: string }) {
  const user = useAsync(() => api.user(userId), [userId]);
  const recent = useAsync(() => api.tickets({ requester: userId, limit: 6 }), [userId]);
  const uses = useAsync(async () => {
    const [subs, services] = await Promise.all([api.subscriptions(userId), api.services()]);
    return subs.uses.map((id) => services.items.find((x) => x.id === id)?.name ?? id);
  }, [userId]);
  const u = user.data;
  return (
    <Card title={t('agent.requester')}>
      {user.error && <p class="muted">{userId}</p>}
      {u && (
        <div class="profile">
          <div class="profile-head">
            <span class="avatar avatar-lg" aria-hidden="true">
              {initials(u.name)}
            </span>
            <div>
              <strong>{u.name}</strong>
              <div class="muted">{u.email}</div>
            </div>
          </div>
          <dl class="kvs">
            <Field label={t('profile.groups')}>{u.groups.join(', ') || null}</Field>
            <Field label={t('profile.services')}>{uses.data?.join(', ') || null}</Field>
            <Field label={t('profile.location')}>{u.location}</Field>
            <Field label={t('profile.language')}>{u.language}</Field>
            <Field label={t('profile.manager')}>{u.manager}</Field>
            <Field label={t('profile.phone')}>{u.phone}</Field>
          </dl>
        </div>
      )}
      {recent.data && (
        <>
          <h3 class="sub-head">{t('agent.recent_tickets')}</h3>
          <ul class="mini-tickets">
            {recent.data.items
              .filter((x) => x.id !== current)
              .slice(0, 5)
              .map((x) => (
                <li>
                  <a href={'/agent/tickets/' + encodeURIComponent(x.id)} onClick={(e) => {
                    e.preventDefault();
                    navigate('/agent/tickets/' + encodeURIComponent(x.id));
                  }}>
                    <span class="mono">{x.id}</span>
                    <span class="mini-title">{x.title}</span>
                    <span class="muted nowrap">{fmtAge(x.created)}</span>
                  </a>
                </li>
              ))}
          </ul>
          {recent.data.items.filter((x) => x.id !== current).length === 0 && <p class="muted">{t('agent.no_recent')}</p>}
        </>
      )}
    </Card>
  );
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
}
