// invite.tsx: account invitations on the admin's accounts page — the Invite form (the person
// chooses their own password from the link in their e-mail) and an invited account's pending
// badge with Resend and Revoke.
import { useState } from 'preact/hooks';
import { Account, del, post } from '../../api';
import { useAction } from '../../components/hooks';
import * as store from '../../store';
import { fmtInstant } from '../../time';
import { ErrorBox, Field, Loading, Select, fieldError, formError, useAsync } from '../../components/ui';
import { t } from '../../i18n';

/** An account of the users list, with its open invitation when it has one. */
export type InvitedAccount = Account & { invitation?: { expires_at: string; expired: boolean } | null };

interface Invitation {
    link: string;
    mail_id: number | null;
    invitation: { email: string; expires_at: string };
}

/** The link just made, shown once (for an office without mail). */
function Sent({ sent }: { sent: Invitation }) {
    return (
        <div role="status" class="notice">
            <p>{sent.mail_id ? t('invite.sent', { email: sent.invitation.email }) : t('invite.notMailed')}</p>
            <p>
                {t('invite.linkOnce')} <code>{sent.link}</code>
            </p>
        </div>
    );
}

export function InviteForm({ roles, onDone }: { roles: [string, string][]; onDone: (created: boolean) => void }) {
    const [login, setLogin] = useState('');
    const [role, setRole] = useState<string>('assistant');
    const [personId, setPersonId] = useState('');
    const [email, setEmail] = useState('');
    const [lang, setLang] = useState('');
    const [sent, setSent] = useState<Invitation | null>(null);
    const { busy, error, run } = useAction();
    const people = useAsync(() => store.people(), []);
    function submit(e: Event) {
        e.preventDefault();
        run(async () => {
            const body: Record<string, unknown> = { login: login.trim(), role, person_id: personId ? Number(personId) : null, invite: true };
            if (email.trim()) body.email = email.trim();
            if (lang) body.lang = lang;
            setSent(await post<Invitation>('/users', body));
        });
    }
    if (sent)
        return (
            <div class="form card">
                <h3>{t('invite.title')}</h3>
                <Sent sent={sent} />
                <div class="btn-row">
                    <button type="button" class="btn primary" onClick={() => onDone(true)}>
                        {t('invite.done')}
                    </button>
                </div>
            </div>
        );
    return (
        <form class="form card" onSubmit={submit} noValidate aria-label={t('invite.title')}>
            <h3>{t('invite.title')}</h3>
            <p class="muted">{t('invite.intro')}</p>
            <div class="grid2">
                <Field label={t('invite.login')} value={login} onValue={setLogin} error={fieldError(error, 'login')} autoComplete="off" />
                <Select label={t('invite.role')} value={role} onValue={setRole} options={roles} error={fieldError(error, 'role')} />
                {people.loading ? (
                    <Loading what={t('invite.loadingPeople')} />
                ) : (
                    <Select
                        label={t('invite.person')}
                        value={personId}
                        onValue={setPersonId}
                        error={fieldError(error, 'person_id')}
                        options={[['', t('invite.noPerson')], ...(people.data || []).map((p): [string, string] => [String(p.id), p.name])]}
                    />
                )}
                <Field
                    label={t('invite.email')}
                    type="email"
                    value={email}
                    onValue={setEmail}
                    error={fieldError(error, 'email')}
                    hint={t('invite.emailHint')}
                    autoComplete="off"
                />
                <Select
                    label={t('invite.lang')}
                    value={lang}
                    onValue={setLang}
                    error={fieldError(error, 'lang')}
                    options={[
                        ['', t('invite.langPerson')],
                        ['et', t('invite.lang.et')],
                        ['en', t('invite.lang.en')],
                    ]}
                />
            </div>
            <ErrorBox error={formError(error, ['login', 'role', 'person_id', 'email', 'lang'])} />
            <div class="btn-row">
                <button type="submit" class="btn primary" disabled={!!busy}>
                    {t('invite.send')}
                </button>
                <button type="button" class="btn ghost" onClick={() => onDone(false)}>
                    {t('invite.cancel')}
                </button>
            </div>
        </form>
    );
}

/** The last-sign-in cell of an invited account: pending until when (or expired), Resend, Revoke. */
export function InvitationCell({ user }: { user: InvitedAccount }) {
    const [inv, setInv] = useState(user.invitation || null);
    const [revoked, setRevoked] = useState(false);
    const [sent, setSent] = useState<Invitation | null>(null);
    const { busy, error, run } = useAction();
    if (!inv && !revoked) return null;
    const resend = () =>
        run(async () => {
            const r = await post<Invitation>(`/users/${user.id}/invitation`);
            setSent(r);
            setInv({ expires_at: r.invitation.expires_at, expired: false });
            setRevoked(false);
        }, 'resend');
    const revoke = () =>
        run(async () => {
            await del(`/users/${user.id}/invitation`);
            setSent(null);
            setInv(null);
            setRevoked(true);
        }, 'revoke');
    return (
        <div class="invitation">
            {inv ? (
                <span class={`badge ${inv.expired ? 'st-rejected' : 'st-requested'}`}>
                    {inv.expired ? t('invite.expired') : t('invite.pending', { when: fmtInstant(inv.expires_at) })}
                </span>
            ) : (
                <span class="badge st-cancelled">{t('invite.revoked')}</span>
            )}
            <div class="btn-row">
                <button type="button" class="btn small" disabled={!!busy} onClick={resend} aria-label={t('invite.resendOf', { login: user.login })}>
                    {t('invite.resend')}
                </button>
                {inv && (
                    <button type="button" class="btn small ghost" disabled={!!busy} onClick={revoke} aria-label={t('invite.revokeOf', { login: user.login })}>
                        {t('invite.revoke')}
                    </button>
                )}
            </div>
            {sent && <Sent sent={sent} />}
            <ErrorBox error={error} />
        </div>
    );
}
