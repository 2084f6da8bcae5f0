// Mail (under Settings): the outbox for managers and admins — what waits, what was sent, what
// failed and why, with "try again" — and, for admins, the SMTP relay's settings and a test
// message. Strings: web/src/i18n/mail.{en,et}.json.
import { useState } from 'preact/hooks';
import { ApiError, get, patch, post } from '../../api';
import type { components } from '../../gen/openapi';
import { useAuth } from '../../auth';
import { useAction, usePagedList } from '../../components/hooks';
import { Checkbox, Empty, ErrorBox, Field, PageHead, Select, Show, ShowMore, fieldError, formError, useAsync } from '../../components/ui';
import { browserZone } from '../../time';
import { href } from '../../router';
import { fmtNumber, has, locale, t, useLang } from '../../i18n';

type Mail = components['schemas']['Mail'];

interface Summary {
    queued: number;
    sent: number;
    failed: number;
    configured: boolean;
}

interface MailSettings {
    version: number;
    smtp_url: string | null;
    from_address: string | null;
    username: string | null;
    retry_limit: number;
    retry_base_seconds: number;
    configured: boolean;
    command_line: string[];
    password_set: boolean;
}

const STATUSES = ['failed', 'queued', 'sent', 'all'] as const;
type Filter = (typeof STATUSES)[number];

/** An instant in the viewer's zone, in the current language. */
function when(at: string | null | undefined, tz: string): string {
    if (!at) return '';
    return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(new Date(at));
}

/** The notification's name from the catalog, else its kind. */
export function kindLabel(kind: string): string {
    const key = `mail.kind.${kind}`;
    return has(key) ? t(key) : kind;
}

function statusLabel(s: string): string {
    const key = `mail.status.${s}`;
    return has(key) ? t(key) : s;
}

