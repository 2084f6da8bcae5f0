// The signed-in account: sessions ("my sessions"), password, sign out.
import { useState } from 'preact/hooks';
import { Page, Session, del, get, post } from '../../api';
import { ROLE_LABEL, useAuth } from '../../auth';
import { useAction } from '../../components/hooks';
import { fmtInstant } from '../../time';
import { Notifications } from '../../components/notifications';
import { Empty, ErrorBox, Field, PageHead, Show, fieldError, formError, useAsync } from '../../components/ui';

export function Account() {
    const { account, person, signOut } = useAuth();
    const sessions = useAsync(() => get<Page<Session>>('/sessions', { limit: 100 }), []);
    const ending = useAction();

    const end = (s: Session) =>
        ending.run(async () => {
            await del(`/sessions/${s.id}`);
            if (s.current) signOut();
            else sessions.reload();
        }, String(s.id));

    return (
        <section>
            <PageHead title="Your account">
                <button type="button" class="btn" onClick={signOut}>
                    Sign out
                </button>
            </PageHead>
            <dl class="facts">
                <dt>Login</dt>
                <dd>{account.login}</dd>
                <dt>Role</dt>
                <dd>{ROLE_LABEL[account.role]}</dd>
                {person && (
                    <>
                        <dt>Name</dt>
                        <dd>{person.name}</dd>
                    </>
                )}
            </dl>

            <Notifications />

            <h2>Your sessions</h2>
            <p class="hint">Every browser or device where you are signed in. End the ones you do not recognise.</p>
            <ErrorBox error={ending.error} />
            <Show a={sessions} what="Loading your sessions">
                {(page) =>
                    page.items.length === 0 ? (
                        <Empty>No sessions.</Empty>
                    ) : (
                        <div class="table-wrap">
                            <table class="list">
                                <caption class="sr-only">Your sessions</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">Signed in</th>
                                        <th scope="col">Last used</th>
                                        <th scope="col">Browser</th>
                                        <th scope="col">Address</th>
                                        <th scope="col">
                                            <span class="sr-only">Actions</span>
                                        </th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {page.items.map((s) => (
                                        <tr key={s.id}>
                                            <td>
                                                {fmtInstant(s.created_at)} {s.current && <span class="badge st-approved">this session</span>}
                                            </td>
                                            <td>{fmtInstant(s.last_seen_at)}</td>
                                            <td class="ua">{s.user_agent || '—'}</td>
                                            <td>{s.address}</td>
                                            <td>
                                                <button type="button" class="btn small" disabled={ending.busy === String(s.id)} onClick={() => end(s)}>
                                                    {s.current ? 'Sign out here' : 'End session'}
                                                </button>
                                            </td>
                                        </tr>
                                    ))}
                                </tbody>
                            </table>
                        </div>
                    )
                }
            </Show>
            <PasswordForm />
        </section>
    );
}

function PasswordForm() {
    const [current, setCurrent] = useState('');
    const [next, setNext] = useState('');
    const { busy, error, run } = useAction();
    const [done, setDone] = useState(false);

    function submit(e: Event) {
        e.preventDefault();
        setDone(false);
        run(async () => {
            await post('/me/password', { current_password: current, new_password: next });
            setDone(true);
            setCurrent('');
            setNext('');
        });
    }
    return (
        <form class="card form" onSubmit={submit} noValidate>
            <h2>Change your password</h2>
            <Field
                label="Current password"
                type="password"
                value={current}
                onValue={setCurrent}
                autoComplete="current-password"
                error={fieldError(error, 'current_password')}
            />
            <Field
                label="New password"
                type="password"
                value={next}
                onValue={setNext}
                autoComplete="new-password"
                hint="At least 12 characters. When it changes, your other sessions end and your API tokens are revoked."
                error={fieldError(error, 'new_password')}
            />
            <ErrorBox error={formError(error, ['current_password', 'new_password'])} />
            {done && (
                <p class="notice" role="status">
                    Your password is changed.
                </p>
            )}
            <button type="submit" class="btn primary" disabled={!!busy}>
                Change password
            </button>
        </form>
    );
}
