// leave-ui.tsx: the leave pieces that other pages mount: the balance a request leaves (on the
// request form and in the manager's review, with the override past zero), the confirmation
// before cancelling, the ranked "pick another assistant" list of a cover, and the stand-in
// approvers. Every figure comes from the server (GET /leave/balance, GET
// /coverage/covers/{id}/candidates); dates and times are shown with Intl in the shown
// person's zone.
import { useState } from 'preact/hooks';
import { Absence, Person, del, get, listAll, post } from '../../api';
import { t, locale, fmtNumber } from '../../i18n';
import { localToUtc, addDays, today } from '../../time';
import { Checkbox, ErrorBox, Field, Loading, Select, useAsync } from '../../components/ui';
import { useAction } from '../../components/hooks';

interface Balance {
    tracked: boolean;
    enforced?: boolean;
    year: number;
    entitlement?: number;
    balance?: number;
    carry_over?: number;
    carry_over_expires?: string | null;
    carry_over_left?: number;
    carry_over_expired?: number;
    request?: { days: number; hours: number; balance_after?: number; below_zero?: boolean };
}

const utc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** "Tue 3 Feb" of a YYYY-MM-DD date, in the current language. */
function fmtDay(date: string): string {
    return new Intl.DateTimeFormat(locale(), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
        new Date(`${date}T12:00:00Z`),
    );
}

/** "Tue 3 Feb, 09:00–17:00" of two instants in zone tz. */
function fmtWhen(start: string, end: string, tz: string): string {
    const d = new Intl.DateTimeFormat(locale(), { weekday: 'short', day: 'numeric', month: 'short', timeZone: tz });
    const h = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: tz });
    return `${d.format(new Date(start))}, ${h.format(new Date(start))}–${h.format(new Date(end))}`;
}

function BalanceLines({ b, override, onOverride }: { b: Balance; override?: boolean; onOverride?: (v: boolean) => void }) {
    if (!b.tracked) return <p class="hint">{t('leave.balance.untracked')}</p>;
    const r = b.request;
    return (
        <div class="leave-balance" data-testid="leave-balance">
            <p>
                {t('leave.balance.now', { count: b.balance ?? 0, entitlement: b.entitlement ?? 0 })}{' '}
                {r && (
                    <>
                        {t('leave.balance.request', { count: r.days })}
                        {r.hours > 0 && r.hours < 24 * r.days ? ` ${t('leave.balance.hours', { hours: Math.round(r.hours * 10) / 10 })}` : ''}.{' '}
                        <strong class={r.below_zero ? 'below-zero' : undefined}>{t('leave.balance.after', { count: r.balance_after ?? 0 })}</strong>
                    </>
                )}
            </p>
            {(b.carry_over_left ?? 0) > 0 && b.carry_over_expires && (
                <p class="hint">{t('leave.balance.carry', { days: fmtNumber(b.carry_over_left ?? 0), date: fmtDay(b.carry_over_expires) })}</p>
            )}
            {(b.carry_over_expired ?? 0) > 0 && b.carry_over_expires && (
                <p class="hint">{t('leave.balance.carryExpired', { days: fmtNumber(b.carry_over_expired ?? 0), date: fmtDay(b.carry_over_expires) })}</p>
            )}
            {r?.below_zero && b.enforced && (
                <p class="field-error" role="alert">
                    {t('leave.balance.below')}
                </p>
            )}
            {r?.below_zero && b.enforced && onOverride && <Checkbox label={t('leave.balance.override')} checked={!!override} onValue={onOverride} />}
        </div>
    );
}

/** On the request form: the balance the request would leave, as the days are chosen. */
export function RequestBalance({ personId, kind, first, last, tz }: { personId: number; kind: string; first: string; last: string; tz: string }) {
    const ok = personId > 0 && /^\d{4}-\d{2}-\d{2}$/.test(first) && /^\d{4}-\d{2}-\d{2}$/.test(last) && last >= first;
    const b = useAsync(
        () =>
            ok
                ? get<Balance>('/leave/balance', {
                      person_id: personId,
                      kind,
                      start_at: utc(localToUtc(first, '00:00', tz)),
                      end_at: utc(localToUtc(addDays(last, 1), '00:00', tz)),
                  })
                : Promise.resolve(null),
        [personId, kind, first, last, tz],
    );
    if (!ok) return null;
    if (b.loading && !b.data) return <Loading what={t('leave.balance.loading')} />;
    if (b.error) return <ErrorBox error={b.error} onRetry={b.reload} />;
    return b.data ? <BalanceLines b={b.data} /> : null;
}

