// support-day.tsx: "who supports you" on any day an executive picks: on a day their assistant is
// away, the accepted covers of that day come first and the absent assistant is marked away
// (GET /principals/{id}/supporters?date=…).
import { useState } from 'preact/hooks';
import { Supporters, get } from '../../api';
import { locale, t, type Key } from '../../i18n';
import { href } from '../../router';
import { addDays, today } from '../../time';
import { Empty, Field, Show, useAsync } from '../../components/ui';
import { fmtDay } from './wbtime';

type Away = { away?: boolean };
export interface DaySupporters extends Supporters {
    supporters: (Supporters['supporters'][number] & Away)[];
    designated_backups: (Supporters['designated_backups'][number] & Away)[];
    covers?: { cover_id: number; assistant_id: number; name: string; office: string; start_at: string; end_at: string }[];
}

function times(startAt: string, endAt: string, tz: string): string {
    const f = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', timeZone: tz });
    return `${f.format(new Date(startAt))}–${f.format(new Date(endAt))}`;
}

export function WhoSupports({ principalId, tz, title }: { principalId: number; tz: string; title?: string }) {
    const [date, setDate] = useState(today());
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
    const data = useAsync(() => get<DaySupporters>(`/principals/${principalId}/supporters`, { date: valid ? date : today() }), [principalId, valid ? date : '']);
    const headId = `who-${principalId}`;
    return (
        <section class="card who-supports" aria-labelledby={headId}>
            <h2 id={headId}>{title || t('wb.who.title')}</h2>
            <div class="add-row">
                <Field label={t('wb.who.day')} type="date" value={date} onValue={setDate} />
                <button type="button" class="btn small" onClick={() => setDate(addDays(valid ? date : today(), -1))}>
                    {t('wb.who.prev')}
                </button>
                <button type="button" class="btn small" onClick={() => setDate(addDays(valid ? date : today(), 1))}>
                    {t('wb.who.next')}
                </button>
            </div>
            <Show a={data} what={t('wb.loading')}>
                {(d) => (
                    <>
                        <p class="hint">{fmtDay(d.date)}</p>
                        {d.covers && d.covers.length > 0 && (
                            <>
                                <h3>{t('wb.who.covers')}</h3>
                                <ul class="plain covers-day">
                                    {d.covers.map((c) => (
                                        <li key={c.cover_id}>
                                            <a href={href(`/people/assistant/${c.assistant_id}`)}>{c.name}</a> — {times(c.start_at, c.end_at, tz)} ({c.office})
                                        </li>
                                    ))}
                                </ul>
                            </>
                        )}
                        <h3>{t('wb.who.assigned')}</h3>
                        {d.supporters.length === 0 ? (
                            <Empty>{t('wb.who.none')}</Empty>
                        ) : (
                            <ul class="plain supporters">
                                {d.supporters.map((s) => (
                                    <li key={s.assignment_id}>
                                        <a href={href(`/people/assistant/${s.assistant_id}`)}>{s.name}</a> — {t(`wb.kind.${s.kind}` as Key)} ({s.office})
                                        {s.away && <span class="badge st-cancelled">{t('wb.who.away')}</span>}
                                    </li>
                                ))}
                            </ul>
                        )}
                        <h3>{t('wb.who.backups')}</h3>
                        {d.designated_backups.length === 0 ? (
                            <Empty>{t('wb.backups.none')}</Empty>
                        ) : (
                            <ol class="backups">
                                {d.designated_backups
                                    .slice()
                                    .sort((x, y) => x.rank - y.rank)
                                    .map((b) => (
                                        <li key={b.assistant_id}>
                                            <a href={href(`/people/assistant/${b.assistant_id}`)}>{b.name}</a> ({b.office})
                                            {b.away && <span class="badge st-cancelled">{t('wb.who.away')}</span>}
                                        </li>
                                    ))}
                            </ol>
                        )}
                    </>
                )}
            </Show>
        </section>
    );
}
