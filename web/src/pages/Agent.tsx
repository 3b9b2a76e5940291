// Agent console: team queues (open tickets per team, with counts and the age
// of the oldest), the selected queue's tickets, and the conversations that a
// person may take over. New tickets arrive over the WebSocket without reload.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ConversationSummary, Team, Ticket } from '../api';
import { Card, Empty, ErrorBox, PriorityBadge, Spinner, StatusBadge, useAsync, useTick } from '../components';
import { fmtAge, label, t, useLang } from '../i18n';
import { live } from '../live';
import { navigate } from '../router';
import { Session } from '../session';

const PRIO_ORDER: Record<string, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };

export function QueuesPage({ session }: { session: Session }) {
  useLang();
  const now = useTick(30000);
  const params = new URLSearchParams(location.search);
  const teamsQ = useAsync(() => api.teams(), []);
  const ticketsQ = useAsync(() => api.tickets({ open: true, limit: 500 }), []);
  const [fresh, setFresh] = useState<string[]>([]);
  const teams = useMemo(() => sortTeams(teamsQ.data?.items ?? [], session.me.teams), [teamsQ.data, session.me.teams]);
  const selected = params.get('team') ?? session.me.teams[0] ?? teams[0]?.id ?? '';

  useEffect(() => {
    const unwatch = live.watch({ team: '*' });
    const off = live.on((e) => {
      if (e.type === 'ticket.created' && e.ticket) setFresh((f) => [...f, e.ticket!.id]);
      if (e.type.startsWith('ticket.')) ticketsQ.reload();
    });
    const offRe = live.onReconnect(() => ticketsQ.reload());
    return () => {
      unwatch();
      off();
      offRe();
    };
  }, [ticketsQ.reload]);

  const byTeam = useMemo(() => {
    const m = new Map<string, Ticket[]>();
    for (const tk of ticketsQ.data?.items ?? []) {
      const k = tk.team ?? '';
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(tk);
    }
    return m;
  }, [ticketsQ.data]);

  const queue = (byTeam.get(selected) ?? []).slice().sort(
    (a, b) => (PRIO_ORDER[a.priority] ?? 9) - (PRIO_ORDER[b.priority] ?? 9) || a.created.localeCompare(b.created),
  );
  const unassigned = byTeam.get('') ?? [];

  return (
    <div class="page page-wide">
      <div class="page-head">
        <div>
          <h1>{t('agent.queues')}</h1>
          <p class="muted">{t('agent.queues_sub')}</p>
        </div>
        <LiveDot />
      </div>
      <ErrorBox error={teamsQ.error ?? ticketsQ.error} />
      <div class="queue-layout">
        <nav class="queue-list card" aria-label={t('agent.queues')}>
          {teams.map((team) => {
            const items = byTeam.get(team.id) ?? [];
            const oldest = items.reduce<string | null>((o, x) => (!o || x.created < o ? x.created : o), null);
            const mine = session.me.teams.includes(team.id);
            return (
              <a
                class={'queue-item ' + (team.id === selected ? 'on' : '')}
                href={'/agent?team=' + encodeURIComponent(team.id)}
                data-team={team.id}
                aria-current={team.id === selected ? 'page' : undefined}
              >
                <span class="queue-name">
                  {team.name}
                  {mine && <span class="mine-dot" title={t('agent.my_team')} />}
                </span>
                <span class="queue-age muted">{oldest ? t('agent.oldest', { age: fmtAge(oldest, now) }) : t('agent.empty_queue')}</span>
                <span class={'count ' + (items.length ? 'has' : '')} data-count={items.length}>
                  {items.length}
                </span>
              </a>
            );
          })}
          {unassigned.length > 0 && (
            <a class={'queue-item ' + (selected === '' ? 'on' : '')} href="/agent?team=">
              <span class="queue-name">{t('agent.no_team')}</span>
              <span class="queue-age muted" />
              <span class="count has">{unassigned.length}</span>
            </a>
          )}
        </nav>
        <div class="queue-main">
          <Card
            title={teams.find((x) => x.id === selected)?.name ?? t('agent.no_team')}
            actions={<span class="muted">{t('agent.n_open', { n: queue.length })}</span>}
          >
            {ticketsQ.loading && !ticketsQ.data && <Spinner />}
            {ticketsQ.data && queue.length === 0 && <Empty>{t('agent.queue_clear')}</Empty>}
            {queue.length > 0 && (
              <div class="table-wrap">
                <table class="table queue-table">
                  <thead>
                    <tr>
                      <th>{t('field.priority')}</th>
                      <th>{t('field.ticket')}</th>
                      <th class="hide-sm">{t('field.requester')}</th>
                      <th>{t('field.status')}</th>
                      <th class="hide-sm">{t('field.assignee')}</th>
                      <th>{t('field.age')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {queue.map((tk) => (
                      <tr
                        key={tk.id}
                        class={'clickable ' + (fresh.includes(tk.id) ? 'fresh' : '')}
                        data-ticket={tk.id}
                        onClick={() => navigate('/agent/tickets/' + encodeURIComponent(tk.id))}
                      >
                        <td>
                          <PriorityBadge priority={tk.priority} />
                        </td>
                        <td class="cell-title">
                          <a href={'/agent/tickets/' + encodeURIComponent(tk.id)} class="mono">
                            {tk.id}
                          </a>
                          <span>{tk.title}</span>
                        </td>
                        <td class="hide-sm">{tk.requester}</td>
                        <td>
                          <StatusBadge status={tk.status} />
                        </td>
                        <td class="hide-sm">{tk.assignee ?? <span class="muted">—</span>}</td>
                        <td class="nowrap">{fmtAge(tk.created, now)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
          <LiveConversations now={now} me={session.me.id} />
        </div>
      </div>
    </div>
  );
}

function sortTeams(teams: Team[], mine: string[]): Team[] {
  return teams.slice().sort((a, b) => Number(mine.includes(b.id)) - Number(mine.includes(a.id)) || a.name.localeCompare(b.name));
}

export function LiveDot() {
  const [up, setUp] = useState(live.up);
  useEffect(() => {
    setUp(live.up); // it may have connected before this effect ran
    return live.onStatus(setUp);
  }, []);
  return (
    <span class={'live-dot ' + (up ? 'up' : 'down')} role="status">
      <span class="dot" />
      {up ? t('live.on') : t('live.off')}
    </span>
  );
}

// Conversations an agent may join: still going (not closed or resolved),
// with something said (an intent), and not the agent's own chats with the bot.
function LiveConversations({ now, me }: { now: number; me: string }) {
  const q = useAsync(() => api.conversations({ limit: 50 }), []);
  useEffect(() => {
    const off = live.on((e) => {
      if (e.type === 'conversation.message' || e.type === 'ticket.created') q.reload();
    });
    return off;
  }, [q.reload]);
  const items = (q.data?.items ?? []).filter(
    (c: ConversationSummary) => c.status !== 'closed' && c.status !== 'resolved' && c.intent !== null && c.user !== me,
  );
  return (
    <Card title={t('agent.conversations')} actions={<span class="muted">{t('agent.conversations_sub')}</span>}>
      {q.error && <ErrorBox error={q.error} />}
      {q.data && items.length === 0 && <Empty>{t('agent.no_conversations')}</Empty>}
      {items.length > 0 && (
        <ul class="conv-list">
          {items.map((c) => (
            <li key={c.id}>
              <a class="conv-item" href={'/agent/conversations/' + encodeURIComponent(c.id)}>
                <span class="avatar" aria-hidden="true">
                  {c.user.slice(0, 1).toUpperCase()}
                </span>
                <span class="conv-main">
                  <strong>{c.user}</strong>
                  <span class="muted">
                    {c.intent ? label('intent', c.intent) : t('agent.no_intent')}
                    {c.team ? ' · ' + c.team : ''}
                  </span>
                </span>
                <span class={'badge conv-' + c.status}>{label('conv', c.status)}</span>
                <span class="muted nowrap">{fmtAge(c.updated, now)}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
