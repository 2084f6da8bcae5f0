// Calendar feeds of the signed-in person, for the account page: list, create (the address is
// shown once), revoke.
import { useState } from 'preact/hooks';
import { Page, del, get, post } from '../../api';
import { useAuth } from '../../auth';
import { useAction } from '../../components/hooks';
import { Empty, ErrorBox, Show, useAsync } from '../../components/ui';
import { locale, t } from '../../i18n';

interface Feed {
    id: number;
    busy_only: boolean;
    created_at: string;
}

export function CalendarFeeds() {
    const { account } = useAuth();
    const feeds = useAsync(() => get<Page<Feed>>('/feeds'), [account.id]);
    const [fresh, setFresh] = useState<string | null>(null);
    const act = useAction();
    const create = (busy_only: boolean) =>
        act.run(async () => {
            const f = await post<{ url: string }>('/feeds', { busy_only });
            setFresh(new URL(f.url, window.location.origin).href);
            feeds.reload();
        });
    const date = (at: string) => new Intl.DateTimeFormat(locale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(at));
    return (
        <section aria-labelledby="feeds-h">
            <h2 id="feeds-h">{t('meetings.feeds.title')}</h2>
            {!account.person_id ? (
                <p class="hint">{t('meetings.feeds.noPerson')}</p>
            ) : (
                <>
                    <p class="hint">{t('meetings.feeds.hint')}</p>
                    {fresh && (
                        <div class="field">
                            <label for="feed-url">{t('meetings.feeds.url')}</label>
                            <input id="feed-url" readOnly value={fresh} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
                        </div>
                    )}
                    <ErrorBox error={act.error} />
                    <Show a={feeds}>
                        {(page) =>
                            page.items.length === 0 ? (
                                <Empty>{t('meetings.feeds.none')}</Empty>
                            ) : (
                                <ul class="feeds">
                                    {page.items.map((f) => (
                                        <li key={f.id}>
                                            {f.busy_only ? t('meetings.feeds.busy') : t('meetings.feeds.full')} · {t('meetings.feeds.created', { date: date(f.created_at) })}{' '}
                                            <button
                                                type="button"
                                                class="btn small"
                                                disabled={!!act.busy}
                                                onClick={() => act.run(async () => {
                                                    await del(`/feeds/${f.id}`);
                                                    setFresh(null);
                                                    feeds.reload();
                                                })}
                                            >
                                                {t('meetings.feeds.revoke')}
                                            </button>
                                        </li>
                                    ))}
                                </ul>
                            )
                        }
                    </Show>
                    <div class="actions">
                        <button type="button" class="btn" disabled={!!act.busy} onClick={() => create(false)}>
                            {t('meetings.feeds.new')}
                        </button>
                        <button type="button" class="btn" disabled={!!act.busy} onClick={() => create(true)}>
                            {t('meetings.feeds.newBusy')}
                        </button>
                    </div>
                </>
            )}
        </section>
    );
}
