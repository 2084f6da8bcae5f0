// plan.tsx: the result of a planner run (proposed covers and open gaps, with reasons), shown on
// the board and with an approved absence.
import type { ComponentChildren } from 'preact';
import { Plan } from '../api';
import * as store from '../store';
import { browserZone, fmtRange, fmtSpan } from '../time';
import { useAsync } from './ui';
import { t } from '../i18n';

/** The result of a planner run: the covers it proposes and the gaps it leaves, with reasons. */
export function PlanSummary({ plan, zones, actions }: { plan: Plan; zones?: Map<number, string>; actions?: ComponentChildren }) {
    const tz = (pid: number) => zones?.get(pid) || browserZone();
    const shown = plan.covers.slice(0, 100);
    return (
        <div class="plan">
            <p>
                {t('plan.summary', {
                    id: String(plan.id),
                    range: fmtRange(plan.from, plan.to),
                    covers: t('plan.covers', { count: plan.covers.length }),
                    gaps: t('plan.gaps', { count: plan.open_gaps.length }),
                })}
            </p>
            {actions}
            {plan.covers.length > 0 && (
                <div class="table-wrap">
                    <table class="list">
                        <caption>{t('plan.proposedCovers')}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t('plan.executive')}</th>
                                <th scope="col">{t('plan.when')}</th>
                                <th scope="col">{t('plan.backup')}</th>
                                <th scope="col">{t('plan.why')}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {shown.map((c) => (
                                <tr key={c.id}>
                                    <td>{c.principal_name || `#${c.principal_id}`}</td>
                                    <td>{fmtSpan(c.start_at, c.end_at, tz(c.principal_id))}</td>
                                    <td>{c.assistant_name}</td>
                                    <td>{c.reason}</td>
                                </tr>
                            ))}
                        </tbody>
                    </table>
                    {plan.covers.length > shown.length && <p class="hint">{t('plan.more', { count: plan.covers.length - shown.length })}</p>}
                </div>
            )}
            {plan.open_gaps.length > 0 && (
                <div class="table-wrap">
                    <table class="list">
                        <caption>{t('plan.openGaps')}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t('plan.executive')}</th>
                                <th scope="col">{t('plan.when')}</th>
                                <th scope="col">{t('plan.why')}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {plan.open_gaps.slice(0, 100).map((g, i) => (
                                <tr key={i}>
                                    <td>{g.principal_name || `#${g.principal_id}`}</td>
                                    <td>{fmtSpan(g.start_at, g.end_at, tz(g.principal_id))}</td>
                                    <td>{g.reason || '—'}</td>
                                </tr>
                            ))}
                        </tbody>
                    </table>
                </div>
            )}
        </div>
    );
}

export function usePrincipalZones() {
    const a = useAsync(() => store.principals().then((ps) => new Map(ps.map((p) => [p.id, p.time_zone]))), []);
    return a.data;
}

