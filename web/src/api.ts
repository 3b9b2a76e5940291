// The JSON API of smartassist (/api/v1), as the browser uses it: session cookie
// (HttpOnly, set by the server at login) plus the CSRF token, which the server
// gives once at login and which every unsafe request must echo in X-CSRF-Token.

export interface ApiErrorBody {
  code: string;
  message: string;
  request_id?: string;
  details?: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
  // True when the request never got an answer (offline, server restarting...):
  // the caller may retry it as it is.
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export interface Reply {
  kind: 'text' | 'article' | 'choices' | 'ticket' | 'notice' | 'handoff' | string;
  text: string;
  from?: string;
  article_id?: string;
  title?: string;
  snippet?: string;
  url?: string;
  options?: string[];
  ticket_id?: string;
  change_id?: string;
  incident_id?: string;
  starts?: string;
  ends?: string;
  team?: string;
}

export interface Expecting {
  slot: string;
  type: string;
  options?: string[];
}

export interface ConversationState {
  status: string;
  language?: string;
  intent?: string | null;
  confidence?: number;
  service?: string | null;
  expecting?: Expecting | null;
  slots?: Record<string, unknown>;
  ticket_id?: string | null;
  team?: string | null;
}

export interface Turn {
  id?: string;
  replies: Reply[];
  state: ConversationState;
}

export interface TranscriptEntry {
  seq: number;
  role: 'user' | 'bot' | 'agent' | 'system' | string;
  author: string;
  text: string;
  at: string;
  replies?: Reply[];
}

export interface Conversation {
  id: string;
  user: string;
  channel: string;
  team: string | null;
  agent: string | null;
  created?: string;
  updated?: string;
  transcript: TranscriptEntry[];
  state: ConversationState;
}

export interface ConversationSummary {
  id: string;
  user: string;
  channel: string;
  status: string;
  team: string | null;
  agent: string | null;
  intent: string | null;
  language: string;
  updated: string;
}

export interface TicketEvent {
  seq: number;
  at: string;
  actor: string;
  channel: string;
  action: string;
  changes: Record<string, unknown> | null;
  reason: string | null;
}

export interface Comment {
  id: string;
  author: string;
  body: string;
  internal: boolean;
  channel: string | null;
  created: string;
}

export interface Ticket {
  id: string;
  type: 'incident' | 'request';
  title: string;
  description: string;
  status: string;
  priority: string;
  impact: string;
  urgency: string;
  team: string | null;
  assignee: string | null;
  service: string | null;
  config_item: string | null;
  catalog_item: string | null;
  fields: Record<string, unknown>;
  requester: string;
  conversation_id: string | null;
  resolution: string | null;
  channel: string | null;
  satisfaction: number | null;
  created: string;
  updated: string;
  resolved: string | null;
  version: number;
  events?: TicketEvent[];
  comments?: Comment[];
}

export interface User {
  id: string;
  name: string;
  email: string;
  groups: string[];
  language: string | null;
  manager: string | null;
  location: string | null;
  role: string;
  phone: string | null;
}

export interface Team {
  id: string;
  name: string;
  description: string;
  default: boolean;
  members: string[];
  languages: string[];
  business_hours: { days: string[]; from: string; to: string } | 'inherit';
}

export interface Service {
  id: string;
  name: string;
  description: string;
  aliases: string[];
  owner_team: string;
  request_team: string;
  criticality: string;
  depends_on: string[];
}

export interface CatalogItem {
  id: string;
  name: string;
  aliases: string[];
  team: string;
  approval: string;
  fields: { name: string; prompt: string; type: string; required: boolean; options?: string[] }[];
}

export interface Change {
  id: string;
  title: string;
  description: string;
  services: string[];
  start: string;
  end: string;
  outage: boolean;
  status: string;
}

export interface Announcement {
  id: string;
  title: string;
  message: string;
  groups: string[];
  published: string;
  until: string | null;
  author: string;
  withdrawn: boolean;
}

// GET /notices: what concerns the caller (services null for staff: everything).
export interface Notices {
  incidents: MajorIncident[];
  changes: Change[];
  announcements: Announcement[];
  services: string[] | null;
}

export interface MajorIncident {
  id: string;
  title: string;
  services: string[];
  started: string;
  status: string;
  message: string;
}

export interface Token {
  id: string;
  name: string;
  role: string;
  user: string | null;
  created: string;
  expires: string | null;
  revoked: boolean;
  token?: string;
}

export interface Me {
  id: string;
  role: 'user' | 'agent' | 'admin' | 'integration' | string;
  teams: string[];
}

export interface List<T> {
  items: T[];
  total?: number;
}

const CSRF_KEY = 'sa.csrf';

export function csrfToken(): string {
  return localStorage.getItem(CSRF_KEY) ?? '';
}

function isUnsafe(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

// Called when any request answers 401: the app shows the login page.
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: { raw?: string; contentType?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: string | undefined;
  if (opts.raw !== undefined) {
    payload = opts.raw;
    headers['Content-Type'] = opts.contentType ?? 'text/plain';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  if (isUnsafe(method)) headers['X-CSRF-Token'] = csrfToken();
  let res: Response;
  try {
    res = await fetch('/api/v1' + path, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'network', 'network unreachable');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = (json as { error?: ApiErrorBody } | undefined)?.error;
    if (res.status === 401 && !path.startsWith('/auth/login')) onUnauthenticated();
    throw new ApiError(
      res.status,
      err?.code ?? 'http_' + res.status,
      err?.message ?? res.statusText,
      err?.details ?? [],
    );
  }
  return json as T;
}

export const api = {
  async login(user: string, password: string): Promise<Me> {
    const r = await request<{ user: string; role: string; csrf_token: string }>(
      'POST',
      '/auth/login',
      { user, password },
    );
    localStorage.setItem(CSRF_KEY, r.csrf_token);
    return api.me();
  },
  me: () => request<Me>('GET', '/auth/me'),
  async logout(): Promise<void> {
    try {
      await request<void>('POST', '/auth/logout');
    } finally {
      localStorage.removeItem(CSRF_KEY);
    }
  },

  openConversation: () => request<Turn>('POST', '/conversations', { channel: 'web' }),
  conversation: (id: string) =>
    request<Conversation>('GET', '/conversations/' + encodeURIComponent(id)),
  conversations: (q: { status?: string; team?: string; limit?: number } = {}) =>
    request<List<ConversationSummary>>('GET', '/conversations' + query(q)),
  sendMessage: (id: string, text: string, clientMessageId: string) =>
    request<Turn>('POST', `/conversations/${encodeURIComponent(id)}/messages`, {
      text,
      client_message_id: clientMessageId,
    }),
  takeOver: (id: string) =>
    request<Turn>('POST', `/conversations/${encodeURIComponent(id)}/takeover`, {}),
  agentMessage: (id: string, text: string) =>
    request<Turn>('POST', `/conversations/${encodeURIComponent(id)}/agent-messages`, { text }),
  release: (id: string) =>
    request<Turn>('POST', `/conversations/${encodeURIComponent(id)}/release`, {}),

  tickets: (q: Record<string, string | number | boolean | undefined>) =>
    request<List<Ticket>>('GET', '/tickets' + query(q)),
  ticket: (id: string) => request<Ticket>('GET', '/tickets/' + encodeURIComponent(id)),
  updateTicket: (id: string, patch: Record<string, unknown>) =>
    request<Ticket>('PATCH', '/tickets/' + encodeURIComponent(id), patch),
  comment: (id: string, body: string, internal = false) =>
    request<Comment>('POST', `/tickets/${encodeURIComponent(id)}/comments`, { body, internal }),

  user: (id: string) => request<User>('GET', '/users/' + encodeURIComponent(id)),
  users: () => request<List<User>>('GET', '/users'),
  teams: () => request<List<Team>>('GET', '/teams'),
  services: () => request<List<Service>>('GET', '/services'),
  catalog: () => request<List<CatalogItem>>('GET', '/catalog'),
  changes: () => request<List<Change>>('GET', '/changes'),
  incidents: () => request<List<MajorIncident>>('GET', '/incidents'),
  notices: () => request<Notices>('GET', '/notices'),
  subscriptions: (user: string) =>
    request<{ services: string[]; uses: string[] }>('GET', `/users/${encodeURIComponent(user)}/subscriptions`),
  setSubscriptions: (user: string, services: string[]) =>
    request<{ services: string[] }>('PUT', `/users/${encodeURIComponent(user)}/subscriptions`, { services }),
  announcements: () => request<List<Announcement>>('GET', '/announcements'),
  announce: (a: { title: string; message: string; groups: string[]; until?: string }) =>
    request<Announcement>('POST', '/announcements', a),
  withdrawAnnouncement: (id: string) =>
    request<void>('DELETE', '/announcements/' + encodeURIComponent(id)),

  importPack: (yaml: string) =>
    request<{ summary: string }>('POST', '/admin/import', undefined, {
      raw: yaml,
      contentType: 'application/yaml',
    }),
  tokens: () => request<List<Token>>('GET', '/tokens'),
  createToken: (t: { name: string; role: string; user?: string; expires?: string }) =>
    request<Token>('POST', '/tokens', t),
  revokeToken: (id: string) => request<void>('DELETE', '/tokens/' + encodeURIComponent(id)),

  // Knowledge base: optional on the server; callers handle 404 (not there).
  searchArticles: (q: string) =>
    request<List<{ id: string; title: string; snippet: string; language?: string }>>(
      'GET',
      '/articles' + query({ q }),
    ),
  article: (id: string) =>
    request<{ id: string; title: string; html?: string; body?: string; language?: string; services?: string[] }>(
      'GET',
      '/articles/' + encodeURIComponent(id),
    ),
};

export function query(q: Record<string, string | number | boolean | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v !== undefined && v !== '') p.set(k, String(v));
  }
  const s = p.toString();
  return s ? '?' + s : '';
}

// A client_message_id: unique per message, stable across retries.
export function newClientId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return 'm-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
}

// The server has no such route (an optional part of the API is not there).
export function isMissingEndpoint(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404 && e.message.startsWith('no such endpoint');
}
