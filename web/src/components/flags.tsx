// flags.tsx: what needs the manager now: every executive without a primary assistant in the
// coming weeks and every assistant over capacity or contracted hours, each with a link to the
// page that fixes it (GET /support/flags). Shown on Today and on the board.
import { get } from '../api';
import { fmtNumber, t } from '../i18n';
import { href } from '../router';
import { fmtDay } from '../domains/people/wbtime';
import { Empty, Show, useAsync } from './ui';

export interface SupportFlags {
    from: string;
    to: string;
    unsupported: { principal_id: number; name: string; office: string; department: string; from: string; until: string | null }[];
    overloaded: { assistant_id: number; name: string; office: string; reason: 'capacity' | 'hours'; date: string; value: number; limit: number }[];
}

export function FlagsCard({ from, to, id = 'h-flags' }: { from?: string; to?: string; id?: string }) {
    const flags = useAsync(() => get<SupportFlags>('/support/flags', { from, to }), [from, to]);
    return (
        <section class="card wide flags" aria-labelledby={id}>
            <h2 id={id}>{t('wb.flags.title')}</h2>
            <Show a={flags} what={t('wb.loading')}>
                {(f) => (
                    <>
                        <p class="hint">{t('wb.flags.window', { from: fmtDay(f.from), to: fmtDay(f.to) })}</p>
                        {f.unsupported.length === 0 && f.overloaded.length === 0 && <Empty>{t('wb.flags.none')}</Empty>}
                        {f.unsupported.length > 0 && (
                            <>
                                <h3>{t('wb.flags.unsupported', { count: f.unsupported.length })}</h3>
                                <ul class="plain flag-list">
                                    {f.unsupported.map((u) => (
                                        <li key={u.principal_id}>
                                            <a href={href(`/people/principal/${u.principal_id}`)}>{u.name}</a>{' '}
                                            {u.until
                                                ? t('wb.flags.unsupportedUntil', { from: fmtDay(u.from), until: fmtDay(u.until) })
                                                : t('wb.flags.unsupportedFrom', { from: fmtDay(u.from) })}{' '}
                                            <span class="hint">({u.office}, {u.department})</span>{' '}
                                            <a class="btn small" href={href(`/people/principal/${u.principal_id}`)}>
                                                {t('wb.flags.fix')}
                                                <span class="sr-only">: {t('wb.flags.fixAssign', { name: u.name })}</span>
                                            </a>
                                        </li>
                                    ))}
                                </ul>
                            </>
                        )}
                        {f.overloaded.length > 0 && (
                            <>
                                <h3>{t('wb.flags.overloaded', { count: f.overloaded.length })}</h3>
                                <ul class="plain flag-list">
                                    {f.overloaded.map((o) => (
                                        <li key={`${o.assistant_id}-${o.reason}`}>
                                            <a href={href(`/people/assistant/${o.assistant_id}`)}>{o.name}</a>{' '}
                                            {o.reason === 'capacity'
                                                ? t('wb.flags.capacity', { date: fmtDay(o.date), count: o.value, limit: o.limit })
                                                : t('wb.flags.hours', { date: fmtDay(o.date), value: fmtNumber(o.value), limit: fmtNumber(o.limit) })}{' '}
                                            <a class="btn small" href={href(`/people/assistant/${o.assistant_id}`)}>
                                                {t('wb.flags.fix')}
                                                <span class="sr-only">: {t('wb.flags.fixLoad', { name: o.name })}</span>
                                            </a>
                                        </li>
                                    ))}
                                </ul>
                            </>
                        )}
                    </>
                )}
            </Show>
        </section>
    );
}
