// coverage-grid.tsx: the coverage board's table (principals × days) and the dialog of a cell,
// shared by the manager's board and the small read-only boards of assistants and executives.
import { memo } from 'preact/compat';
import { useCallback, useLayoutEffect, useState } from 'preact/hooks';
import { ApiError, Cover, Coverage, CoveragePrincipal, Plan, get, patch, post } from '../api';
import { useAuth, isManager } from '../auth';
import { BoardView, CellState, STATE_GLYPH, STATE_LABEL, buildView, isAccepted } from '../coverage';
import { href } from '../router';
import * as store from '../store';
import { addDays, browserZone, fmtDate, fmtMonth, fmtSpan, today, weekday, weekdayName } from '../time';
import { t } from '../i18n';
import { useAction } from './hooks';
import { Dialog, Empty, ErrorBox, Show, StatusBadge, useAsync } from './ui';
import { CoverPicker } from '../domains/leave/leave-ui';

/** Performance marks, read by the browser tests that measure the board. */
function mark(name: string) {
    try {
        performance.mark(name);
    } catch {
        /* not supported */
    }
}

export interface BoardData {
    view: BoardView;
}

/** The server's limits on one board page (docs/api.md, GET /coverage). */
const BOARD_MAX_CELLS = 20000;
const BOARD_MAX_PRINCIPALS = 500;

/** Principals per board page: as many as fit the page's principal-days for the range. */
export function boardPageSize(from: string, to: string): number {
    const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000) + 1;
    return Math.max(1, Math.min(BOARD_MAX_PRINCIPALS, Math.floor(BOARD_MAX_CELLS / Math.max(1, days))));
}

/**
 * The whole board of a range: every page (GET /coverage is paged by principals), its
 * principals, covers and gaps appended; the days, range and slot length are those of the first.
 */
export async function fetchBoard(from: string, to: string, office: string, department: string, limit = boardPageSize(from, to)): Promise<Coverage> {
    const first = await get<Coverage>('/coverage', { from, to, office, department, limit });
    const data: Coverage = { ...first, principals: [...first.principals], covers: [...(first.covers || [])], gaps: [...(first.gaps || [])] };
    // A cursor seen twice would loop forever: the server never sends one, but stop if it did.
    const seen = new Set<string>();
    for (let cursor = first.next_cursor; cursor && !seen.has(cursor); ) {
        seen.add(cursor);
        const page = await get<Coverage>('/coverage', { from, to, office, department, limit, cursor });
        data.principals.push(...page.principals);
        data.covers.push(...(page.covers || []));
        data.gaps.push(...(page.gaps || []));
        cursor = page.next_cursor;
    }
    data.next_cursor = null;
    return data;
}

/** The board of a range as the grid draws it. */
export async function loadBoard(from: string, to: string, office: string, department: string): Promise<BoardData> {
    mark('haldus:board-start');
    const [data, principals] = await Promise.all([fetchBoard(from, to, office, department), store.principals().catch(() => [])]);
    mark('haldus:board-fetched');
    const zones = new Map(principals.map((p) => [p.id, p.time_zone]));
    const view = buildView(data, zones);
    mark('haldus:board-model');
    return { view };
}

/** Accepts covers (grouped by plan). */
export async function acceptCovers(covers: Cover[]): Promise<void> {
    const byPlan = new Map<number, number[]>();
    for (const c of covers) {
        if (c.plan_id === undefined) continue;
        const a = byPlan.get(c.plan_id) || [];
        a.push(c.id);
        byPlan.set(c.plan_id, a);
    }
    for (const [planId, ids] of byPlan) await post(`/coverage/plans/${planId}/accept`, { cover_ids: ids });
}

export function Legend() {
    const states: CellState[] = ['covered', 'backup', 'proposed', 'gap', 'none'];
    return (
        <ul class="legend" aria-label={t('board.legend')}>
            {states.map((s) => (
                <li key={s}>
                    <span class={`chip s-${s}`} aria-hidden="true">
                        {STATE_GLYPH[s] || '·'}
                    </span>{' '}
                    {STATE_LABEL[s]}
                </li>
            ))}
            <li>
                <span class="chip pa-chip" aria-hidden="true">
                    ◐
                </span>{' '}
                {t('org.board.primaryAwayLegend')}
            </li>
        </ul>
    );
}

