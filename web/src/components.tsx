// Small pieces shared by the pages. User-provided text is only ever rendered
// as text nodes (JSX escaping); nothing here uses dangerouslySetInnerHTML.
import { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, Reply, TicketEvent, TranscriptEntry } from './api';
import { fmtDateTime, fmtTime, t } from './i18n';

// Runs `load` on mount and whenever deps change; reload() runs it again.
export function useAsync<T>(
  load: () => Promise<T>,
  deps: unknown[],
): { data: T | undefined; error: ApiError | null; loading: boolean; reload: () => void; set: (v: T) => void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const gen = useRef(0);
  const run = useCallback(() => {
    const mine = ++gen.current;
    setLoading(true);
    load().then(
      (v) => {
        if (mine !== gen.current) return;
        setData(v);
        setError(null);
        setLoading(false);
      },
      (e) => {
        if (mine !== gen.current) return;
        setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(run, [run]);
  return { data, error, loading, reload: run, set: setData };
}

export function Spinner({ label }: { label?: string }) {
  return (
    <div class="spinner" role="status">
      <span class="spinner-dot" />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}

export function ErrorBox({ error }: { error: ApiError | Error | string | null }) {
  if (!error) return null;
  const msg = typeof error === 'string' ? error : error.message;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div class="alert alert-error" role="alert">
      <strong>{msg}</strong>
      {details.length > 0 && (
        <ul class="error-list">
          {details.map((d) => (
            <li>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

export function Card({
  title,
  actions,
  children,
  class: cls,
}: {
  title?: ComponentChildren;
  actions?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <section class={'card ' + (cls ?? '')}>
      {(title || actions) && (
        <header class="card-head">
          {title && <h2>{title}</h2>}
          {actions && <div class="card-actions">{actions}</div>}
        </header>
      )}
      <div class="card-body">{children}</div>
    </section>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={'badge status-' + status}>{t('status.' + status)}</span>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  if (!priority) return null;
  return (
    <span class={'badge prio prio-' + priority.toLowerCase()} title={t('field.priority')}>
      {priority}
    </span>
  );
}

// One bot/agent reply, by kind (shared/API-CONTRACT.md).
export function ReplyView({
  reply,
  active,
  onChoose,
}: {
  reply: Reply;
  active: boolean;
  onChoose?: (option: string) => void;
}) {
  switch (reply.kind) {
    case 'article':
      return (
        <div class="reply reply-article">
          {reply.text && reply.text !== reply.title && <p class="reply-text">{reply.text}</p>}
          <a class="article-card" href={safeUrl(reply.url) ?? `/kb/${encodeURIComponent(reply.article_id ?? '')}`}>
            <span class="article-kicker">{t('chat.article')}</span>
            <strong class="article-title">{reply.title}</strong>
            {reply.snippet && <span class="article-snippet">{reply.snippet}</span>}
            <span class="article-link">{t('chat.read_article')} →</span>
          </a>
        </div>
      );
    case 'choices':
      return (
        <div class="reply reply-choices">
          <p class="reply-text">{reply.text}</p>
          <div class="choice-row">
            {(reply.options ?? []).map((o) => (
              <button
                type="button"
                class="chip"
                disabled={!active || !onChoose}
                onClick={() => onChoose?.(o)}
              >
                {o}
              </button>
            ))}
          </div>
        </div>
      );
    case 'ticket':
      return (
        <div class="reply reply-ticket">
          <p class="reply-text">{reply.text}</p>
          {reply.ticket_id && (
            <a class="ticket-chip" href={`/tickets/${encodeURIComponent(reply.ticket_id)}`}>
              <span class="ticket-chip-icon" aria-hidden="true">#</span>
              {reply.ticket_id}
              <span class="ticket-chip-go">{t('chat.view_ticket')} →</span>
            </a>
          )}
        </div>
      );
    case 'notice':
      return (
        <div class="reply reply-notice" role="note">
          <div class="notice-head">
            <span class="notice-icon" aria-hidden="true">!</span>
            <strong>{reply.incident_id ? t('chat.major_incident') : t('chat.planned_change')}</strong>
          </div>
          <p class="reply-text">{reply.text}</p>
          {(reply.starts || reply.ends) && (
            <p class="notice-window">
              {reply.starts && fmtDateTime(reply.starts)}
              {reply.ends && ' – ' + fmtDateTime(reply.ends)}
            </p>
          )}
        </div>
      );
    case 'handoff':
      return (
        <div class="reply reply-handoff" role="status">
          <div class="handoff-head">
            <span class="handoff-icon" aria-hidden="true">⇄</span>
            <strong>{t('chat.handoff')}</strong>
          </div>
          <p class="reply-text">{reply.text}</p>
        </div>
      );
    default:
      return (
        <div class="reply">
          <p class="reply-text">{reply.text}</p>
        </div>
      );
  }
}

// Only same-site relative links or http(s) URLs from the server become hrefs.
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export interface ChatItem {
  key: string;
  role: TranscriptEntry['role'];
  author?: string;
  text: string;
  replies?: Reply[];
  at?: string;
  pending?: 'sending' | 'waiting' | 'failed';
  error?: string;
}

export function fromTranscript(entries: TranscriptEntry[]): ChatItem[] {
  return entries.map((e) => ({
    key: 's' + e.seq,
    role: e.role,
    author: e.author,
    text: e.text,
    replies: e.replies,
    at: e.at,
  }));
}

// A conversation as bubbles. `viewer` decides which side is "mine".
export function Transcript({
  items,
  viewer,
  onChoose,
  names,
}: {
  items: ChatItem[];
  viewer: 'user' | 'agent';
  onChoose?: (option: string) => void;
  names?: Record<string, string>;
}) {
  const lastBot = findLastIndex(items, (i) => i.role === 'bot');
  return (
    <ol class="transcript" aria-live="polite">
      {items.map((item, idx) => {
        if (item.role === 'system') {
          return (
            <li class="msg-system" key={item.key}>
              <span>{item.text}</span>
            </li>
          );
        }
        const mine = viewer === 'user' ? item.role === 'user' : item.role === 'agent';
        const who =
          item.role === 'user'
            ? viewer === 'user'
              ? t('chat.you')
              : names?.[item.author ?? ''] ?? item.author
            : item.role === 'agent'
              ? names?.[item.author ?? ''] ?? item.author ?? t('chat.agent')
              : t('chat.bot');
        const replies =
          item.replies && item.replies.length > 0 ? item.replies : item.role === 'user' ? [] : [{ kind: 'text', text: item.text }];
        return (
          <li class={`msg ${mine ? 'mine' : 'theirs'} role-${item.role}`} key={item.key} data-role={item.role}>
            <div class="msg-meta">
              <span class="msg-who">{who}</span>
              {item.at && <time dateTime={item.at}>{fmtTime(item.at)}</time>}
            </div>
            {item.role === 'user' ? (
              <div class="bubble">
                <p class="reply-text">{item.text}</p>
              </div>
            ) : (
              <div class="bubble">
                {replies.map((r) => (
                  <ReplyView reply={r} active={idx === lastBot && viewer === 'user'} onChoose={onChoose} />
                ))}
              </div>
            )}
            {item.pending && (
              <div class={'msg-pending pending-' + item.pending}>
                {item.pending === 'failed' ? item.error ?? t('chat.failed') : t('chat.' + item.pending)}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function findLastIndex<T>(xs: T[], f: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (f(xs[i])) return i;
  return -1;
}

// The status history of a ticket, newest last.
export function Timeline({
  events,
  names,
  reasons = true,
}: {
  events: TicketEvent[];
  names?: Record<string, string>;
  reasons?: boolean;
}) {
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li class={'tl-item tl-' + e.action} key={e.seq}>
          <span class="tl-dot" aria-hidden="true" />
          <div class="tl-body">
            <div class="tl-title">
              <strong>{eventTitle(e)}</strong>
              <time dateTime={e.at}>{fmtDateTime(e.at)}</time>
            </div>
            <div class="tl-meta">
              {names?.[e.actor] ?? e.actor}
              {e.channel && <span class="muted"> · {e.channel}</span>}
            </div>
            {reasons && e.reason && <div class="tl-reason">{e.reason}</div>}
          </div>
        </li>
      ))}
    </ol>
  );
}

function eventTitle(e: TicketEvent): string {
  const ch = (e.changes ?? {}) as Record<string, unknown>;
  const status = ch['status'];
  if (e.action === 'created') return t('event.created');
  if (status && typeof status === 'object' && status !== null && 'new' in status) {
    return t('event.status', { status: t('status.' + String((status as { new: unknown }).new)) });
  }
  const key = 'event.' + e.action;
  const s = t(key);
  return s === key ? e.action.replace(/_/g, ' ') : s;
}

export function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="kv">
      <dt>{label}</dt>
      <dd>{children ?? '—'}</dd>
    </div>
  );
}

// Ticks every `ms` so ages ("5 min") stay current.
export function useTick(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return now;
}
