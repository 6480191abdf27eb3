import { useI18n } from './i18n';

/**
 * Switches the screens between Japanese and English. Each choice is written in its own language (and
 * marked so with lang), and the current one is pressed, so that a reader of either finds it.
 */
export function LocaleSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <fieldset className="locale-switch">
      <legend className="visually-hidden">{t('shell.language')}</legend>
      <button
        type="button"
        className="link-button"
        lang="ja"
        aria-pressed={locale === 'ja'}
        onClick={() => setLocale('ja')}
      >
        日本語
      </button>
      <button
        type="button"
        className="link-button"
        lang="en"
        aria-pressed={locale === 'en'}
        onClick={() => setLocale('en')}
      >
        English
      </button>
    </fieldset>
  );
}
