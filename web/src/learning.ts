// The learning loop as the web app uses it (docs/NLU.md, "Learning loop"):
// the review list of messages the bot did not understand, labelling them, and
// agents' corrections of a conversation. Staff only on the server. The UI
// strings of these pages live here (en, ru, zh) so they stay in one place.
import { List, request, query } from './api';
import { lang } from './i18n';

export interface Utterance {
  id: number;
  text: string;
  language: string;
  conversation_id: string;
  label: string | null;
  at: string;
}

export interface IntentInfo {
  name: string;
  coarse: string;
}

export interface Correction {
  intent?: string;
  service?: string;
  team?: string;
  text?: string;
}

export const learningApi = {
  utterances: (status: 'unlabelled' | 'labelled' | 'all', limit = 100) =>
    request<List<Utterance> & { total: number }>('GET', '/learning/utterances' + query({ status, limit })),
  label: (id: number, intent: string) =>
    request<Utterance>('POST', `/learning/utterances/${id}/label`, { intent }),
  intents: () => request<List<IntentInfo>>('GET', '/learning/intents'),
  correct: (conversationId: string, c: Correction) =>
    request<{ text: string; examples: { id: number; kind: string; label: string }[] }>(
      'POST',
      `/conversations/${encodeURIComponent(conversationId)}/corrections`,
      c,
    ),
};

const strings: Record<string, Record<string, string>> = {
  en: {
    tab: 'Review',
    title: 'Messages the bot did not understand',
    hint: 'Pick what each message meant; labelled messages become training data for the next retrain.',
    empty: 'Nothing to review: the bot understood every message.',
    pending: '{n} to review',
    intent: 'Meaning',
    choose: 'Choose an intent…',
    label: 'Label',
    labelled: 'Labelled as {intent}',
    show_labelled: 'Show labelled',
    conversation: 'Conversation',
    teach: 'Teach the bot',
    teach_hint: 'Wrong intent or service? Correct it; the bot learns from it at the next retrain.',
    service: 'Service',
    team: 'Team',
    none: '(unchanged)',
    save: 'Save correction',
    saved: 'Thanks, the correction was stored ({n}).',
    utterance: 'What the user said (optional)',
  },
  ru: {
    tab: 'Разбор',
    title: 'Сообщения, которые бот не понял',
    hint: 'Выберите, что означало каждое сообщение; размеченные сообщения станут обучающими данными.',
    empty: 'Разбирать нечего: бот понял все сообщения.',
    pending: 'Ждут разбора: {n}',
    intent: 'Смысл',
    choose: 'Выберите намерение…',
    label: 'Разметить',
    labelled: 'Размечено: {intent}',
    show_labelled: 'Показать размеченные',
    conversation: 'Диалог',
    teach: 'Научить бота',
    teach_hint: 'Неверное намерение или сервис? Исправьте — бот учтёт это при следующем переобучении.',
    service: 'Сервис',
    team: 'Команда',
    none: '(без изменений)',
    save: 'Сохранить исправление',
    saved: 'Спасибо, исправление сохранено ({n}).',
    utterance: 'Что сказал пользователь (необязательно)',
  },
  zh: {
    tab: '审核',
    title: '机器人未理解的消息',
    hint: '为每条消息选择其含义；已标注的消息将成为下次重新训练的数据。',
    empty: '没有需要审核的内容：机器人理解了所有消息。',
    pending: '待审核 {n} 条',
    intent: '含义',
    choose: '选择意图…',
    label: '标注',
    labelled: '已标注为 {intent}',
    show_labelled: '显示已标注',
    conversation: '对话',
    teach: '教机器人',
    teach_hint: '意图或服务不对？请更正，机器人会在下次重新训练时学习。',
    service: '服务',
    team: '团队',
    none: '（不变）',
    save: '保存更正',
    saved: '谢谢，更正已保存（{n}）。',
    utterance: '用户说的话（可选）',
  },
};

// A string of the learning pages in the current language.
export function lt(key: string, vars: Record<string, string | number> = {}): string {
  const s = strings[lang()]?.[key] ?? strings.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}
