// The portal chat's client side: one conversation per user (its id kept in
// localStorage so a reload continues it), an outbox of messages not yet
// acknowledged, and a send loop that retries them in order with the same
// client_message_id until the server answers. The server deduplicates on
// client_message_id, so a retry after a lost answer never doubles a message.
import { api, ApiError, ConversationState, newClientId } from './api';
import { ChatItem, fromTranscript } from './components';
import { live } from './live';

interface Outgoing {
  cid: string;
  text: string;
  at: string;
  conversation: string;
}

export interface ChatView {
  items: ChatItem[];
  state: ConversationState | null;
  conversationId: string | null;
  error: string | null;
  ready: boolean;
  offline: boolean;
}

export class ChatController {
  private items: ChatItem[] = [];
  private state: ConversationState | null = null;
  private conversationId: string | null = null;
  private outbox: Outgoing[];
  private failed: ChatItem[] = [];
  private sending = false;
  private refreshWanted = false;
  private retryTimer: number | undefined;
  private retryDelay = 1000;
  private error: string | null = null;
  private ready = false;
  private offline = false;
  private unwatch: () => void = () => {};
  private disposers: (() => void)[] = [];

  constructor(
    private readonly user: string,
    private readonly onChange: (v: ChatView) => void,
  ) {
    this.outbox = this.loadOutbox();
  }

  private get convKey() {
    return 'sa.chat.' + this.user;
  }
  private get outboxKey() {
    return 'sa.outbox.' + this.user;
  }

  private loadOutbox(): Outgoing[] {
    try {
      const v = JSON.parse(localStorage.getItem(this.outboxKey) ?? '[]');
      return Array.isArray(v) ? v : [];
    } catch {
      return [];
    }
  }

  private saveOutbox(): void {
    if (this.outbox.length) localStorage.setItem(this.outboxKey, JSON.stringify(this.outbox));
    else localStorage.removeItem(this.outboxKey);
  }

  async start(): Promise<void> {
    this.disposers.push(
      live.on((e) => {
        if (e.type === 'conversation.message' && e.conversation_id === this.conversationId) {
          this.refresh();
        }
      }),
      live.onReconnect(() => this.refresh()),
    );
    const online = () => this.kick();
    window.addEventListener('online', online);
    this.disposers.push(() => window.removeEventListener('online', online));

    const saved = localStorage.getItem(this.convKey);
    if (saved) {
      try {
        await this.load(saved);
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
          localStorage.removeItem(this.convKey);
        } else {
          this.fail(e);
          this.scheduleStartRetry();
          return;
        }
      }
    }
    if (!this.conversationId) {
      try {
        await this.open();
      } catch (e) {
        this.fail(e);
        this.scheduleStartRetry();
        return;
      }
    }
    this.ready = true;
    this.error = null;
    this.emit();
    this.kick();
  }

  private scheduleStartRetry(): void {
    this.retryTimer = window.setTimeout(() => void this.start(), 3000);
  }

  stop(): void {
    window.clearTimeout(this.retryTimer);
    this.unwatch();
    this.disposers.forEach((d) => d());
    this.disposers = [];
  }

  // Starts a new conversation (the "new chat" button).
  async restart(): Promise<void> {
    this.outbox = this.outbox.filter((o) => o.conversation !== this.conversationId);
    this.saveOutbox();
    this.failed = [];
    localStorage.removeItem(this.convKey);
    this.items = [];
    this.state = null;
    this.emit();
    await this.open();
  }

  private async open(): Promise<void> {
    const turn = await api.openConversation();
    this.setConversation(turn.id!);
    this.items = [
      { key: 'open', role: 'bot', text: '', replies: turn.replies, at: new Date().toISOString() },
    ];
    this.state = turn.state;
    this.emit();
  }

  private setConversation(id: string): void {
    if (this.conversationId === id) return;
    this.unwatch();
    this.conversationId = id;
    localStorage.setItem(this.convKey, id);
    this.unwatch = live.watch({ conversation: id });
  }

  private async load(id: string): Promise<void> {
    const conv = await api.conversation(id);
    this.setConversation(conv.id);
    this.items = fromTranscript(conv.transcript);
    this.state = conv.state;
    this.emit();
  }

  // Re-reads the transcript (something happened elsewhere: an agent wrote,
  // the socket reconnected). Deferred while messages are in flight so the
  // transcript and the outbox never show the same message twice.
  refresh(): void {
    if (!this.conversationId) return;
    if (this.sending || this.outbox.length) {
      this.refreshWanted = true;
      return;
    }
    this.refreshWanted = false;
    this.load(this.conversationId).catch(() => {
      /* next event or reconnect tries again */
    });
  }

  send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed || !this.conversationId) return;
    this.outbox.push({
      cid: newClientId(),
      text: trimmed,
      at: new Date().toISOString(),
      conversation: this.conversationId,
    });
    this.saveOutbox();
    this.emit();
    this.kick();
  }

  // Sends what is in the outbox, oldest first, one at a time.
  private kick(): void {
    window.clearTimeout(this.retryTimer);
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.outbox.length) {
        const next = this.outbox[0];
        try {
          const turn = await api.sendMessage(next.conversation, next.text, next.cid);
          this.outbox.shift();
          this.saveOutbox();
          this.offline = false;
          this.retryDelay = 1000;
          if (next.conversation === this.conversationId) {
            this.items.push({ key: 'u' + next.cid, role: 'user', text: next.text, at: next.at });
            if (turn.replies.length) {
              this.items.push({
                key: 'b' + next.cid,
                role: 'bot',
                text: '',
                replies: turn.replies,
                at: new Date().toISOString(),
              });
            }
            this.state = turn.state;
          }
          this.emit();
        } catch (e) {
          if (e instanceof ApiError && e.retryable) {
            this.offline = true;
            this.emit();
            this.retryTimer = window.setTimeout(() => this.kick(), this.retryDelay);
            this.retryDelay = Math.min(this.retryDelay * 2, 10000);
            return;
          }
          // The server refused it (too long, conversation gone...): show why, drop it.
          this.outbox.shift();
          this.saveOutbox();
          this.failed.push({
            key: 'f' + next.cid,
            role: 'user',
            text: next.text,
            at: next.at,
            pending: 'failed',
            error: e instanceof Error ? e.message : String(e),
          });
          this.emit();
        }
      }
    } finally {
      this.sending = false;
    }
    if (this.refreshWanted) this.refresh();
  }

  private fail(e: unknown): void {
    this.error = e instanceof Error ? e.message : String(e);
    this.offline = e instanceof ApiError && e.retryable;
    this.emit();
  }

  private emit(): void {
    const pending: ChatItem[] = this.outbox
      .filter((o) => o.conversation === this.conversationId)
      .map((o, i) => ({
        key: 'p' + o.cid,
        role: 'user',
        text: o.text,
        at: o.at,
        pending: i === 0 && !this.offline ? 'sending' : 'waiting',
      }));
    this.onChange({
      items: [...this.items, ...this.failed, ...pending],
      state: this.state,
      conversationId: this.conversationId,
      error: this.error,
      ready: this.ready,
      offline: this.offline,
    });
  }
}