/** In the manager's review: the balance after this absence, and the override past zero. */
export function ReviewBalance({ absence, override, onOverride }: { absence: Absence; override: boolean; onOverride: (v: boolean) => void }) {
    const b = useAsync(() => get<Balance>('/leave/balance', { absence_id: absence.id }), [absence.id, absence.version]);
    if (b.loading && !b.data) return <Loading what={t('leave.balance.loading')} />;
    if (b.error) return <ErrorBox error={b.error} onRetry={b.reload} />;
    return b.data ? <BalanceLines b={b.data} override={override} onOverride={onOverride} /> : null;
}

/** Asks before cancelling: the covers of those days are released and the executives told. */
export function confirmCancel(dates: string): boolean {
    return typeof window === 'undefined' || window.confirm(t('leave.cancel.confirm', { dates }));
}

/* ---------- pick another assistant ---------- */

interface Candidate {
    assistant_id: number;
    name: string;
    cost: number;
    designated_rank: number;
    capacity: number;
    week_load_hours: number;
    current: boolean;
}
interface Unavailable {
    assistant_id: number;
    name: string;
    why: string;
    reason: string;
    current: boolean;
}
interface Candidates {
    time_zone: string;
    start_at: string;
    end_at: string;
    candidates: Candidate[];
    available_count: number;
    unavailable: Unavailable[];
    unavailable_count: number;
}

/** The ranked list of who could take the cover instead; value is the chosen assistant's id. */
export function CoverPicker({ coverId, value, onValue }: { coverId: number; value: string; onValue: (v: string) => void }) {
    const list = useAsync(() => get<Candidates>(`/coverage/covers/${coverId}/candidates`, { limit: 100 }), [coverId]);
    if (list.loading && !list.data) return <Loading what={t('leave.picker.loading')} />;
    if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
    const c = list.data;
    const others = c.candidates.filter((x) => !x.current);
    return (
        <fieldset class="cover-picker">
            <legend>{t('leave.picker.legend')}</legend>
            <p class="hint">{t('leave.picker.intro', { when: fmtWhen(c.start_at, c.end_at, c.time_zone), zone: c.time_zone })}</p>
            {others.length === 0 && <p>{t('leave.picker.none')}</p>}
            <ol class="picker-list">
                {others.map((x) => (
                    <li key={x.assistant_id}>
                        <label>
                            <input
                                type="radio"
                                name={`pick-${coverId}`}
                                value={String(x.assistant_id)}
                                checked={value === String(x.assistant_id)}
                                onChange={() => onValue(String(x.assistant_id))}
                            />{' '}
                            <strong>{x.name}</strong>
                            <span class="hint">
                                {' '}
                                {[
                                    x.designated_rank > 0 ? t('leave.picker.designated', { rank: x.designated_rank }) : '',
                                    t('leave.picker.load', { hours: Math.round(x.week_load_hours) }),
                                    t('leave.picker.cost', { cost: Math.round(x.cost) }),
                                ]
                                    .filter(Boolean)
                                    .join(' · ')}
                            </span>
                        </label>
                    </li>
                ))}
            </ol>
            {c.unavailable_count > 0 && (
                <details class="picker-unavailable">
                    <summary>{t('leave.picker.unavailable', { count: c.unavailable_count })}</summary>
                    <ul>
                        {c.unavailable.map((x) => (
                            <li key={x.assistant_id}>
                                <strong>{x.name}</strong> {x.reason}
                            </li>
                        ))}
                        {c.unavailable_count > c.unavailable.length && <li>{t('leave.picker.more', { count: c.unavailable_count - c.unavailable.length })}</li>}
                    </ul>
                </details>
            )}
        </fieldset>
    );
}