export function MailPage() {
    useLang();
    const { account, person } = useAuth();
    const tz = person?.time_zone || browserZone();
    const [filter, setFilter] = useState<Filter>('failed');
    const [tick, setTick] = useState(0);
    const summary = useAsync(() => get<Summary>('/mail/summary'), [tick]);
    const list = usePagedList<Mail>('/mail', filter === 'all' ? {} : { status: filter }, 50, [filter, tick]);
    const acting = useAction();
    const refresh = () => setTick((n) => n + 1);

    const retry = (m: Mail) =>
        acting.run(async () => {
            await post(`/mail/${m.id}/retry`);
            refresh();
        }, `retry-${m.id}`);
    const retryAll = () =>
        acting.run(async () => {
            await post('/mail/retry', { status: 'failed' });
            refresh();
        }, 'retry-all');

    return (
        <section>
            <PageHead title={t('mail.title')}>
                <a class="btn" href={href('/settings')}>
                    {t('mail.backToSettings')}
                </a>
            </PageHead>
            <Show a={summary} what={t('mail.loading')}>
                {(s) => (
                    <section class="card" aria-labelledby="mail-summary">
                        <h2 id="mail-summary">{t('mail.summary.title')}</h2>
                        <dl class="facts">
                            <dt>{t('mail.status.queued')}</dt>
                            <dd>{fmtNumber(s.queued)}</dd>
                            <dt>{t('mail.status.sent')}</dt>
                            <dd>{fmtNumber(s.sent)}</dd>
                            <dt>{t('mail.status.failed')}</dt>
                            <dd>{fmtNumber(s.failed)}</dd>
                        </dl>
                        {!s.configured && (
                            <p class="notice" role="status">
                                {t('mail.summary.notConfigured')}
                            </p>
                        )}
                        {s.failed > 0 && (
                            <p>
                                <button type="button" class="btn" onClick={retryAll} disabled={acting.busy !== null}>
                                    {t('mail.retryAll', { count: s.failed })}
                                </button>
                            </p>
                        )}
                    </section>
                )}
            </Show>

            <h2>{t('mail.outbox.title')}</h2>
            <Select
                label={t('mail.outbox.filter')}
                value={filter}
                onValue={(v) => setFilter(v as Filter)}
                options={STATUSES.map((s) => [s, s === 'all' ? t('mail.outbox.all') : statusLabel(s)] as [string, string])}
            />
            <ErrorBox error={acting.error} />
            <Show a={list} what={t('mail.loading')}>
                {(page) =>
                    page.items.length === 0 ? (
                        <Empty>{t('mail.outbox.empty')}</Empty>
                    ) : (
                        <div class="table-wrap">
                            <table class="list">
                                <caption class="sr-only">{t('mail.outbox.title')}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{t('mail.col.created')}</th>
                                        <th scope="col">{t('mail.col.to')}</th>
                                        <th scope="col">{t('mail.col.subject')}</th>
                                        <th scope="col">{t('mail.col.status')}</th>
                                        <th scope="col">{t('mail.col.attempts')}</th>
                                        <th scope="col">{t('mail.col.detail')}</th>
                                        <th scope="col">
                                            <span class="sr-only">{t('mail.col.actions')}</span>
                                        </th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {page.items.map((m) => (
                                        <tr key={m.id}>
                                            <td>{when(m.created_at, tz)}</td>
                                            <td>{m.to_address}</td>
                                            <td>
                                                {m.subject}
                                                <br />
                                                <span class="hint">{kindLabel(m.kind)}</span>
                                            </td>
                                            <td>
                                                <span class={`badge st-${m.status}`}>{statusLabel(m.status)}</span>
                                            </td>
                                            <td>{fmtNumber(m.attempts)}</td>
                                            <td>
                                                {m.status === 'sent'
                                                    ? t('mail.sentAt', { when: when(m.sent_at, tz) })
                                                    : m.status === 'queued' && !m.last_error
                                                      ? t('mail.waiting')
                                                      : m.last_error}
                                                {m.status === 'queued' && m.last_error ? <><br />{t('mail.nextAt', { when: when(m.next_attempt_at, tz) })}</> : null}
                                            </td>
                                            <td>
                                                {m.status !== 'sent' && (
                                                    <button
                                                        type="button"
                                                        class="btn"
                                                        onClick={() => retry(m)}
                                                        disabled={acting.busy !== null}
                                                        aria-label={t('mail.retryOne', { to: m.to_address })}
                                                    >
                                                        {t('mail.retry')}
                                                    </button>
                                                )}
                                            </td>
                                        </tr>
                                    ))}
                                </tbody>
                            </table>
                        </div>
                    )
                }
            </Show>
            <ShowMore list={list} para />
            {account.role === 'admin' && <RelaySettings onSaved={refresh} />}
            {account.role === 'admin' && <TestMessage onSent={refresh} />}
        </section>
    );
}

function RelaySettings({ onSaved }: { onSaved: () => void }) {
    const s = useAsync(() => get<MailSettings>('/mail/settings'), []);
    const [saved, setSaved] = useState(false);
    return (
        <section class="card" aria-labelledby="mail-relay">
            <h2 id="mail-relay">{t('mail.relay.title')}</h2>
            <p class="hint">{t('mail.relay.hint')}</p>
            <Show a={s} what={t('mail.loading')}>
                {(data) => (
                    <RelayForm
                        key={data.version}
                        data={data}
                        onSaved={(d) => {
                            s.setData(d);
                            setSaved(true);
                            onSaved();
                        }}
                        onEdit={() => setSaved(false)}
                        onReload={s.reload}
                    />
                )}
            </Show>
            {saved && (
                <p class="notice" role="status">
                    {t('mail.relay.saved')}
                </p>
            )}
        </section>
    );
}

const RELAY_FIELDS = ['smtp_url', 'from_address', 'username', 'retry_limit', 'retry_base_seconds'];

