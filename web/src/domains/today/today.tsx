// Today: the manager's landing page: who is in, who is away, every executive without support
// today and the proposed cover.
import { useState } from 'preact/hooks';
import { Absence, Plan, WorkPattern, get, listAll, post } from '../../api';
import { buildView, isAccepted } from '../../coverage';
import { href } from '../../router';
import * as store from '../../store';
import { absenceDays, addDays, fmtDate, fmtRange, fmtTimes, iso, localToUtc, today, weekday, browserZone } from '../../time';
import { Empty, ErrorBox, PageHead, Show, StatusBadge, useAsync } from '../../components/ui';
import { acceptCovers, fetchBoard } from '../../components/coverage-grid';
import { useAction } from '../../components/hooks';
import { FlagsCard } from '../../components/flags';
import { OverdueReplies } from '../desk/desk';

export function Today() {
    const t = today();
    const zone = browserZone();
    const dayStart = iso(localToUtc(t, '00:00', zone));
    const dayEnd = iso(localToUtc(addDays(t, 1), '00:00', zone));

    const coverage = useAsync(async () => {
        const [data, ps] = await Promise.all([fetchBoard(t, t, '', ''), store.principals().catch(() => [])]);
        return buildView(data, new Map(ps.map((p) => [p.id, p.time_zone])));
    }, [t]);

    const away = useAsync(async () => {
        const [list, people] = await Promise.all([listAll<Absence>('/absences', { status: 'approved', from: dayStart, to: dayEnd }), store.peopleById()]);
        return list.map((a) => ({ a, p: people.get(a.person_id) })).sort((x, y) => (x.p?.name || '').localeCompare(y.p?.name || ''));
    }, [t]);

    const present = useAsync(async () => {
        const [patterns, assistants, absences] = await Promise.all([
            listAll<WorkPattern>('/work-patterns', { weekday: weekday(t) }),
            store.assistants(),
            listAll<Absence>('/absences', { status: 'approved', from: dayStart, to: dayEnd }),
        ]);
        const awayIds = new Set(absences.map((a) => a.person_id));
        const hours = new Map<number, string[]>();
        for (const w of patterns) {
            if ((w.valid_from && w.valid_from > t) || (w.valid_to && w.valid_to < t)) continue;
            const a = hours.get(w.person_id) || [];
            a.push(`${w.start_time}–${w.end_time}`);
            hours.set(w.person_id, a);
        }
        return assistants
            .filter((a) => a.active && hours.has(a.id) && !awayIds.has(a.id))
            .map((a) => ({ a, hours: hours.get(a.id)!.sort() }))
            .sort((x, y) => x.a.name.localeCompare(y.a.name));
    }, [t]);

    const waiting = useAsync(() => get<{ items: Absence[]; next_cursor: string | null }>('/absences', { status: 'requested', limit: 100 }), []);

    return (
        <section class="today">
            <PageHead title={`Today, ${fmtDate(t, true)}`} />
            <div class="cards">
                <section class="card wide" aria-labelledby="h-unsupported">
                    <h2 id="h-unsupported">Executives without support today</h2>
                    <Unsupported a={coverage} date={t} />
                </section>
                <FlagsCard />
                <section class="card" aria-labelledby="h-away">
                    <h2 id="h-away">Away today</h2>
                    <Show a={away} what="Loading absences">
                        {(list) =>
                            list.length === 0 ? (
                                <Empty>Nobody is away today.</Empty>
                            ) : (
                                <ul class="plain">
                                    {list.map(({ a, p }) => {
                                        const { first, last } = absenceDays(a.start_at, a.end_at, p?.time_zone || zone);
                                        return (
                                            <li key={a.id}>
                                                <a href={href(`/people/person/${a.person_id}`)}>{p?.name || `#${a.person_id}`}</a> — {a.kind}, {fmtRange(first, last)}
                                            </li>
                                        );
                                    })}
                                </ul>
                            )
                        }
                    </Show>
                </section>
                <section class="card" aria-labelledby="h-in">
                    <h2 id="h-in">Assistants in today</h2>
                    <Show a={present} what="Loading working hours">
                        {(list) =>
                            list.length === 0 ? (
                                <Empty>No assistant works today.</Empty>
                            ) : (
                                <>
                                    <p>
                                        <strong>{list.length}</strong> assistant{list.length === 1 ? '' : 's'} working.
                                    </p>
                                    <ul class="plain columns">
                                        {list.map(({ a, hours }) => (
                                            <li key={a.id}>
                                                <a href={href(`/people/assistant/${a.id}`)}>{a.name}</a> <span class="muted">{hours.join(', ')}</span>
                                            </li>
                                        ))}
                                    </ul>
                                </>
                            )
                        }
                    </Show>
                </section>
                <section class="card" aria-labelledby="h-waiting">
                    <h2 id="h-waiting">Leave waiting for you</h2>
                    <Show a={waiting} what="Loading requests">
                        {(page) =>
                            page.items.length === 0 ? (
                                <Empty>No leave requests are waiting.</Empty>
                            ) : (
                                <p>
                                    <strong>{page.items.length}</strong> request{page.items.length === 1 ? '' : 's'} waiting for a decision.{' '}
                                    <a href={href('/leave')}>Review leave</a>
                                </p>
                            )
                        }
                    </Show>
                </section>
                <OverdueReplies />
            </div>
        </section>
    );
}