interface GridProps {
    view: BoardView;
    manager?: boolean;
    onMore?: () => void;
    reload: () => void;
    compact?: boolean;
}

/** The board table and the dialog of the cell that was clicked. */
/** Rows drawn at first: a large organisation's board grows by this many at a time. */
const ROW_STEP = 250;

export function CoverageGrid({ view, manager, onMore, reload, compact }: GridProps) {
    const [open, setOpen] = useState<{ pid: number; date: string } | null>(null);
    const [rows, setRows] = useState(ROW_STEP);
    const onOpen = useCallback((pid: number, date: string) => setOpen({ pid, date }), []);
    const principal = open ? view.data.principals.find((p) => p.id === open.pid) : undefined;
    const total = view.data.principals.length;
    if (total === 0) return <Empty>{t('board.noneMatch')}</Empty>;
    return (
        <>
            <GridTable view={view} rows={rows} onOpen={onOpen} compact={compact} />
            {total > rows && (
                <p class="more">
                    {t('board.showing', { rows, count: total })}{' '}
                    <button type="button" class="btn" onClick={() => setRows(rows + ROW_STEP)}>
                        {t('board.showMoreRows', { count: Math.min(ROW_STEP, total - rows) })}
                    </button>{' '}
                    {t('board.orNarrow')}
                </p>
            )}
            {onMore && (
                <p class="more">
                    <button type="button" class="btn" onClick={onMore}>
                        {t('board.moreWeeks', { count: 4 })}
                    </button>
                </p>
            )}
            {open && principal && (
                <CellDialog view={view} principal={principal} date={open.date} manager={!!manager} onClose={() => setOpen(null)} reload={reload} />
            )}
        </>
    );
}

const GridTable = memo(function GridTable({
    view,
    rows,
    onOpen,
    compact,
}: {
    view: BoardView;
    rows: number;
    onOpen: (pid: number, date: string) => void;
    compact?: boolean;
}) {
    const days = view.data.days;
    const day = today();
    useLayoutEffect(() => {
        mark('haldus:board-rendered');
        requestAnimationFrame(() => setTimeout(() => mark('haldus:board-painted'), 0));
    }, [view, rows]);
    const onClick = (e: MouseEvent) => {
        const b = (e.target as HTMLElement).closest('button[data-k]') as HTMLButtonElement | null;
        if (!b) return;
        const [pid, date] = (b.dataset.k || '').split('|');
        onOpen(Number(pid), date);
    };
    return (
        <div class={`board-scroll${compact ? ' compact' : ''}`} tabIndex={0} role="region" aria-label={t('board.region')}>
            <table class="board" onClick={onClick}>
                <caption class="sr-only">
                    {t('board.caption', { from: fmtDate(view.data.from, true), to: fmtDate(view.data.to, true) })}
                </caption>
                <colgroup>
                    <col class="pcol" />
                    {days.map((d) => (
                        <col key={d} class="dcol" />
                    ))}
                </colgroup>
                <thead>
                    <tr>
                        <th scope="col" class="corner">
                            {t('plan.executive')}
                        </th>
                        {days.map((d, i) => {
                            const w = weekday(d);
                            const first = i === 0 || d.endsWith('-01');
                            return (
                                <th scope="col" key={d} class={`day${w > 5 ? ' weekend' : ''}${d === day ? ' today' : ''}${w === 1 ? ' monday' : ''}`}>
                                    <abbr title={fmtDate(d, true)}>
                                        <span class="wd">{weekdayName(w).slice(0, 2)}</span>
                                        <span class="dn">{Number(d.slice(8))}</span>
                                        {first && <span class="mo">{fmtMonth(d)}</span>}
                                    </abbr>
                                </th>
                            );
                        })}
                    </tr>
                </thead>
                <tbody>
                    {view.data.principals.slice(0, rows).map((p) => (
                        <Row key={p.id} p={p} view={view} />
                    ))}
                </tbody>
            </table>
        </div>
    );
});

