// Live updates over the server's WebSocket (/api/v1/ws). Keeps one socket,
// re-subscribes after every reconnect and tells listeners when it is back so
// they can catch up on what they missed. Messages from the server:
//   {"type": "conversation.message", "conversation_id", "entry": {...}}
//   {"type": "ticket.created" | "ticket.updated" | "ticket.commented", "ticket": {...}}
// Close code 1008 means the session was logged out (or the token revoked).
// To the server: {"op": "subscribe" | "unsubscribe", "conversations": [...], "teams": [...]}.

export interface LiveEvent {
  type: string;
  conversation_id?: string;
  ticket?: { id: string; team: string | null; requester: string; status: string };
  entry?: unknown;
}

type Listener = (e: LiveEvent) => void;

class Live {
  private ws: WebSocket | null = null;
  private conversations = new Map<string, number>();
  private teams = new Map<string, number>();
  private listeners = new Set<Listener>();
  private reconnectListeners = new Set<() => void>();
  private statusListeners = new Set<(up: boolean) => void>();
  private revokedListeners = new Set<() => void>();
  private backoff = 500;
  private timer: number | undefined;
  private wanted = false;
  up = false;

  start(): void {
    this.wanted = true;
    if (!this.ws) this.connect();
  }

  stop(): void {
    this.wanted = false;
    window.clearTimeout(this.timer);
    this.ws?.close();
    this.ws = null;
  }

  private connect(): void {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}/api/v1/ws`);
    this.ws = ws;
    let wasUp = false;
    ws.onopen = () => {
      wasUp = true;
      this.backoff = 500;
      this.setUp(true);
      this.send('subscribe', [...this.conversations.keys()], [...this.teams.keys()]);
      this.reconnectListeners.forEach((l) => l());
    };
    ws.onmessage = (m) => {
      let e: LiveEvent;
      try {
        e = JSON.parse(String(m.data));
      } catch {
        return;
      }
      this.listeners.forEach((l) => l(e));
    };
    ws.onclose = (ev) => {
      if (this.ws === ws) this.ws = null;
      this.setUp(false);
      if (ev.code === 1008) {
        // The server ended the credential (logout in another tab, revoked
        // token): do not reconnect with it; let the app re-check the session.
        this.wanted = false;
        this.revokedListeners.forEach((l) => l());
        return;
      }
      if (!this.wanted) return;
      const delay = wasUp ? 500 : this.backoff;
      this.backoff = Math.min(this.backoff * 2, 15000);
      this.timer = window.setTimeout(() => this.connect(), delay);
    };
  }

  private setUp(up: boolean): void {
    this.up = up;
    this.statusListeners.forEach((l) => l(up));
  }

  private send(op: string, conversations: string[], teams: string[]): void {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    if (!conversations.length && !teams.length) return;
    this.ws.send(JSON.stringify({ op, conversations, teams }));
  }

  // Subscribes while the returned function has not been called.
  watch(what: { conversation?: string; team?: string }): () => void {
    const [map, key] = what.conversation
      ? [this.conversations, what.conversation]
      : [this.teams, what.team ?? ''];
    if (!key) return () => {};
    const n = map.get(key) ?? 0;
    map.set(key, n + 1);
    if (n === 0) {
      const c = what.conversation ? [key] : [];
      this.send('subscribe', c, what.team ? [key] : []);
    }
    return () => {
      const left = (map.get(key) ?? 1) - 1;
      if (left > 0) {
        map.set(key, left);
        return;
      }
      map.delete(key);
      this.send('unsubscribe', what.conversation ? [key] : [], what.team ? [key] : []);
    };
  }

  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  }

  onReconnect(l: () => void): () => void {
    this.reconnectListeners.add(l);
    return () => void this.reconnectListeners.delete(l);
  }

  // Called when the server closed the socket because the session was logged
  // out or the token revoked (close code 1008).
  onRevoked(l: () => void): () => void {
    this.revokedListeners.add(l);
    return () => void this.revokedListeners.delete(l);
  }

  onStatus(l: (up: boolean) => void): () => void {
    this.statusListeners.add(l);
    return () => void this.statusListeners.delete(l);
  }
}

export const live = new Live();
