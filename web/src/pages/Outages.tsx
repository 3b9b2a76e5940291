// The notices banner of the portal: what GET /api/v1/notices says concerns
// the user (open major incidents and planned outages on the services of their
// groups or that they follow, announcements for their groups), and the
// "My services" page where they choose what else to follow. Dismissed items
// stay hidden this browser session; the banner re-reads after a reconnect.
import { useEffect, useState } from 'preact/hooks';
import { Announcement, api, Change, MajorIncident } from '../api';
import { ErrorBox, Spinner, useAsync } from '../components';
import { fmtDateTime, t, useLang } from '../i18n';
import { live } from '../live';
import { Session } from '../session';

type Item =
  | { id: string; kind: 'incident'; inc: MajorIncident }
  | { id: string; kind: 'change'; chg: Change }
  | { id: string; kind: 'announcement'; ann: Announcement };

// Drawn, not typed: emoji and symbol glyphs are missing from many fonts.
const ICON = {
  incident: <path d="M12 6v7M12 16.5v.5" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" />,
  change: (
    <g fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round">
      <circle cx="12" cy="12" r="6.5" />
      <path d="M12 8.5V12l2.5 1.5" />
    </g>
  ),
  announcement: <path d="M12 10.5v6M12 7v.5" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" />,
};

export function OutageBanner() {
  const { data, reload } = useAsync(() => api.notices(), []);
  useEffect(() => live.onReconnect(reload), [reload]);
  const [hidden, setHidden] = useState<string[]>(() => JSON.parse(sessionStorage.getItem('sa.hidden') ?? '[]'));
  const { data: services } = useAsync(() => api.services(), []);
  const [open, setOpen] = useState<string | null>(null);
  if (!data) return null;
  const name = (id: string) => services?.items.find((s) => s.id === id)?.name ?? id;
  const hide = (id: string) => {
    const next = [...hidden, id];
    sessionStorage.setItem('sa.hidden', JSON.stringify(next));
    setHidden(next);
  };
  const items: Item[] = [
    ...data.incidents.map((i) => ({ id: i.id, kind: 'incident' as const, inc: i })),
    ...data.changes.map((c) => ({ id: c.id, kind: 'change' as const, chg: c })),
    ...data.announcements.map((a) => ({ id: a.id, kind: 'announcement' as const, ann: a })),
  ].filter((x) => !hidden.includes(x.id));
  if (!items.length) return null;
  return (
    <div class="banners" role="region" aria-label={t('outage.region')}>
      {items.map((x) => {
        const affected = x.kind === 'incident' ? x.inc.services : x.kind === 'change' ? x.chg.services : [];
        return (
          <div class={'banner banner-' + x.kind + (open === x.id ? ' open' : '')} key={x.id} data-notice={x.id}>
            <span class="banner-icon" aria-hidden="true">
              <svg viewBox="0 0 24 24" width="18" height="18">
                {ICON[x.kind]}
              </svg>
            </span>
            <div
              class="banner-body"
              title={open === x.id ? undefined : t('outage.more')}
              onClick={() => setOpen(open === x.id ? null : x.id)}
            >
              <strong>
                {t(x.kind === 'change' ? 'outage.planned' : 'outage.' + x.kind)}:{' '}
                {x.kind === 'incident' ? x.inc.title : x.kind === 'change' ? x.chg.title : x.ann.title}
              </strong>
              <span class="banner-text">
                {x.kind === 'incident'
                  ? x.inc.message
                  : x.kind === 'change'
                    ? `${fmtDateTime(x.chg.start)} – ${fmtDateTime(x.chg.end)}. ${x.chg.description}`
                    : x.ann.message}
              </span>
              {affected.length > 0 && (
                <span class="banner-meta">
                  {t('outage.affects')}: {affected.map(name).join(', ')}
                </span>
              )}
            </div>
            <button type="button" class="banner-close" aria-label={t('dismiss')} onClick={() => hide(x.id)}>
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}

// /services: the services the user's groups use (always followed) and the
// others, which they may follow to hear of their outages too.
export function MyServicesPage({ session }: { session: Session }) {
  useLang();
  const me = session.me.id;
  const { data, error, loading, set } = useAsync(async () => {
    const [all, subs, notices] = await Promise.all([api.services(), api.subscriptions(me), api.notices()]);
    return { all: all.items, subs: subs.services, mine: notices.services ?? [] };
  }, [me]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  if (loading && !data) return <Spinner />;
  if (!data) return <ErrorBox error={error} />;
  const fromGroups = (id: string) => data.mine.includes(id) && !data.subs.includes(id);
  const toggle = async (id: string, on: boolean) => {
    setSaving(true);
    setSaveError(null);
    const next = on ? [...data.subs, id] : data.subs.filter((s) => s !== id);
    set({ ...data, subs: next }); // at once; put back if the server refuses
    try {
      const r = await api.setSubscriptions(me, next);
      const notices = await api.notices();
      set({ ...data, subs: r.services, mine: notices.services ?? [] });
    } catch (e) {
      set(data);
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };
  const group = data.all.filter((s) => fromGroups(s.id));
  const others = data.all.filter((s) => !fromGroups(s.id));
  return (
    <div class="page page-narrow">
      <div class="page-head">
        <div>
          <h1>{t('services.title')}</h1>
          <p class="muted">{t('services.subtitle')}</p>
        </div>
      </div>
      <ErrorBox error={saveError as never} />
      <section class="card">
        <div class="card-head">
          <div>
            <h2>{t('services.yours')}</h2>
            <p class="muted small">{t('services.yours_hint')}</p>
          </div>
        </div>
        <ul class="svc-list">
          {group.map((s) => (
            <li class="svc-row" key={s.id}>
              <span class="svc-check" aria-hidden="true">✓</span>
              <span class="svc-name">{s.name}</span>
            </li>
          ))}
          {!group.length && <li class="svc-row muted">{t('services.none')}</li>}
        </ul>
      </section>
      <section class="card">
        <div class="card-head">
          <div>
            <h2>{t('services.others')}</h2>
            <p class="muted small">{t('services.others_hint')}</p>
          </div>
        </div>
        <ul class="svc-list">
          {others.map((s) => {
            const on = data.subs.includes(s.id);
            return (
              <li class="svc-row" key={s.id}>
                <label class="svc-toggle">
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={saving}
                    data-service={s.id}
                    onChange={(e) => void toggle(s.id, (e.target as HTMLInputElement).checked)}
                  />
                  <span class="svc-name">{s.name}</span>
                </label>
                {s.description && <span class="muted small svc-desc">{s.description}</span>}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
