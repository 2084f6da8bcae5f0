// Outside calendars of the signed-in person, for the account page: the calendars whose busy
// times find-a-time respects, subscribed by URL (read every hour, "refresh now") with their last
// success and last error; add one by URL, remove one.
import { useState } from 'preact/hooks';
import { Page, del, get, post } from '../../api';
import { useAuth } from '../../auth';
import { useAction } from '../../components/hooks';
import { Empty, ErrorBox, Field, Show, fieldError, formError, useAsync } from '../../components/ui';
import { t } from '../../i18n';
import { fmtInstant } from '../../time';

interface OutsideCalendar {
    id: number;
    version: number;
    name: string;
    url: string | null;
    busy_count: number;
    read_at: string | null;
    last_error: string | null;
    error_at: string | null;
    unreadable_events: number;
}

export function OutsideCalendars({ timeZone }: { timeZone?: string }) {
    const { account } = useAuth();
    const person = account.person_id;
    const cals = useAsync(() => (person ? get<Page<OutsideCalendar>>('/outside-calendars', { person_id: person, limit: 100 }) : Promise.resolve(null)), [person]);
    const [name, setName] = useState('');
    const [url, setUrl] = useState('');
    const add = useAction();
    const act = useAction();
    const when = (at: string) => fmtInstant(at, timeZone);
    const submit = (e: Event) => {
        e.preventDefault();
        add.run(async () => {
            await post('/outside-calendars', { person_id: person, name, url });
            setName('');
            setUrl('');
            cals.reload();
        });
    };
    if (!person) return null;
    return (
        <section aria-labelledby="outside-h">
            <h2 id="outside-h">{t('meetings.outside.title')}</h2>
            <p class="hint">{t('meetings.outside.hint')}</p>
            <ErrorBox error={act.error} />
            <Show a={cals}>
                {(page) =>
                    !page || page.items.length === 0 ? (
                        <Empty>{t('meetings.outside.none')}</Empty>
                    ) : (
                        <ul class="feeds outside-calendars">
                            {page.items.map((c) => (
                                <li key={c.id} data-calendar={c.id}>
                                    <strong>{c.name}</strong> · {c.url ? t('meetings.outside.subscribed') : t('meetings.outside.uploaded')} ·{' '}
                                    {t('meetings.outside.busy', { count: c.busy_count })}
                                    <br />
                                    <span class="hint">
                                        {c.read_at ? t('meetings.outside.readAt', { when: when(c.read_at) }) : t('meetings.outside.neverRead')}
                                    </span>
                                    {c.unreadable_events > 0 && (
                                        <p class="field-error" role="status">
                                            {t('meetings.outside.unreadable', { count: c.unreadable_events })}
                                        </p>
                                    )}
                                    {c.last_error && (
                                        <p class="field-error" role="status">
                                            {t('meetings.outside.error', { when: c.error_at ? when(c.error_at) : '', error: c.last_error })}
                                        </p>
                                    )}{' '}
                                    {c.url && (
                                        <button
                                            type="button"
                                            class="btn small"
                                            disabled={!!act.busy}
                                            aria-label={t('meetings.outside.refreshNamed', { name: c.name })}
                                            onClick={() => act.run(async () => {
                                                await post(`/outside-calendars/${c.id}/refresh`, {});
                                                cals.reload();
                                            })}
                                        >
                                            {t('meetings.outside.refresh')}
                                        </button>
                                    )}{' '}
                                    <button
                                        type="button"
                                        class="btn small"
                                        disabled={!!act.busy}
                                        aria-label={t('meetings.outside.removeNamed', { name: c.name })}
                                        onClick={() => act.run(async () => {
                                            await del(`/outside-calendars/${c.id}`, c.version);
                                            cals.reload();
                                        })}
                                    >
                                        {t('meetings.outside.remove')}
                                    </button>
                                </li>
                            ))}
                        </ul>
                    )
                }
            </Show>
            <form onSubmit={submit} aria-labelledby="outside-add-h">
                <h3 id="outside-add-h">{t('meetings.outside.add')}</h3>
                <ErrorBox error={formError(add.error, ['name', 'url'])} />
                <Field label={t('meetings.outside.name')} value={name} onValue={setName} error={fieldError(add.error, 'name')} required />
                <Field label={t('meetings.outside.url')} type="url" value={url} onValue={setUrl} error={fieldError(add.error, 'url')} hint={t('meetings.outside.urlHint')} required />
                <div class="actions">
                    <button type="submit" class="btn" disabled={!!add.busy}>
                        {t('meetings.outside.subscribe')}
                    </button>
                </div>
            </form>
        </section>
    );
}
