// The coverage board: principals × days, with the covers and gaps of each cell, re-planning and
// accepting. (The grid itself is components/coverage-grid.tsx, shared with the own-pages.)
import { useState } from 'preact/hooks';
import { Cover, Plan, post } from '../../api';
import { BoardView } from '../../coverage';
import { navigate } from '../../router';
import * as store from '../../store';
import { addDays, fmtRange, fmtShortDate, today } from '../../time';
import { CoverageGrid, Legend, acceptCovers, loadBoard } from '../../components/coverage-grid';
import { useAction } from '../../components/hooks';
import { PlanSummary, usePrincipalZones } from '../../components/plan';
import { Dialog, ErrorBox, PageHead, Select, Show, useAsync } from '../../components/ui';
import { FlagsCard } from '../../components/flags';
import { DateInput } from '../../components/date-field';
import { t, useLang } from '../../i18n';

export function Board({ query }: { query: URLSearchParams }) {
    useLang(); // re-rendered in a new language
    const from = query.get('from') || today();
    const weeks = Math.max(1, Math.min(52, Number(query.get('weeks')) || 4));
    // An explicit to= (a shared link, the CLI's board URL) wins over weeks, up to a year.
    const toQ = query.get('to') || '';
    const to = /^\d{4}-\d\d-\d\d$/.test(toQ) && toQ >= from ? (toQ <= addDays(from, 363) ? toQ : addDays(from, 363)) : addDays(from, weeks * 7 - 1);
    const office = query.get('office') || '';
    const department = query.get('department') || '';
    const board = useAsync(() => loadBoard(from, to, office, department), [from, to, office, department]);
    const options = useAsync(async () => {
        const ps = await store.principals();
        return { offices: store.distinct(ps.map((p) => p.office)), departments: store.distinct(ps.map((p) => p.department)) };
    }, []);
    const [plan, setPlan] = useState<Plan | null>(null);
    const { busy, error: actionError, run, onRetry } = useAction(board.reload);
    const [notice, setNotice] = useState<string | null>(null);

    const set = (changes: Record<string, string | number | undefined>) =>
        navigate('/board', { from, weeks, office, department, ...changes }, true);

    function replan() {
        setNotice(null);
        run(async () => {
            const p = await post<Plan>('/coverage/plans', { from, to, engine: 'fast' });
            setPlan(p);
            board.reload();
        }, 'plan');
    }

    function acceptAll(covers: Cover[]) {
        setNotice(null);
        run(async () => {
            await acceptCovers(covers);
            setNotice(t('board.accepted', { count: covers.length }));
            board.reload();
        }, 'accept');
    }

    return (
        <section class="board-page">
            <PageHead title={t('nav.board')}>
                <button type="button" class="btn primary" onClick={replan} disabled={!!busy}>
                    {busy === 'plan' ? t('board.planning') : t('board.replan', { from: fmtShortDate(from), to: fmtShortDate(to) })}
                </button>
                {board.data && board.data.view.proposed.length > 0 && (
                    <button type="button" class="btn" onClick={() => acceptAll(board.data!.view.proposed)} disabled={!!busy}>
                        {busy === 'accept' ? t('board.accepting') : t('board.acceptProposed', { count: board.data.view.proposed.length })}
                    </button>
                )}
            </PageHead>
            <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label={t('board.filters')}>
                <div class="field">
                    <label for="board-from">{t('board.from')}</label>
                    <DateInput id="board-from" label={t('board.from')} value={from} onValue={(v) => set({ from: v || today() })} />
                </div>
                <Select
                    label={t('filter.office')}
                    value={office}
                    onValue={(v) => set({ office: v })}
                    options={[['', t('filter.allOffices')], ...(options.data?.offices || (office ? [office] : []))]}
                />
                <Select
                    label={t('filter.department')}
                    value={department}
                    onValue={(v) => set({ department: v })}
                    options={[['', t('filter.allDepartments')], ...(options.data?.departments || (department ? [department] : []))]}
                />
                <div class="field buttons">
                    <span class="label-like" aria-hidden="true">
                        &nbsp;
                    </span>
                    <div class="btn-row">
                        <button type="button" class="btn" onClick={() => set({ from: addDays(from, -7 * weeks) })}>
                            {t('board.earlier')}
                        </button>
                        <button type="button" class="btn" onClick={() => set({ from: today() })}>
                            {t('nav.today')}
                        </button>
                        <button type="button" class="btn" onClick={() => set({ from: addDays(from, 7 * weeks) })}>
                            {t('board.later')}
                        </button>
                    </div>
                </div>
            </form>
            <ErrorBox error={actionError} onRetry={onRetry} />
            {notice && (
                <p class="notice" role="status">
                    {notice}
                </p>
            )}
            <FlagsCard from={from} to={to < addDays(from, 91) ? to : addDays(from, 91)} id="h-board-flags" />
            <Show a={board} what={t('board.loading')}>
                {(d) => (
                    <>
                        <BoardSummary view={d.view} />
                        <Legend />
                        <CoverageGrid view={d.view} manager onMore={() => set({ weeks: weeks + 4 })} reload={board.reload} />
                    </>
                )}
            </Show>
            {plan && (
                <PlanDialog
                    plan={plan}
                    onClose={() => setPlan(null)}
                    onAccepted={() => {
                        setPlan(null);
                        setNotice(t('board.acceptedPlan', { id: String(plan.id) }));
                        board.reload();
                    }}
                />
            )}
        </section>
    );
}

function BoardSummary({ view }: { view: BoardView }) {
    const c = view.counts;
    const n = view.data.principals.length;
    return (
        <p class="summary" role="status">
            {t('board.summary', {
                executives: t('board.executives', { count: n }),
                range: fmtRange(view.data.from, view.data.to),
                gaps: t('board.gapDays', { count: c.gap }),
                proposed: c.proposed,
                backup: c.backup,
                covered: c.covered,
            })}
        </p>
    );
}

function PlanDialog({ plan, onClose, onAccepted }: { plan: Plan; onClose: () => void; onAccepted: () => void }) {
    const { busy, error, run } = useAction();
    const zones = usePrincipalZones();
    const accept = () =>
        run(async () => {
            await post(`/coverage/plans/${plan.id}/accept`, {});
            onAccepted();
        });
    return (
        <Dialog title={t('board.newPlan')} onClose={onClose} wide>
            <PlanSummary
                plan={plan}
                zones={zones}
                actions={
                    <>
                        <ErrorBox error={error} />
                        <div class="btn-row">
                            {plan.covers.length > 0 && (
                                <button type="button" class="btn primary" onClick={accept} disabled={!!busy}>
                                    {t('board.acceptAll', { count: plan.covers.length })}
                                </button>
                            )}
                            <button type="button" class="btn" onClick={onClose}>
                                {t('board.closePlan')}
                            </button>
                        </div>
                    </>
                }
            />
        </Dialog>
    );
}
