// The signed-in account: sessions ("my sessions"), password, sign out.
import { useState } from 'preact/hooks';
import { Page, Session, del, get, post } from '../../api';
import { useAuth } from '../../auth';
import { t } from '../../i18n';
import { LanguagePicker } from '../../components/language';
import { useAction } from '../../components/hooks';
import { fmtInstant } from '../../time';
import { Notifications } from '../../components/notifications';
import { Empty, ErrorBox, Field, PageHead, Show, fieldError, formError, useAsync } from '../../components/ui';
import { CalendarFeeds } from '../meeting/feeds';
import { OutsideCalendars } from '../meeting/outside';

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
            <PageHead title={t('account.title')}>
                <button type="button" class="btn" onClick={signOut}>
                    {t('app.signOut')}
                </button>
            </PageHead>
            <dl class="facts">
                <dt>{t('account.login')}</dt>
                <dd>{account.login}</dd>
                <dt>{t('account.role')}</dt>
                <dd>{t(`role.${account.role}`)}</dd>
                {person && (
                    <>
                        <dt>{t('account.name')}</dt>
                        <dd>{person.name}</dd>
                    </>
                )}
            </dl>
            <LanguagePicker account />

            <Notifications />

            <h2>{t('account.sessions')}</h2>
            <p class="hint">{t('account.sessionsHint')}</p>
            <ErrorBox error={ending.error} />
            <Show a={sessions} what={t('account.loadingSessions')}>
                {(page) =>
                    page.items.length === 0 ? (
                        <Empty>{t('account.noSessions')}</Empty>
                    ) : (
                        <div class="table-wrap">
                            <table class="list">
                                <caption class="sr-only">{t('account.sessions')}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t('account.signedIn')}</th>
                                        <th scope="col">{t('account.lastUsed')}</th>
                                        <th scope="col">{t('account.browser')}</th>
                                        <th scope="col">{t('account.address')}</th>
                                        <th scope="col">
                                            <span class="sr-only">{t('account.actions')}</span>
                                        </th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {page.items.map((s) => (
                                        <tr key={s.id}>
                                            <td>
                                                {fmtInstant(s.created_at)} {s.current && <span class="badge st-approved">{t('account.thisSession')}</span>}
                                            </td>
                                            <td>{fmtInstant(s.last_seen_at)}</td>
                                            <td class="ua">{s.user_agent || '—'}</td>
                                            <td>{s.address}</td>
                                            <td>
                                                <button type="button" class="btn small" disabled={ending.busy === String(s.id)} onClick={() => end(s)}>
                                                    {s.current ? t('account.signOutHere') : t('account.endSession')}
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
            <CalendarFeeds />
            <OutsideCalendars timeZone={person?.time_zone} />
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
            <h2>{t('account.password.title')}</h2>
            <Field
                label={t('account.password.current')}
                type="password"
                value={current}
                onValue={setCurrent}
                autoComplete="current-password"
                error={fieldError(error, 'current_password')}
            />
            <Field
                label={t('account.password.new')}
                type="password"
                value={next}
                onValue={setNext}
                autoComplete="new-password"
                hint={t('account.password.hint')}
                error={fieldError(error, 'new_password')}
            />
            <ErrorBox error={formError(error, ['current_password', 'new_password'])} />
            {done && (
                <p class="notice" role="status">
                    {t('account.password.done')}
                </p>
            )}
            <button type="submit" class="btn primary" disabled={!!busy}>
                {t('account.password.submit')}
            </button>
        </form>
    );
}
