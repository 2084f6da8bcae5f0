// people.tsx: pieces of a person shown on several pages: who supports an executive (and their
// designated backups), and a person's weekly working hours.
import { Supporters, WorkPattern, listAll } from '../api';
import { href } from '../router';
import { WEEKDAYS, today } from '../time';
import { Async, Empty, Show, useAsync } from './ui';

export function SupportersCard({ a, title = 'Supported by' }: { a: Async<Supporters>; title?: string }) {
    return (
        <section class="card">
            <h2>{title}</h2>
            <Show a={a} what="Loading supporters">
                {(d) => (
                    <>
                        {d.supporters.length === 0 ? (
                            <Empty>No assistant is assigned today.</Empty>
                        ) : (
                            <ul class="plain supporters">
                                {d.supporters.map((s) => (
                                    <li key={s.assignment_id}>
                                        <a href={href(`/people/assistant/${s.assistant_id}`)}>{s.name}</a> — {s.kind}
                                        {s.share ? `, ${s.share}%` : ''} ({s.office})
                                    </li>
                                ))}
                            </ul>
                        )}
                        <h3>Designated backups</h3>
                        {d.designated_backups.length === 0 ? (
                            <Empty>None designated.</Empty>
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

export function HoursSection({ id, tz, title = 'Working hours' }: { id: number; tz: string; title?: string }) {
    const hours = useAsync(() => listAll<WorkPattern>('/work-patterns', { person_id: id }), [id]);
    const t = today();
    return (
        <section class="card">
            <h2>{title}</h2>
            <Show a={hours} what="Loading working hours">
                {(list) => {
                    const current = list.filter((w) => (!w.valid_from || w.valid_from <= t) && (!w.valid_to || w.valid_to >= t));
                    if (current.length === 0) return <Empty>No working hours recorded.</Empty>;
                    return (
                        <>
                            <table class="list hours">
                                <caption class="sr-only">{title}</caption>
                                <tbody>
                                    {[1, 2, 3, 4, 5, 6, 7].map((d) => {
                                        const iv = current.filter((w) => w.weekday === d).sort((a, b) => a.start_time.localeCompare(b.start_time));
                                        return (
                                            <tr key={d}>
                                                <th scope="row">{WEEKDAYS[d - 1]}</th>
                                                <td>{iv.length ? iv.map((w) => `${w.start_time}–${w.end_time}`).join(', ') : <span class="muted">off</span>}</td>
                                            </tr>
                                        );
                                    })}
                                </tbody>
                            </table>
                            <p class="hint">Local time, {tz}.</p>
                        </>
                    );
                }}
            </Show>
        </section>
    );
}
