// "Did this help?" under an article: one vote per page view, stored with the
// search that led here (the `q` of the article's URL) so the knowledge base
// learns which questions an article answers.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { ErrorBox } from '../components';
import { t } from '../i18n';
import { kb } from './kbapi';

export function Feedback({ articleId, query }: { articleId: string; query: string }) {
  const [sent, setSent] = useState<boolean | null>(null);
  const [err, setErr] = useState<ApiError | null>(null);
  const vote = async (helped: boolean) => {
    setErr(null);
    try {
      await kb.feedback(articleId, helped, query);
      setSent(helped);
    } catch (e) {
      setErr(e as ApiError);
    }
  };
  if (sent !== null) {
    return (
      <p class="kb-feedback done" role="status">
        {sent ? t('kbf.thanks_yes') : t('kbf.thanks_no')}
        {!sent && (
          <>
            {' '}
            <a href="/">{t('kbf.ask')}</a>
          </>
        )}
      </p>
    );
  }
  return (
    <div class="kb-feedback">
      <span>{t('kbf.question')}</span>
      <button class="btn btn-sm btn-ghost" data-helped="yes" onClick={() => vote(true)}>
        {t('kbf.yes')}
      </button>
      <button class="btn btn-sm btn-ghost" data-helped="no" onClick={() => vote(false)}>
        {t('kbf.no')}
      </button>
      <ErrorBox error={err} />
    </div>
  );
}
