// Administration: teams and members, services, the request catalog (read
// views), organization pack import with every validation error listed, and
// announcements for the portal banner (publish to groups, withdraw), API
// tokens (create, list, revoke), and the review of messages the bot did
// not understand (pages/Review.tsx).
import { useEffect, useState } from 'preact/hooks';
import { Announcement, api, ApiError, Token } from '../api';
import { Card, Empty, ErrorBox, Spinner, useAsync } from '../components';
import { fmtDateTime, t, useLang } from '../i18n';
import { navigate } from '../router';
import { ReviewView } from './Review';

const TABS = ['teams', 'services', 'catalog', 'announcements', 'import', 'tokens', 'review'] as const;
type Tab = (typeof TABS)[number];

export function AdminPage({ tab }: { tab: string }) {
  useLang();
  const current: Tab = (TABS as readonly string[]).includes(tab) ? (tab as Tab) : 'teams';
  // On a phone the tab bar scrolls sideways: keep the open tab in view.
  useEffect(() => document.querySelector('.tabs a.on')?.scrollIntoView({ block: 'nearest', inline: 'nearest' }), [current]);
  return (
    <div class="page page-wide">
      <div class="page-head">
        <div>
          <h1>{t('admin.title')}</h1>
          <p class="muted">{t('admin.subtitle')}</p>
        </div>
      </div>
      <nav class="tabs" role="tablist">
        {TABS.map((x) => (
          <a
            role="tab"
            href={'/admin/' + x}
            aria-selected={x === current}
            class={x === current ? 'on' : ''}
            onClick={(e) => {
              e.preventDefault();
              navigate('/admin/' + x, true);
            }}
          >
            {t('admin.tab.' + x)}
          </a>
        ))}
      </nav>
      {current === 'teams' && <TeamsView />}
      {current === 'services' && <ServicesView />}
      {current === 'catalog' && <CatalogView />}
      {current === 'import' && <ImportView />}
      {current === 'announcements' && <AnnouncementsView />}
      {current === 'tokens' && <TokensView />}
      {current === 'review' && <ReviewView />}
    </div>
  );
}

function TeamsView() {
  const q = useAsync(() => api.teams(), []);
  if (q.error) return <ErrorBox error={q.error} />;
  if (!q.data) return <Spinner />;
  return (
    <div class="grid-cards">
      {q.data.items.map((tm) => (
        <Card
          title={tm.name}
          actions={tm.default ? <span class="badge badge-info">{t('admin.default_team')}</span> : undefined}
        >
          <p class="muted clamp">{tm.description}</p>
          <div class="members">
            {tm.members.map((m) => (
              <span class="member">
                <span class="avatar avatar-sm" aria-hidden="true">
                  {m.slice(0, 1).toUpperCase()}
                </span>
                {m}
              </span>
            ))}
          </div>
          <div class="team-foot muted">
            {t('admin.languages')}: {tm.languages.join(', ')}
            {typeof tm.business_hours === 'object' &&
              ` · ${tm.business_hours.days.join(' ')} ${tm.business_hours.from}–${tm.business_hours.to}`}
          </div>
        </Card>
      ))}
    </div>
  );
}

