import { useEffect, useState } from 'preact/hooks';
import { ApiError, Account, request, setCsrf } from '../../api';
import { useAction } from '../../components/hooks';
import { ErrorBox, Field } from '../../components/ui';
import { LanguagePicker } from '../../components/language';
import { t, useLang } from '../../i18n';

export function SignIn({ onSignedIn, ended }: { onSignedIn: () => void; ended?: boolean }) {
    const [login, setLogin] = useState('');
    const [password, setPassword] = useState('');
    const action = useAction();
    const error = action.error;
    // Signed in: the button stays busy until the app replaces this page.
    const [signedIn, setSignedIn] = useState(false);
    const busy = !!action.busy || signedIn;
    const lang = useLang();

    useEffect(() => {
        document.title = t('ui.docTitle', { title: t('signin.title') });
    }, [lang]);

    function submit(e: Event) {
        e.preventDefault();
        action.run(async () => {
            const r = await request<{ account: Account; csrf_token: string }>('POST', '/session', {
                body: { login: login.trim(), password },
                quiet401: true,
            });
            setCsrf(r.csrf_token);
            setSignedIn(true);
            onSignedIn();
        });
    }

    const wrong = error instanceof ApiError && error.status === 401;
    return (
        <main class="signin" id="main">
            <div class="signin-card">
                <p class="brand big">
                    <span class="logo" aria-hidden="true">H</span> Haldus
                </p>
                <h1>{t('signin.title')}</h1>
                {ended && !error && (
                    <p class="notice" role="status">
                        {t('signin.ended')}
                    </p>
                )}
                <form onSubmit={submit} noValidate>
                    <Field label={t('signin.login')} name="login" value={login} onValue={setLogin} autoComplete="username" required />
                    <Field
                        label={t('signin.password')}
                        name="password"
                        type="password"
                        value={password}
                        onValue={setPassword}
                        autoComplete="current-password"
                        required
                    />
                    {wrong ? (
                        <p class="field-error" role="alert">
                            {t('signin.wrong')}
                        </p>
                    ) : (
                        <ErrorBox error={error} />
                    )}
                    <button type="submit" class="btn primary" disabled={busy}>
                        {busy ? t('signin.busy') : t('signin.submit')}
                    </button>
                </form>
                <LanguagePicker />
            </div>
        </main>
    );
}
