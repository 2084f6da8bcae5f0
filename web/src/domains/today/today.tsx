// Today: the manager's landing page: who is in, who is away, every executive without support
// today and the proposed cover.
import { useState } from 'preact/hooks';
import { Absence, Plan, WorkPattern, get, listAll, post } from '../../api';
import { buildView, isAccepted } from '../../coverage';
import { href } from '../../router';
import * as store from '../../store';
import { absenceDays, addDays, fmtLongDate, fmtRange, fmtTimes, iso, localToUtc, today, weekday, browserZone } from '../../time';
import { t } from '../../i18n';
import { kindLabel } from '../../components/absence';
import { Empty, ErrorBox, PageHead, Show, StatusBadge, useAsync } from '../../components/ui';
import { acceptCovers, fetchBoard } from '../../components/coverage-grid';
import { useAction } from '../../components/hooks';
import { FlagsCard } from '../../components/flags';
import { OverdueReplies } from '../desk/desk';
import { LateArrangements } from '../training/training';

export function Today() {
    const day = today();
    const zone = browserZone();
    const dayStart = iso(localToUtc(day, '00:00', zone));
    const dayEnd = iso(localToUtc(addDays(day, 1), '00:00', zone));

    const coverage = useAsync(async () => {
        const [data, ps] = await Promise.all([fetchBoard(day, day, '', ''), store.principals().catch(() => [])]);
        return buildView(data, new Map(ps.map((p) => [p.id, p.time_zone])));
    }, [day]);

    const away = useAsync(async () => {
        const [list, people] = await Promise.all([listAll<Absence>('/absences', { status: 'approved', from: dayStart, to: dayEnd }), store.peopleById()]);
        return list.map((a) => ({ a, p: people.get(a.person_id) })).sort((x, y) => (x.p?.name || '').localeCompare(y.p?.name || ''));
    }, [day]);

    const present = useAsync(async () => {
        const [patterns, assistants, absences] = await Promise.all([
            listAll<WorkPattern>('/work-patterns', { weekday: weekday(day) }),
            store.assistants(),
            listAll<Absence>('/absences', { status: 'approved', from: dayStart, to: dayEnd }),
        ]);
        const awayIds = new Set(absences.map((a) => a.person_id));
        const hours = new Map<number, string[]>();
        for (const w of patterns) {
            if ((w.valid_from && w.valid_from > day) || (w.valid_to && w.valid_to < day)) continue;
            const a = hours.get(w.person_id) || [];
            a.push(`${w.start_time}–${w.end_time}`);
            hours.set(w.person_id, a);
        }
        return assistants
            .filter((a) => a.active && hours.has(a.id) && !awayIds.has(a.id))
            .map((a) => ({ a, hours: hours.get(a.id)!.sort() }))
            .sort((x, y) => x.a.name.localeCompare(y.a.name));
    }, [day]);

    const waiting = useAsync(() => get<{ items: Absence[]; next_cursor: string | null }>('/absences', { status: 'requested', limit: 100 }), []);

    return (
        <section class="today">
            <PageHead title={t('today.title', { date: fmtLongDate(day) })} />
            <div class="cards">
                <section class="card wide" aria-labelledby="h-unsupported">
                    <h2 id="h-unsupported">{t('today.unsupported')}</h2>
                    <Unsupported a={coverage} date={day} />
                </section>
                <FlagsCard />
                <section class="card" aria-labelledby="h-away">
                    <h2 id="h-away">{t('today.away')}</h2>
                    <Show a={away} what={t('leave.loading')}>
                        {(list) =>
                            list.length === 0 ? (
                                <Empty>{t('today.nobodyAway')}</Empty>
                            ) : (
                                <ul class="plain">
                                    {list.map(({ a, p }) => {
                                        const { first, last } = absenceDays(a.start_at, a.end_at, p?.time_zone || zone);
                                        return (
                                            <li key={a.id}>
                                                <a href={href(`/people/person/${a.person_id}`)}>{p?.name || `#${a.person_id}`}</a> — {kindLabel(a.kind)}, {fmtRange(first, last)}
                                            </li>
                                        );
                                    })}
                                </ul>
                            )
                        }
                    </Show>
                </section>
                <section class="card" aria-labelledby="h-in">
                    <h2 id="h-in">{t('today.in')}</h2>
                    <Show a={present} what={t('people.loadingHours')}>
                        {(list) =>
                            list.length === 0 ? (
                                <Empty>{t('today.noneIn')}</Empty>
                            ) : (
                                <>
                                    <p>
                                        {t('today.working', { count: list.length })}
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
                    <h2 id="h-waiting">{t('today.waiting')}</h2>
                    <Show a={waiting} what={t('today.loadingRequests')}>
                        {(page) =>
                            page.items.length === 0 ? (
                                <Empty>{t('today.noneWaiting')}</Empty>
                            ) : (
                                <p>
                                    {t('today.requests', { count: page.items.length })}{' '}
                                    <a href={href('/leave')}>{t('today.review')}</a>
                                </p>
                            )
                        }
                    </Show>
                </section>
                <OverdueReplies />
                <LateArrangements />
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
        <Show a={a} what={t('today.loadingCoverage')}>
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
                            {t('today.allSupported')}
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
                                        <p>
                                            {t('today.uncovered', { times: cell.gaps.map((g) => fmtTimes(g.start_at, g.end_at, tz)).join(', ') || t('today.partOfDay') })}
                                            {tz !== zone && <span class="muted">{t('impact.zone', { tz })}</span>}
                                        </p>
                                        {cell.covers.length > 0 ? (
                                            <ul class="plain">
                                                {cell.covers.map((c) => (
                                                    <li key={c.id}>
                                                        {t('today.proposedCover')} <strong>{c.assistant_name}</strong>, {fmtTimes(c.start_at, c.end_at, tz)}{' '}
                                                        <StatusBadge status={c.status || 'proposed'} />
                                                        {c.reason && <span class="hint block">{t('board.why', { reason: c.reason })}</span>}
                                                    </li>
                                                ))}
                                            </ul>
                                        ) : (
                                            <p class="muted">{t('today.noCoverYet')}</p>
                                        )}
                                    </li>
                                );
                            })}
                        </ul>
                        <ErrorBox error={error} />
                        <div class="btn-row">
                            {proposed.length > 0 && (
                                <button type="button" class="btn primary" disabled={busy} onClick={() => run(() => acceptCovers(proposed))}>
                                    {t('board.acceptProposed', { count: proposed.length })}
                                </button>
                            )}
                            {withoutProposal.length > 0 && (
                                <button
                                    type="button"
                                    class="btn"
                                    disabled={busy}
                                    onClick={() => run(async () => setPlan(await post<Plan>('/coverage/plans', { from: date, to: date, engine: 'fast' })))}
                                >
                                    {t('today.plan')}
                                </button>
                            )}
                            <a class="btn ghost" href={href('/board')}>
                                {t('today.openBoard')}
                            </a>
                        </div>
                        {plan && plan.open_gaps.length > 0 && (
                            <p class="notice" role="status">
                                {t('today.cannotCover', {
                                    count: plan.open_gaps.length,
                                    list: plan.open_gaps.map((g) => `${g.principal_name || `#${g.principal_id}`} (${g.reason || t('board.noOne')})`).join('; '),
                                })}
                            </p>
                        )}
                    </>
                );
            }}
        </Show>
    );
}
