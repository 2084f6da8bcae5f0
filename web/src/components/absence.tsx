// absence.tsx: one absence as a card (who, when, status, notes; a manager's review with the
// coverage impact, and the plan that came with an approval), and the form that requests or
// records one. Shown on the leave page and on a person's profile.
import { useState } from 'preact/hooks';
import { Absence, Person, Plan, post } from '../api';
import { useAuth } from '../auth';
import { href } from '../router';
import * as store from '../store';
import { absenceDays, addDays, fmtRange, localToUtc, monday, today } from '../time';
import { ErrorBox, Field, Loading, Select, StatusBadge, TextArea, fieldError, formError, useAsync } from './ui';
import { useAction } from './hooks';
import { has, t } from '../i18n';
import { ImpactList } from './impact';
import { Handover } from '../domains/desk/desk';
import { PlanSummary, usePrincipalZones } from './plan';
import { RequestBalance, ReviewBalance, confirmCancel } from '../domains/leave/leave-ui';

const KIND_VALUES = ['vacation', 'sick', 'training', 'interview', 'other'];
/** The kinds of absence with their names in the current language. */
export const kinds = (): [string, string][] => KIND_VALUES.map((k) => [k, kindLabel(k)]);
/** The name of a kind of absence ("Vacation", "Puhkus"). */
export function kindLabel(k: string): string {
    const key = `absence.kind.${k}`;
    return has(key) ? t(key) : k;
}

/** One absence: who, when, status, notes; managers review requested ones here. */
export function AbsenceCard({
    absence,
    person,
    manager,
    standin,
    onChanged,
    showName = true,
}: {
    absence: Absence;
    person?: Person;
    manager?: boolean;
    /** Shown to a stand-in approver: they review and decide it, nothing else. */
    standin?: boolean;
    onChanged: () => void;
    showName?: boolean;
}) {
    const [current, setCurrent] = useState(absence);
    const [reviewing, setReviewing] = useState(false);
    const { busy, error, run, onRetry } = useAction(onChanged);
    const a = current.id === absence.id && current.version >= absence.version ? current : absence;
    const tz = person?.time_zone || 'UTC';
    const { first, last } = absenceDays(a.start_at, a.end_at, tz);
    const name = person?.name || t('absence.personN', { id: String(a.person_id) });

    const cancel = () =>
        confirmCancel(fmtRange(first, last)) &&
        run(async () => {
            setCurrent(await post<Absence>(`/absences/${a.id}/cancel`, {}));
            onChanged();
        });

    return (
        <li class={`absence card abs-${a.status}`} data-absence-id={a.id}>
            <div class="absence-head">
                <div>
                    {showName && (
                        <h3>
                            {person ? <a href={href(`/people/person/${a.person_id}`)}>{name}</a> : name}
                        </h3>
                    )}
                    <p class="when">
                        <strong>{kindLabel(a.kind)}</strong>, {fmtRange(first, last)}
                    </p>
                </div>
                <StatusBadge status={a.status} />
            </div>
            {a.note && <p class="note">“{a.note}”</p>}
            {a.status === 'rejected' && (
                <p class="decision" data-testid="decision">
                    <strong>{t('absence.rejected')}</strong> {a.decision_note ? t('absence.reason', { note: a.decision_note }) : t('absence.noReason')}
                </p>
            )}
            {a.status !== 'rejected' && a.decision_note && <p class="decision">{t('absence.managerNote', { note: a.decision_note })}</p>}
            <ErrorBox error={error} onRetry={onRetry} />
            <div class="btn-row">
                {(manager || standin) && a.status === 'requested' && !reviewing && (
                    <button type="button" class="btn primary" onClick={() => setReviewing(true)}>
                        {t('absence.review')}
                    </button>
                )}
                {!standin && (a.status === 'requested' || a.status === 'approved') && !reviewing && (
                    <button type="button" class="btn" onClick={cancel} disabled={!!busy}>
                        {manager ? t('absence.cancelThis') : a.status === 'requested' ? t('absence.withdraw') : t('absence.cancel')}
                    </button>
                )}
            </div>
            {reviewing && (
                <Review
                    absence={a}
                    name={name}
                    standin={standin}
                    onClose={() => setReviewing(false)}
                    onDecided={(n) => setCurrent(n)}
                />
            )}
            {a.coverage_plan !== undefined && <ApprovedPlan plan={a.coverage_plan} first={first} />}
        </li>
    );
}

function Review({
    absence,
    name,
    standin,
    onClose,
    onDecided,
}: {
    absence: Absence;
    name: string;
    standin?: boolean;
    onClose: () => void;
    onDecided: (a: Absence) => void;
}) {
    const [note, setNote] = useState('');
    const [override, setOverride] = useState(false);
    const { busy, error, run } = useAction();
    const [noteError, setNoteError] = useState<string | null>(null);

    function decide(action: 'approve' | 'reject') {
        setNoteError(null);
        if (action === 'reject' && !note.trim()) {
            setNoteError(t('absence.giveReason', { name }));
            return;
        }
        run(async () => {
            const body = { ...(note.trim() ? { note: note.trim() } : {}), ...(override && action === 'approve' ? { override: true } : {}) };
            const r = await post<Absence>(`/absences/${absence.id}/${action}`, body);
            onDecided(r.coverage_plan === undefined && action === 'approve' ? { ...r, coverage_plan: null } : r);
            onClose();
        }, action);
    }

    return (
        <div class="review" role="group" aria-label={t('absence.reviewOf', { name })}>
            <h4>{t('absence.impact')}</h4>
            <ImpactList absence={absence} />
            <ReviewBalance absence={absence} override={override} onOverride={setOverride} />
            {/* Handing tasks over is the manager's desk work, not a stand-in's. */}
            {!standin && <Handover absenceId={absence.id} />}
            <p class="hint">{t('absence.approveHint')}</p>
            <TextArea label={t('absence.noteToRequester')} value={note} onValue={setNote} error={noteError} rows={2} />
            <ErrorBox error={error} />
            <div class="btn-row">
                <button type="button" class="btn primary" disabled={!!busy} onClick={() => decide('approve')}>
                    {busy === 'approve' ? t('absence.approving') : t('absence.approve')}
                </button>
                <button type="button" class="btn danger" disabled={!!busy} onClick={() => decide('reject')}>
                    {busy === 'reject' ? t('absence.rejecting') : t('absence.reject')}
                </button>
                <button type="button" class="btn ghost" disabled={!!busy} onClick={onClose}>
                    {t('absence.notNow')}
                </button>
            </div>
        </div>
    );
}