function RelayForm({ data, onSaved, onEdit, onReload }: { data: MailSettings; onSaved: (d: MailSettings) => void; onEdit: () => void; onReload: () => void }) {
    const [url, setUrl] = useState(data.smtp_url ?? '');
    const [from, setFrom] = useState(data.from_address ?? '');
    const [user, setUser] = useState(data.username ?? '');
    const [limit, setLimit] = useState(String(data.retry_limit));
    const [base, setBase] = useState(String(data.retry_base_seconds));
    const save = useAction(onReload);
    const err = save.error;
    const submit = (e: Event) => {
        e.preventDefault();
        onEdit();
        save.run(async () => {
            const body = {
                smtp_url: url.trim() || null,
                from_address: from.trim() || null,
                username: user.trim() || null,
                retry_limit: Number(limit),
                retry_base_seconds: Number(base),
            };
            const d = await patch<MailSettings>('/mail/settings', body, data.version);
            onSaved(d);
        });
    };
    const overridden = data.command_line.map((f) => t(`mail.relay.field.${f}` as never)).join(', ');
    return (
        <form onSubmit={submit} noValidate>
            {data.command_line.length > 0 && (
                <p class="notice" role="note">
                    {t('mail.relay.commandLine', { fields: overridden })}
                </p>
            )}
            <p>{data.configured ? t('mail.relay.configured') : t('mail.relay.notConfigured')}</p>
            <Field label={t('mail.relay.field.smtp_url')} value={url} onValue={setUrl} hint={t('mail.relay.urlHint')} error={fieldError(err, 'smtp_url')} placeholder="smtp://relay.example.org:587" />
            <Field label={t('mail.relay.field.from_address')} type="email" value={from} onValue={setFrom} error={fieldError(err, 'from_address')} />
            <Field label={t('mail.relay.field.username')} value={user} onValue={setUser} autoComplete="off" error={fieldError(err, 'username')} />
            <p class="hint">{data.password_set ? t('mail.relay.passwordSet') : t('mail.relay.passwordHint')}</p>
            <Field label={t('mail.relay.field.retry_limit')} type="number" inputMode="numeric" value={limit} onValue={setLimit} error={fieldError(err, 'retry_limit')} />
            <Field
                label={t('mail.relay.field.retry_base_seconds')}
                type="number"
                inputMode="numeric"
                value={base}
                onValue={setBase}
                hint={t('mail.relay.baseHint')}
                error={fieldError(err, 'retry_base_seconds')}
            />
            <ErrorBox error={formError(err, RELAY_FIELDS)} onRetry={err instanceof ApiError && err.status === 412 ? onReload : undefined} />
            <button type="submit" class="btn primary" disabled={save.busy !== null}>
                {t('mail.relay.save')}
            </button>
        </form>
    );
}

function TestMessage({ onSent }: { onSent: () => void }) {
    const [to, setTo] = useState('');
    const [calendar, setCalendar] = useState(false);
    const [done, setDone] = useState<string | null>(null);
    const send = useAction();
    const submit = (e: Event) => {
        e.preventDefault();
        setDone(null);
        send.run(async () => {
            await post('/mail/test', { to_address: to.trim(), calendar });
            setDone(to.trim());
            onSent();
        });
    };
    return (
        <section class="card" aria-labelledby="mail-test">
            <h2 id="mail-test">{t('mail.test.title')}</h2>
            <p class="hint">{t('mail.test.hint')}</p>
            <form onSubmit={submit} noValidate>
                <Field label={t('mail.test.to')} type="email" value={to} onValue={setTo} error={fieldError(send.error, 'to_address')} />
                <Checkbox label={t('mail.test.calendar')} checked={calendar} onValue={setCalendar} />
                <ErrorBox error={formError(send.error, ['to_address'])} />
                <button type="submit" class="btn" disabled={send.busy !== null}>
                    {t('mail.test.send')}
                </button>
                {done && (
                    <p class="notice" role="status">
                        {t('mail.test.queued', { to: done })}
                    </p>
                )}
            </form>
        </section>
    );
}
