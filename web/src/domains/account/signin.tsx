import { useEffect, useState } from 'preact/hooks';
import { ApiError, Account, request, setCsrf } from '../../api';
import { useAction } from '../../components/hooks';
import { ErrorBox, Field } from '../../components/ui';

export function SignIn({ onSignedIn, ended }: { onSignedIn: () => void; ended?: boolean }) {
    const [login, setLogin] = useState('');
    const [password, setPassword] = useState('');
    const action = useAction();
    const error = action.error;
    // Signed in: the button stays busy until the app replaces this page.
    const [signedIn, setSignedIn] = useState(false);
    const busy = !!action.busy || signedIn;

    useEffect(() => {
        document.title = 'Sign in — Haldus';
    }, []);

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
                <h1>Sign in</h1>
                {ended && !error && (
                    <p class="notice" role="status">
                        Your session ended. Sign in again to go on.
                    </p>
                )}
                <form onSubmit={submit} noValidate>
                    <Field label="Login (your e-mail)" name="login" value={login} onValue={setLogin} autoComplete="username" required />
                    <Field
                        label="Password"
                        name="password"
                        type="password"
                        value={password}
                        onValue={setPassword}
                        autoComplete="current-password"
                        required
                    />
                    {wrong ? (
                        <p class="field-error" role="alert">
                            Wrong login or password.
                        </p>
                    ) : (
                        <ErrorBox error={error} />
                    )}
                    <button type="submit" class="btn primary" disabled={busy}>
                        {busy ? 'Signing in…' : 'Sign in'}
                    </button>
                </form>
            </div>
        </main>
    );
}
