// people.tsx: pieces of a person shown on several pages: who supports an executive (and their
// designated backups), and a person's weekly working hours.
import { Supporters, WorkPattern, listAll } from '../api';
import { href } from '../router';
import { today, weekdayName } from '../time';
import { t } from '../i18n';
import { supportKind } from './impact';
import { Async, Empty, Show, useAsync } from './ui';

export function SupportersCard({ a, title }: { a: Async<Supporters>; title?: string }) {
    return (
        <section class="card">
            <h2>{title || t('people.supportedBy')}</h2>
            <Show a={a} what={t('people.loadingSupporters')}>
                {(d) => (
                    <>
                        {d.supporters.length === 0 ? (
                            <Empty>{t('people.noAssistantToday')}</Empty>
                        ) : (
                            <ul class="plain supporters">
                                {d.supporters.map((s) => (
                                    <li key={s.assignment_id}>
                                        <a href={href(`/people/assistant/${s.assistant_id}`)}>{s.name}</a> — {supportKind(s.kind)}
                                        {s.share ? `, ${s.share}%` : ''} ({s.office})
                                    </li>
                                ))}
                            </ul>
                        )}
                        <h3>{t('people.designatedBackups')}</h3>
                        {d.designated_backups.length === 0 ? (
                            <Empty>{t('people.noneDesignated')}</Empty>
                        ) : (
                            <ol class="backups">
                                {d.designated_backups
                                    .slice()
                                    .sort((x, y) => x.rank - y.rank)
                                    .map((b) => (
                                        <li key={b.assistant_id}>
                                            <a href={href(`/people/assistant/${b.assistant_id}`)}>{b.name}</a> ({b.office})
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

export function HoursSection({ id, tz, title: given }: { id: number; tz: string; title?: string }) {
    const title = given || t('people.hours');
    const hours = useAsync(() => listAll<WorkPattern>('/work-patterns', { person_id: id }), [id]);
    const day = today();
    return (
        <section class="card">
            <h2>{title}</h2>
            <Show a={hours} what={t('people.loadingHours')}>
                {(list) => {
                    const current = list.filter((w) => (!w.valid_from || w.valid_from <= day) && (!w.valid_to || w.valid_to >= day));
                    if (current.length === 0) return <Empty>{t('people.noHours')}</Empty>;
                    return (
                        <>
                            <table class="list hours">
                                <caption class="sr-only">{title}</caption>
                                <tbody>
                                    {[1, 2, 3, 4, 5, 6, 7].map((d) => {
                                        const iv = current.filter((w) => w.weekday === d).sort((a, b) => a.start_time.localeCompare(b.start_time));
                                        return (
                                            <tr key={d}>
                                                <th scope="row">{weekdayName(d, 'long')}</th>
                                                <td>{iv.length ? iv.map((w) => `${w.start_time}–${w.end_time}`).join(', ') : <span class="muted">{t('people.off')}</span>}</td>
                                            </tr>
                                        );
                                    })}
                                </tbody>
                            </table>
                            <p class="hint">{t('people.localTime', { tz })}</p>
                        </>
                    );
                }}
            </Show>
        </section>
    );
}