function ServicesView() {
  const q = useAsync(() => api.services(), []);
  if (q.error) return <ErrorBox error={q.error} />;
  if (!q.data) return <Spinner />;
  return (
    <Card>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th>{t('admin.service')}</th>
              <th>{t('admin.owner_team')}</th>
              <th class="hide-sm">{t('admin.request_team')}</th>
              <th>{t('admin.criticality')}</th>
              <th class="hide-sm">{t('admin.aliases')}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.items.map((s) => (
              <tr>
                <td>
                  <strong>{s.name}</strong>
                  <div class="muted mono small">{s.id}</div>
                </td>
                <td>{s.owner_team}</td>
                <td class="hide-sm">{s.request_team}</td>
                <td>
                  <span class={'badge crit-' + s.criticality}>{s.criticality}</span>
                </td>
                <td class="hide-sm muted small">{s.aliases.slice(0, 4).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function CatalogView() {
  const q = useAsync(() => api.catalog(), []);
  if (q.error) return <ErrorBox error={q.error} />;
  if (!q.data) return <Spinner />;
  if (!q.data.items.length) return <Empty>{t('admin.no_catalog')}</Empty>;
  return (
    <div class="grid-cards">
      {q.data.items.map((c) => (
        <Card title={c.name} actions={<span class="badge">{c.team}</span>}>
          <p class="muted small">
            {t('admin.approval')}: {c.approval || '—'}
          </p>
          <ul class="field-list">
            {c.fields.map((f) => (
              <li>
                <span class="mono">{f.name}</span>
                <span class="muted">
                  {f.type}
                  {f.required ? ' · ' + t('admin.required') : ''}
                  {f.options ? ' · ' + f.options.join(' / ') : ''}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      ))}
    </div>
  );
}

function ImportView() {
  const [yaml, setYaml] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [err, setErr] = useState<ApiError | null>(null);
  return (
    <Card title={t('admin.import_title')}>
      <p class="muted">{t('admin.import_hint')}</p>
      <form
        class="import-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setErr(null);
          setResult(null);
          try {
            const r = await api.importPack(yaml);
            setResult(r.summary);
          } catch (x) {
            setErr(x as ApiError);
          } finally {
            setBusy(false);
          }
        }}
      >
        <input
          type="file"
          accept=".yaml,.yml,text/yaml"
          aria-label={t('admin.import_file')}
          onChange={async (e) => {
            const f = (e.target as HTMLInputElement).files?.[0];
            if (f) setYaml(await f.text());
          }}
        />
        <textarea
          class="code"
          rows={14}
          spellcheck={false}
          value={yaml}
          placeholder="format: smartassist-orgpack/1"
          aria-label={t('admin.import_title')}
          onInput={(e) => setYaml((e.target as HTMLTextAreaElement).value)}
        />
        <div class="form-actions">
          <button class="btn btn-primary" disabled={busy || !yaml.trim()}>
            {busy ? t('loading') : t('admin.import_go')}
          </button>
        </div>
      </form>
      {result && (
        <div class="alert alert-ok" role="status">
          {t('admin.imported')}: {result}
        </div>
      )}
      <ErrorBox error={err} />
    </Card>
  );
}

function TokensView() {
  const q = useAsync(() => api.tokens(), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState('integration');
  const [user, setUser] = useState('');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<Token | null>(null);
  const [err, setErr] = useState<Error | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    setErr(null);
    try {
      const expires = days ? new Date(Date.now() + Number(days) * 86400000).toISOString().replace(/\.\d+Z$/, 'Z') : undefined;
      const tk = await api.createToken({ name, role, user: user || undefined, expires });
      setCreated(tk);
      setName('');
      q.reload();
    } catch (x) {
      setErr(x as Error);
    }
  };
  const revoke = async (id: string) => {
    if (!confirm(t('admin.revoke_confirm'))) return;
    try {
      await api.revokeToken(id);
      q.reload();
    } catch (x) {
      setErr(x as Error);
    }
  };
  return (
    <div class="stack">
      <Card title={t('admin.new_token')}>
        <form class="token-form" onSubmit={create}>
          <label>
            <span>{t('admin.token_name')}</span>
            <input required value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            <span>{t('admin.token_role')}</span>
            <select value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
              {['integration', 'agent', 'admin', 'user'].map((r) => (
                <option value={r}>{r}</option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('admin.token_user')}</span>
            <input value={user} placeholder={t('admin.optional')} onInput={(e) => setUser((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            <span>{t('admin.token_days')}</span>
            <input type="number" min="1" value={days} onInput={(e) => setDays((e.target as HTMLInputElement).value)} />
          </label>
          <button class="btn btn-primary">{t('admin.create')}</button>
        </form>
        <ErrorBox error={err} />
        {created?.token && (
          <div class="alert alert-ok token-once" role="status">
            <strong>{t('admin.token_once')}</strong>
            <code class="secret">{created.token}</code>
          </div>
        )}
      </Card>
      <Card title={t('admin.tokens')}>
        {q.error && <ErrorBox error={q.error} />}
        {q.data && q.data.items.length === 0 && <Empty>{t('admin.no_tokens')}</Empty>}
        {q.data && q.data.items.length > 0 && (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th>{t('admin.token_name')}</th>
                  <th>{t('admin.token_role')}</th>
                  <th class="hide-sm">{t('admin.token_user')}</th>
                  <th class="hide-sm">{t('field.created')}</th>
                  <th>{t('admin.expires')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((tk) => (
                  <tr class={tk.revoked ? 'revoked' : ''}>
                    <td>
                      <strong>{tk.name}</strong>
                      <div class="muted mono small">{tk.id}</div>
                    </td>
                    <td>
                      <span class="badge">{tk.role}</span>
                    </td>
                    <td class="hide-sm">{tk.user ?? '—'}</td>
                    <td class="hide-sm nowrap">{fmtDateTime(tk.created)}</td>
                    <td class="nowrap">{tk.expires ? fmtDateTime(tk.expires) : t('admin.never')}</td>
                    <td class="right">
                      {tk.revoked ? (
                        <span class="badge badge-muted">{t('admin.revoked')}</span>
                      ) : (
                        <button class="btn btn-danger btn-sm" onClick={() => void revoke(tk.id)}>
                          {t('admin.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

function AnnouncementsView() {
  const q = useAsync(async () => {
    const [list, users] = await Promise.all([api.announcements(), api.users()]);
    const groups = [...new Set(users.items.flatMap((u) => u.groups))].sort();
    return { items: list.items, groups };
  }, []);
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [groups, setGroups] = useState<string[]>([]);
  const [until, setUntil] = useState('');
  const [err, setErr] = useState<Error | null>(null);
  const publish = async (e: Event) => {
    e.preventDefault();
    setErr(null);
    try {
      await api.announce({
        title,
        message,
        groups: groups.length ? groups : ['all'],
        until: until ? new Date(until).toISOString().replace(/\.\d+Z$/, 'Z') : undefined,
      });
      setTitle('');
      setMessage('');
      setGroups([]);
      setUntil('');
      q.reload();
    } catch (x) {
      setErr(x as Error);
    }
  };
  const withdraw = async (id: string) => {
    try {
      await api.withdrawAnnouncement(id);
      q.reload();
    } catch (x) {
      setErr(x as Error);
    }
  };
  const toggle = (g: string) => setGroups(groups.includes(g) ? groups.filter((x) => x !== g) : [...groups, g]);
  const state = (a: Announcement) =>
    a.withdrawn ? t('ann.withdrawn') : a.until && new Date(a.until).getTime() < Date.now() ? t('ann.expired') : null;
  return (
    <div class="stack">
      <Card title={t('ann.new')}>
        <p class="muted">{t('ann.subtitle')}</p>
        <form class="ann-form" onSubmit={publish}>
          <label>
            <span>{t('ann.field_title')}</span>
            <input required maxLength={200} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            <span>{t('ann.field_message')}</span>
            <textarea rows={3} maxLength={2000} value={message} onInput={(e) => setMessage((e.target as HTMLTextAreaElement).value)} />
          </label>
          <fieldset class="ann-groups">
            <legend>{t('ann.field_groups')}</legend>
            <label class="check">
              <input type="checkbox" checked={!groups.length} onChange={() => setGroups([])} />
              {t('ann.all')}
            </label>
            {q.data?.groups.map((g) => (
              <label class="check">
                <input type="checkbox" name="group" value={g} checked={groups.includes(g)} onChange={() => toggle(g)} />
                {g}
              </label>
            ))}
          </fieldset>
          <label>
            <span>{t('ann.field_until')}</span>
            <input type="datetime-local" value={until} onInput={(e) => setUntil((e.target as HTMLInputElement).value)} />
          </label>
          <div>
            <button class="btn btn-primary">{t('ann.publish')}</button>
          </div>
        </form>
        <ErrorBox error={err} />
      </Card>
      <Card title={t('ann.title')}>
        {q.error && <ErrorBox error={q.error} />}
        {q.data && q.data.items.length === 0 && <Empty>{t('ann.empty')}</Empty>}
        {q.data && q.data.items.length > 0 && (
          <ul class="ann-list">
            {q.data.items.map((a) => (
              <li class={'ann-row' + (state(a) ? ' revoked' : '')} key={a.id}>
                <div class="ann-main">
                  <strong>{a.title}</strong>
                  {a.message && <div class="muted">{a.message}</div>}
                  <div class="muted small">
                    {fmtDateTime(a.published)} · {a.author} · {a.groups.join(', ')}
                    {a.until && ` · → ${fmtDateTime(a.until)}`}
                  </div>
                </div>
                {state(a) ? (
                  <span class="badge badge-muted">{state(a)}</span>
                ) : (
                  <button class="btn btn-ghost btn-sm" onClick={() => void withdraw(a.id)}>
                    {t('ann.withdraw')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
