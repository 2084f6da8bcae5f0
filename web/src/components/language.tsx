// language.tsx: the language choice. Signed out it is remembered in this browser; on the
// Account page it is also stored on the account (POST /me/lang), so it follows the person to
// every browser they sign in from.
import { request } from '../api';
import { LANGS, setLang, t, useLang, type Lang } from '../i18n';
import { useAction } from './hooks';
import { ErrorBox, useId } from './ui';

export function LanguagePicker({ account }: { account?: boolean }) {
    const lang = useLang();
    const id = useId('lang');
    const { busy, error, run } = useAction();

    function choose(l: Lang) {
        if (!account) {
            setLang(l);
            return;
        }
        // Stored first: the page is drawn again in the new language once the account has it.
        run(async () => {
            await request('POST', '/me/lang', { body: { lang: l } });
            setLang(l);
        });
    }

    return (
        <div class={`field lang-picker${account ? ' card' : ''}`}>
            <label for={id}>{t('app.language')}</label>
            {account && <p class="hint">{t('lang.hint')}</p>}
            <select id={id} value={lang} disabled={!!busy} onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value as Lang)}>
                {LANGS.map((l) => (
                    <option key={l} value={l} lang={l}>
                        {t(`lang.${l}`)}
                    </option>
                ))}
            </select>
            <ErrorBox error={error} />
        </div>
    );
}