function Row({ p, view }: { p: CoveragePrincipal; view: BoardView }) {
    return (
        <tr data-pid={p.id}>
            <th scope="row" class="pname">
                <a href={href(`/people/principal/${p.id}`)}>{p.name}</a>
                <span class="meta">
                    {p.office} · {p.department}
                </span>
            </th>
            {p.days.map((d) => {
                const st = view.cell(p.id, d.date).state;
                const w = weekday(d.date);
                const cls = `c s-${st}${w > 5 ? ' weekend' : ''}${w === 1 ? ' monday' : ''}`;
                // Covered days are plain cells; the glyph and its spoken text ("covered") come from
                // the stylesheet, which keeps the 5,000-odd cells of a large board light.
                // A day on which the primary assistant is away is marked (◐, drawn by the stylesheet
                // beside the glyph; the label says it) whoever covers it, and opens like any other.
                const away = d.primary_away && d.primary_away_assistant ? d.primary_away_assistant.name : '';
                if ((st === 'covered' && !away) || st === 'none') return <td key={d.date} class={cls} data-state={st} data-date={d.date} title={STATE_LABEL[st]} />;
                const label = `${p.name}, ${fmtDate(d.date)}: ${STATE_LABEL[st]}${d.gaps ? t('board.cellGaps', { gaps: d.gaps, count: d.slots }) : ''}${away ? `; ${t('org.board.primaryAway', { name: away })}` : ''}`;
                return (
                    <td key={d.date} class={`${cls}${away ? ' pa' : ''}`} data-state={st} data-date={d.date} data-primary-away={away ? d.primary_away : undefined}>
                        <button type="button" class="cell" data-k={`${p.id}|${d.date}`} aria-label={label} title={label}>
                            {STATE_GLYPH[st]}
                        </button>
                    </td>
                );
            })}
        </tr>
    );
}

function CellDialog({
    view,
    principal,
    date,
    manager,
    onClose,
    reload,
}: {
    view: BoardView;
    principal: CoveragePrincipal;
    date: string;
    manager: boolean;
    onClose: () => void;
    reload: () => void;
}) {
    const info = view.cell(principal.id, date);
    const day = principal.days.find((d) => d.date === date);
    const tz = view.tz(principal.id);
    const action = useAction(reload);
    const busy = !!action.busy;
    const [planned, setPlanned] = useState<Plan | null>(null);
    const proposed = info.covers.filter((c) => !isAccepted(c));

    const run = (f: () => Promise<unknown>) =>
        action.run(async () => {
            await f();
            reload();
        });

    return (
        <Dialog title={`${principal.name} — ${fmtDate(date, true)}`} onClose={onClose} wide>
            <p>
                <span class={`chip s-${info.state}`} aria-hidden="true">
                    {STATE_GLYPH[info.state] || '·'}
                </span>{' '}
                <strong>{STATE_LABEL[info.state]}</strong>
                {day && day.slots > 0 && (
                    <>
                        {' '}
                        {t('board.daySlots', { count: day.slots, minutes: view.data.slot_minutes, covered: day.covered, backup: day.backup, gaps: day.gaps })}
                    </>
                )}
            </p>
            {day && day.primary_away && day.primary_away_assistant ? (
                <p class="primary-away">
                    <span class="chip pa-chip" aria-hidden="true">
                        ◐
                    </span>{' '}
                    {t('org.board.primaryAwayDay', { name: day.primary_away_assistant.name, count: day.primary_away, slots: day.slots })}
                </p>
            ) : null}
            {tz !== browserZone() && <p class="hint">{t('board.timesIn', { name: principal.name, tz })}</p>}
            {info.gaps.length > 0 && (
                <>
                    <h3>{t('board.uncovered')}</h3>
                    <ul class="plain">
                        {info.gaps.map((g) => (
                            <li key={g.start_at}>
                                <span class="chip s-gap" aria-hidden="true">
                                    ✕
                                </span>{' '}
                                {fmtSpan(g.start_at, g.end_at, tz)}
                                {g.reason ? ` — ${g.reason}` : ''}
                            </li>
                        ))}
                    </ul>
                </>
            )}
            <h3>{t('board.covers')}</h3>
            {info.covers.length === 0 ? (
                <Empty>{info.gaps.length ? t('board.noCoverYet') : t('board.noBackupDay')}</Empty>
            ) : (
                <ul class="covers">
                    {info.covers.map((c) => (
                        <CoverItem key={c.id} cover={c} tz={tz} manager={manager} busy={busy} run={run} />
                    ))}
                </ul>
            )}
            <ErrorBox error={action.error} onRetry={action.onRetry} />
            {manager && (
                <div class="btn-row">
                    {proposed.length > 0 && (
                        <button type="button" class="btn primary" disabled={busy} onClick={() => run(() => acceptCovers(proposed))}>
                            {t('board.acceptThese', { count: proposed.length })}
                        </button>
                    )}
                    {info.state === 'gap' && (
                        <button
                            type="button"
                            class="btn"
                            disabled={busy}
                            onClick={() =>
                                run(async () => {
                                    setPlanned(await post<Plan>('/coverage/plans', { from: date, to: date, engine: 'fast' }));
                                })
                            }
                        >
                            {t('board.planDay')}
                        </button>
                    )}
                </div>
            )}
            {planned && planned.open_gaps.length > 0 && (
                <div class="notice" role="status">
                    <p>{t('board.couldNot')}</p>
                    <ul>
                        {planned.open_gaps
                            .filter((g) => g.principal_id === principal.id)
                            .map((g) => (
                                <li key={g.start_at}>
                                    {fmtSpan(g.start_at, g.end_at, tz)}: {g.reason || t('board.noOne')}
                                </li>
                            ))}
                    </ul>
                </div>
            )}
        </Dialog>
    );
}