function ApprovedPlan({ plan, first }: { plan: Plan | null | undefined; first: string }) {
    const [accepted, setAccepted] = useState(false);
    const { busy, error, run } = useAction();
    const zones = usePrincipalZones();
    const boardLink = href('/board', { from: monday(first) });
    if (!plan)
        return (
            <div class="plan-result notice" role="status">
                <p>
                    {t('absence.approvedNoPlan')} <a href={boardLink}>{t('absence.openBoardWeek')}</a>
                </p>
            </div>
        );
    const accept = () =>
        run(async () => {
            await post(`/coverage/plans/${plan.id}/accept`, {});
            setAccepted(true);
        });
    return (
        <div class="plan-result" role="status">
            <p>
                <strong>{t('absence.approved')}</strong> {t('absence.whoCovers')}
            </p>
            <PlanSummary
                plan={plan}
                zones={zones}
                actions={
                    <>
                        <ErrorBox error={error} />
                        <div class="btn-row">
                            {plan.covers.length > 0 && !accepted && (
                                <button type="button" class="btn primary" onClick={accept} disabled={!!busy}>
                                    {t('absence.acceptCovers')}
                                </button>
                            )}
                            {accepted && <span class="badge st-approved">{t('absence.coversAccepted')}</span>}
                            <a class="btn" href={boardLink}>
                                {t('absence.seeWeek')}
                            </a>
                        </div>
                    </>
                }
            />
        </div>
    );
}

/* ---------- an assistant's or executive's own leave ---------- */

export function RequestForm({ manager, onDone, personId }: { manager?: boolean; onDone: () => void; personId?: number }) {
    const { account, person } = useAuth();
    const [who, setWho] = useState(personId ? String(personId) : manager ? '' : String(account.person_id || ''));
    const [kind, setKind] = useState('vacation');
    const [first, setFirst] = useState(addDays(today(), 14));
    const [last, setLast] = useState(addDays(today(), 18));
    const [note, setNote] = useState('');
    const { busy, error, run } = useAction();
    const [localError, setLocalError] = useState<Record<string, string>>({});
    const people = useAsync(() => (manager ? store.people() : Promise.resolve([] as Person[])), [manager]);

    function submit(e: Event) {
        e.preventDefault();
        const le: Record<string, string> = {};
        if (!who) le.person_id = t('absence.form.chooseWho');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(first)) le.start_at = t('absence.form.enterFirst');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(last)) le.end_at = t('absence.form.enterLast');
        setLocalError(le);
        if (Object.keys(le).length) return;
        const p = manager ? people.data?.find((x) => String(x.id) === who) : person;
        const tz = p?.time_zone || 'UTC';
        run(async () => {
            await post('/absences', {
                person_id: Number(who),
                kind,
                start_at: new Date(localToUtc(first, '00:00', tz)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
                end_at: new Date(localToUtc(addDays(last, 1), '00:00', tz)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
                note,
            });
            onDone();
        });
    }

    const fields = ['person_id', 'kind', 'start_at', 'end_at', 'note'];
    return (
        <form class="card form" onSubmit={submit} noValidate aria-label={manager ? t('absence.record') : t('absence.request')}>
            <h2>{manager ? t('absence.record') : t('absence.request')}</h2>
            {manager &&
                (people.loading ? (
                    <Loading what={t('absence.loadingPeople')} />
                ) : (
                    <Select
                        label={t('absence.form.who')}
                        value={who}
                        onValue={setWho}
                        error={localError.person_id || fieldError(error, 'person_id')}
                        options={[
                            ['', t('absence.form.choosePerson')],
                            ...(people.data || []).map((p): [string, string] => [String(p.id), `${p.name} (${p.office})`]),
                        ]}
                    />
                ))}
            <Select label={t('absence.form.kind')} value={kind} onValue={setKind} options={kinds()} error={fieldError(error, 'kind')} />
            <div class="row2">
                <Field label={t('absence.form.first')} type="date" value={first} onValue={setFirst} error={localError.start_at || fieldError(error, 'start_at')} />
                <Field label={t('absence.form.last')} type="date" value={last} onValue={setLast} error={localError.end_at || fieldError(error, 'end_at')} />
            </div>
            <RequestBalance personId={Number(who)} kind={kind} first={first} last={last} tz={(manager ? people.data?.find((x) => String(x.id) === who) : person)?.time_zone || 'UTC'} />
            <TextArea label={t('absence.form.note')} value={note} onValue={setNote} error={fieldError(error, 'note')} rows={2} />
            <ErrorBox error={formError(error, fields)} />
            <div class="btn-row">
                <button type="submit" class="btn primary" disabled={!!busy}>
                    {busy ? t('absence.form.sending') : manager ? t('absence.form.record') : t('absence.form.send')}
                </button>
                <button type="button" class="btn ghost" onClick={onDone}>
                    {t('ui.cancel')}
                </button>
            </div>
        </form>
    );
}