/* ---------- stand-in approvers ---------- */

interface Standin {
    id: number;
    version: number;
    manager_id: number;
    standin_id: number;
    from_date: string;
    to_date: string;
}

/** The stand-ins named by managers who are away, and the form that names one. */
export function Standins({ people }: { people: Person[] }) {
    const list = useAsync(() => listAll<Standin>('/approval-standins'), []);
    const [manager, setManager] = useState('');
    const [standin, setStandin] = useState('');
    const [from, setFrom] = useState('');
    const [to, setTo] = useState('');
    const { busy, error, run } = useAction();
    const name = (id: number) => people.find((p) => p.id === id)?.name || `#${id}`;
    const options: [string, string][] = [['', t('leave.standin.choose')], ...people.map((p): [string, string] => [String(p.id), p.name])];
    const save = (e: Event) => {
        e.preventDefault();
        run(async () => {
            await post('/approval-standins', { manager_id: Number(manager), standin_id: Number(standin), from_date: from, to_date: to });
            setStandin('');
            list.reload();
        });
    };
    return (
        <section class="card standins" aria-labelledby="standins-h">
            <h2 id="standins-h">{t('leave.standin.title')}</h2>
            <p class="hint">{t('leave.standin.intro')}</p>
            {list.loading && !list.data ? (
                <Loading what={t('leave.standin.loading')} />
            ) : list.error ? (
                <ErrorBox error={list.error} onRetry={list.reload} />
            ) : (list.data || []).length === 0 ? (
                <p>{t('leave.standin.none')}</p>
            ) : (
                <ul>
                    {(list.data || []).map((s) => (
                        <li key={s.id}>
                            {t('leave.standin.row', { standin: name(s.standin_id), manager: name(s.manager_id), from: fmtDay(s.from_date), to: fmtDay(s.to_date) })}{' '}
                            <button type="button" class="btn small ghost" disabled={!!busy} onClick={() => run(async () => (await del(`/approval-standins/${s.id}`, s.version), list.reload()))}>
                                {t('leave.standin.remove')}
                            </button>
                        </li>
                    ))}
                </ul>
            )}
            <form class="form" onSubmit={save} noValidate aria-label={t('leave.standin.add')}>
                <div class="row2">
                    <Select label={t('leave.standin.manager')} value={manager} onValue={setManager} options={options} />
                    <Select label={t('leave.standin.standin')} value={standin} onValue={setStandin} options={options} />
                </div>
                <div class="row2">
                    <Field label={t('leave.standin.from')} type="date" value={from} onValue={setFrom} />
                    <Field label={t('leave.standin.to')} type="date" value={to} onValue={setTo} />
                </div>
                <ErrorBox error={error} />
                <div class="btn-row">
                    <button type="submit" class="btn" disabled={!!busy}>
                        {t('leave.standin.save')}
                    </button>
                </div>
            </form>
        </section>
    );
}

/* ---------- deciding leave in a manager's place ---------- */

/** The stand-in row naming person pid today, or undefined: the server takes the stand-in's
 *  today in their zone (this page's, the browser's), not UTC's date. */
export function useStandinToday(pid: number | null | undefined) {
    const rows = useAsync(() => (pid ? listAll<Standin>('/approval-standins', { standin_id: pid }) : Promise.resolve([] as Standin[])), [pid]);
    const day = today();
    return (rows.data || []).find((s) => s.from_date <= day && s.to_date >= day);
}

/** For a stand-in approver who is not a manager: whose place they take and until when. The
 *  requests themselves are the ones the server shows them (GET /absences: exactly those they
 *  may decide, besides their own). */
export function StandinNotice({ standin, people }: { standin: Standin; people: Map<number, Person> }) {
    const manager = people.get(standin.manager_id)?.name;
    return (
        <p class="notice" role="status" data-testid="standin-notice">
            {manager ? t('leave.standin.youFor', { manager, to: fmtDay(standin.to_date) }) : t('leave.standin.you', { to: fmtDay(standin.to_date) })}
        </p>
    );
}