function Unsupported({ a, date }: { a: ReturnType<typeof useAsync<ReturnType<typeof buildView>>>; date: string }) {
    const zone = browserZone();
    const action = useAction(a.reload);
    const busy = !!action.busy;
    const error = action.error;
    const [plan, setPlan] = useState<Plan | null>(null);

    const run = (f: () => Promise<unknown>) =>
        action.run(async () => {
            await f();
            a.reload();
        });

    return (
        <Show a={a} what="Loading today's coverage">
            {(view) => {
                const rows = view.data.principals
                    .map((p) => ({ p, cell: view.cell(p.id, date) }))
                    .filter((r) => r.cell.state === 'gap' || r.cell.state === 'proposed');
                const proposed = rows.flatMap((r) => r.cell.covers.filter((c) => !isAccepted(c)));
                const withoutProposal = rows.filter((r) => r.cell.state === 'gap');
                if (rows.length === 0)
                    return (
                        <p class="ok">
                            <span class="chip s-covered" aria-hidden="true">
                                ✓
                            </span>{' '}
                            Every executive working today has support.
                        </p>
                    );
                return (
                    <>
                        <ul class="plain unsupported">
                            {rows.map(({ p, cell }) => {
                                const tz = view.tz(p.id);
                                return (
                                    <li key={p.id} class="card-row">
                                        <div>
                                            <span class={`chip s-${cell.state}`} aria-hidden="true">
                                                {cell.state === 'proposed' ? 'P' : '✕'}
                                            </span>{' '}
                                            <a href={href(`/people/principal/${p.id}`)}>
                                                <strong>{p.name}</strong>
                                            </a>{' '}
                                            <span class="muted">
                                                {p.office} · {p.department}
                                            </span>
                                        </div>
                                        <p>Uncovered: {cell.gaps.map((g) => fmtTimes(g.start_at, g.end_at, tz)).join(', ') || 'part of the day'}
                                            {tz !== zone && <span class="muted"> ({tz} time)</span>}</p>
                                        {cell.covers.length > 0 ? (
                                            <ul class="plain">
                                                {cell.covers.map((c) => (
                                                    <li key={c.id}>
                                                        Proposed cover: <strong>{c.assistant_name}</strong>, {fmtTimes(c.start_at, c.end_at, tz)}{' '}
                                                        <StatusBadge status={c.status || 'proposed'} />
                                                        {c.reason && <span class="hint block">Why: {c.reason}</span>}
                                                    </li>
                                                ))}
                                            </ul>
                                        ) : (
                                            <p class="muted">No cover proposed yet.</p>
                                        )}
                                    </li>
                                );
                            })}
                        </ul>
                        <ErrorBox error={error} />
                        <div class="btn-row">
                            {proposed.length > 0 && (
                                <button type="button" class="btn primary" disabled={busy} onClick={() => run(() => acceptCovers(proposed))}>
                                    Accept {proposed.length} proposed cover{proposed.length === 1 ? '' : 's'}
                                </button>
                            )}
                            {withoutProposal.length > 0 && (
                                <button
                                    type="button"
                                    class="btn"
                                    disabled={busy}
                                    onClick={() => run(async () => setPlan(await post<Plan>('/coverage/plans', { from: date, to: date, engine: 'fast' })))}
                                >
                                    Plan covers for today
                                </button>
                            )}
                            <a class="btn ghost" href={href('/board')}>
                                Open the board
                            </a>
                        </div>
                        {plan && plan.open_gaps.length > 0 && (
                            <p class="notice" role="status">
                                {plan.open_gaps.length} gap{plan.open_gaps.length === 1 ? '' : 's'} can't be covered today:{' '}
                                {plan.open_gaps.map((g) => `${g.principal_name || `#${g.principal_id}`} (${g.reason || 'no one available'})`).join('; ')}.
                            </p>
                        )}
                    </>
                );
            }}
        </Show>
    );
}
