// Notifications: which e-mails (kinds of notification) the signed-in person gets, on their
// account page. GET/PATCH /api/v1/me/notifications; strings in web/src/i18n/mail.*.json.
import { useState } from 'preact/hooks';
import { get, request } from '../api';
import { useAction } from './hooks';
import { Checkbox, Empty, ErrorBox, Show, useAsync } from './ui';
import { kindLabel } from '../domains/mail/mail';
import { t, useLang } from '../i18n';

interface Notification {
    kind: string;
    enabled: boolean;
}

export function Notifications() {
    useLang();
    const prefs = useAsync(() => get<{ notifications: Notification[] }>('/me/notifications'), []);
    const save = useAction();
    const [saved, setSaved] = useState<string | null>(null);
    // The box shows the choice at once; it goes back if saving fails.
    const [pending, setPending] = useState<Record<string, boolean>>({});
    const toggle = async (n: Notification, enabled: boolean) => {
        setSaved(null);
        setPending((p) => ({ ...p, [n.kind]: enabled }));
        const ok = await save.run(async () => {
            const d = await request<{ notifications: Notification[] }>('PATCH', '/me/notifications', {
                body: { notifications: [{ kind: n.kind, enabled }] },
            });
            prefs.setData(d);
            setSaved(n.kind);
        }, n.kind);
        setPending((p) => {
            const next = { ...p };
            delete next[n.kind];
            return next;
        });
        if (!ok) prefs.reload();
    };
    return (
        <section aria-labelledby="notifications-title">
            <h2 id="notifications-title">{t('mail.prefs.title')}</h2>
            <p class="hint">{t('mail.prefs.hint')}</p>
            <ErrorBox error={save.error} />
            <Show a={prefs} what={t('mail.loading')}>
                {(d) =>
                    d.notifications.length === 0 ? (
                        <Empty>{t('mail.prefs.none')}</Empty>
                    ) : (
                        <fieldset class="checks">
                            <legend class="sr-only">{t('mail.prefs.title')}</legend>
                            {d.notifications.map((n) => (
                                <Checkbox key={n.kind} label={kindLabel(n.kind)} checked={pending[n.kind] ?? n.enabled} onValue={(v) => toggle(n, v)} />
                            ))}
                        </fieldset>
                    )
                }
            </Show>
            {saved && (
                <p class="notice" role="status">
                    {t('mail.prefs.saved', { kind: kindLabel(saved) })}
                </p>
            )}
        </section>
    );
}