function CoverItem({ cover, tz, manager, busy, run }: { cover: Cover; tz: string; manager: boolean; busy: boolean; run: (f: () => Promise<unknown>) => void }) {
    const [changing, setChanging] = useState(false);
    const [choice, setChoice] = useState('');
    const status = cover.status || 'proposed';
    // A 412 or 409 (the cover changed, or a newer plan replaced it): "Reload" closes the form
    // and reloads the board.
    const { error, run: runChange, setError } = useAction();

    function change(e: Event) {
        e.preventDefault();
        if (!choice) return;
        runChange(async () => {
            await patch(`/coverage/covers/${cover.id}`, { assistant_id: Number(choice) }, cover.version ?? 1);
            setChanging(false);
            run(async () => undefined);
        });
    }

    return (
        <li class="cover">
            <div class="cover-main">
                <strong>{cover.assistant_name}</strong> <StatusBadge status={status} />
                <span class="when">{fmtSpan(cover.start_at, cover.end_at, tz)}</span>
            </div>
            {cover.reason && <p class="reason">{t('board.why', { reason: cover.reason })}</p>}
            {manager && !changing && (
                <div class="btn-row">
                    {status !== 'accepted' && cover.plan_id !== undefined && (
                        <button type="button" class="btn small" disabled={busy} onClick={() => run(() => acceptCovers([cover]))}>
                            {t('board.accept')}
                        </button>
                    )}
                    <button type="button" class="btn small" disabled={busy} onClick={() => setChanging(true)}>
                        {t('board.pickAnother')}
                    </button>
                </div>
            )}
            {changing && (
                <form class="change" onSubmit={change} noValidate>
                    <CoverPicker coverId={cover.id} value={choice} onValue={setChoice} />
                    {error instanceof ApiError && error.status === 422 ? (
                        <p class="field-error" role="alert">
                            {t('board.hardRule')} <span lang="en">{error.message}</span>
                        </p>
                    ) : (
                        <ErrorBox
                            error={error}
                            onRetry={
                                error instanceof ApiError && (error.status === 412 || error.status === 409)
                                    ? () => {
                                          setError(null);
                                          setChanging(false);
                                          run(async () => undefined);
                                      }
                                    : undefined
                            }
                        />
                    )}
                    <div class="btn-row">
                        <button type="submit" class="btn primary small" disabled={!choice}>
                            {t('board.useThis')}
                        </button>
                        <button type="button" class="btn small" onClick={() => setChanging(false)}>
                            {t('ui.cancel')}
                        </button>
                    </div>
                </form>
            )}
        </li>
    );
}

/** A small read-only board of the principals the signed-in person may see. */
export function MiniBoard({ weeks = 2, title }: { weeks?: number; title: string }) {
    const from = today();
    const to = addDays(from, weeks * 7 - 1);
    const { account } = useAuth();
    const a = useAsync(() => loadBoard(from, to, '', ''), [from, to]);
    return (
        <section class="card">
            <h2>{title}</h2>
            <Show a={a} what={t('board.loadingCoverage')}>
                {(d) => (
                    <>
                        <Legend />
                        <CoverageGrid view={d.view} manager={isManager(account.role)} reload={a.reload} compact />
                    </>
                )}
            </Show>
        </section>
    );
}
