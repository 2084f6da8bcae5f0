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
import { ImpactList } from './impact';
import { Handover } from '../domains/desk/desk';
import { PlanSummary, usePrincipalZones } from './plan';
import { RequestBalance, ReviewBalance, confirmCancel } from '../domains/leave/leave-ui';

export const KINDS: [string, string][] = [
    ['vacation', 'Vacation'],
    ['sick', 'Sick leave'],
    ['training', 'Training'],
    ['interview', 'Interview duty'],
    ['other', 'Other'],
];
const kindLabel = (k: string) => KINDS.find(([v]) => v === k)?.[1] || k;

/** One absence: who, when, status, notes; managers review requested ones here. */
export function AbsenceCard({
    absence,
    person,
    manager,
    onChanged,
    showName = true,
}: {
    absence: Absence;
    person?: Person;
    manager?: boolean;
    onChanged: () => void;
    showName?: boolean;
}) {
    const [current, setCurrent] = useState(absence);
    const [reviewing, setReviewing] = useState(false);
    const { busy, error, run, onRetry } = useAction(onChanged);
    const a = current.id === absence.id && current.version >= absence.version ? current : absence;
    const tz = person?.time_zone || 'UTC';
    const { first, last } = absenceDays(a.start_at, a.end_at, tz);
    const name = person?.name || `Person #${a.person_id}`;

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
                    <strong>Rejected.</strong> {a.decision_note ? `Reason: ${a.decision_note}` : 'No reason was given.'}
                </p>
            )}
            {a.status !== 'rejected' && a.decision_note && <p class="decision">Note from the manager: {a.decision_note}</p>}
            <ErrorBox error={error} onRetry={onRetry} />
            <div class="btn-row">
                {manager && a.status === 'requested' && !reviewing && (
                    <button type="button" class="btn primary" onClick={() => setReviewing(true)}>
                        Review request
                    </button>
                )}
                {(a.status === 'requested' || a.status === 'approved') && !reviewing && (
                    <button type="button" class="btn" onClick={cancel} disabled={!!busy}>
                        {manager ? 'Cancel this absence' : a.status === 'requested' ? 'Withdraw request' : 'Cancel'}
                    </button>
                )}
            </div>
            {reviewing && (
                <Review
                    absence={a}
                    name={name}
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
    onClose,
    onDecided,
}: {
    absence: Absence;
    name: string;
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
            setNoteError(`Give a reason, so ${name} knows why.`);
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
        <div class="review" role="group" aria-label={`Review ${name}'s request`}>
            <h4>Coverage impact</h4>
            <ImpactList absence={absence} />
            <ReviewBalance absence={absence} override={override} onOverride={setOverride} />
            <Handover absenceId={absence.id} />
            <p class="hint">When you approve, the planner proposes the covers for these days; you accept them here or on the board.</p>
            <TextArea label="Note to the requester (required when rejecting)" value={note} onValue={setNote} error={noteError} rows={2} />
            <ErrorBox error={error} />
            <div class="btn-row">
                <button type="button" class="btn primary" disabled={!!busy} onClick={() => decide('approve')}>
                    {busy === 'approve' ? 'Approving…' : 'Approve'}
                </button>
                <button type="button" class="btn danger" disabled={!!busy} onClick={() => decide('reject')}>
                    {busy === 'reject' ? 'Rejecting…' : 'Reject'}
                </button>
                <button type="button" class="btn ghost" disabled={!!busy} onClick={onClose}>
                    Not now
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
                    Approved. No coverage plan came with the approval. <a href={boardLink}>Open the board for that week</a> to plan the covers.
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
                <strong>Approved.</strong> Who will cover:
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
                                    Accept these covers
                                </button>
                            )}
                            {accepted && <span class="badge st-approved">covers accepted</span>}
                            <a class="btn" href={boardLink}>
                                See the week on the board
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
        if (!who) le.person_id = 'Choose whose absence this is.';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(first)) le.start_at = 'Enter the first day away.';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(last)) le.end_at = 'Enter the last day away.';
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
        <form class="card form" onSubmit={submit} noValidate aria-label={manager ? 'Record an absence' : 'Request leave'}>
            <h2>{manager ? 'Record an absence' : 'Request leave'}</h2>
            {manager &&
                (people.loading ? (
                    <Loading what="Loading people" />
                ) : (
                    <Select
                        label="Who"
                        value={who}
                        onValue={setWho}
                        error={localError.person_id || fieldError(error, 'person_id')}
                        options={[
                            ['', 'Choose a person…'],
                            ...(people.data || []).map((p): [string, string] => [String(p.id), `${p.name} (${p.office})`]),
                        ]}
                    />
                ))}
            <Select label="Kind" value={kind} onValue={setKind} options={KINDS} error={fieldError(error, 'kind')} />
            <div class="row2">
                <Field label="First day away" type="date" value={first} onValue={setFirst} error={localError.start_at || fieldError(error, 'start_at')} />
                <Field label="Last day away" type="date" value={last} onValue={setLast} error={localError.end_at || fieldError(error, 'end_at')} />
            </div>
            <RequestBalance personId={Number(who)} kind={kind} first={first} last={last} tz={(manager ? people.data?.find((x) => String(x.id) === who) : person)?.time_zone || 'UTC'} />
            <TextArea label="Note (optional)" value={note} onValue={setNote} error={fieldError(error, 'note')} rows={2} />
            <ErrorBox error={formError(error, fields)} />
            <div class="btn-row">
                <button type="submit" class="btn primary" disabled={!!busy}>
                    {busy ? 'Sending…' : manager ? 'Record' : 'Send request'}
                </button>
                <button type="button" class="btn ghost" onClick={onDone}>
                    Cancel
                </button>
            </div>
        </form>
    );
}
