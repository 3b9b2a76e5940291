// The outage banner: open major incidents and planned outages starting within
// the next two weeks (or under way). Dismissed items stay hidden this session.
import { useState } from 'preact/hooks';
import { api, Change, MajorIncident } from '../api';
import { useAsync } from '../components';
import { fmtDateTime, t } from '../i18n';

const HORIZON_MS = 14 * 24 * 3600 * 1000;

export function relevantChanges(changes: Change[], now = Date.now()): Change[] {
  return changes
    .filter((c) => c.outage && (c.status === 'scheduled' || c.status === 'in_progress'))
    .filter((c) => new Date(c.end).getTime() > now && new Date(c.start).getTime() < now + HORIZON_MS)
    .sort((a, b) => a.start.localeCompare(b.start));
}

export function OutageBanner() {
  const { data } = useAsync(async () => {
    const [inc, chg] = await Promise.all([api.incidents(), api.changes()]);
    return { incidents: inc.items.filter((i) => i.status !== 'resolved'), changes: relevantChanges(chg.items) };
  }, []);
  const [hidden, setHidden] = useState<string[]>(() => JSON.parse(sessionStorage.getItem('sa.hidden') ?? '[]'));
  if (!data) return null;
  const hide = (id: string) => {
    const next = [...hidden, id];
    sessionStorage.setItem('sa.hidden', JSON.stringify(next));
    setHidden(next);
  };
  const items: { id: string; kind: 'incident' | 'change'; inc?: MajorIncident; chg?: Change }[] = [
    ...data.incidents.map((i) => ({ id: i.id, kind: 'incident' as const, inc: i })),
    ...data.changes.map((c) => ({ id: c.id, kind: 'change' as const, chg: c })),
  ].filter((x) => !hidden.includes(x.id));
  if (!items.length) return null;
  return (
    <div class="banners" role="region" aria-label={t('outage.region')}>
      {items.map((x) => (
        <div class={'banner banner-' + x.kind} key={x.id}>
          <span class="banner-icon" aria-hidden="true">{x.kind === 'incident' ? '!' : '⏱'}</span>
          <div class="banner-body">
            <strong>
              {x.kind === 'incident' ? t('outage.incident') : t('outage.planned')}: {x.inc?.title ?? x.chg?.title}
            </strong>
            <span class="banner-text">
              {x.inc
                ? x.inc.message
                : `${fmtDateTime(x.chg!.start)} – ${fmtDateTime(x.chg!.end)}. ${x.chg!.description}`}
            </span>
          </div>
          <button type="button" class="banner-close" aria-label={t('dismiss')} onClick={() => hide(x.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
