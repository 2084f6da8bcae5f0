// Leave: assistants and executives request their own; managers approve or reject, seeing the
// coverage impact first, and get the planner's proposed covers with the approval.
import { useState } from 'preact/hooks';
import { Absence, ApiError, Page, Person, Plan, get, post } from '../../api';
import { isManager, useAuth } from '../../auth';
import { estimateImpact } from '../../impact';
import { href } from '../../router';
import * as store from '../../store';
import { absenceDays, addDays, browserZone, fmtDate, fmtRange, localToUtc, monday, partOfDay, today } from '../../time';
import { Empty, ErrorBox, Field, Loading, PageHead, Select, Show, StatusBadge, TextArea, fieldError, formError, useAsync } from '../../components/ui';
import { PlanSummary, usePrincipalZones } from '../coverage/board';

export const KINDS: [string, string][] = [
    ['vacation', 'Vacation'],
    ['sick', 'Sick leave'],
    ['training', 'Training'],
    ['interview', 'Interview duty'],
    ['other', 'Other'],
];
const kindLabel = (k: string) => KINDS.find(([v]) => v === k)?.[1] || k;

export function Leave({ query }: { query: URLSearchParams }) {
    const { account } = useAuth();
    return isManager(account.role) ? <ManagerLeave query={query} /> : <OwnLeave />;
}

/* ---------- a manager's view ---------- */

function ManagerLeave({ query }: { query: URLSearchParams }) {
    const [status, setStatus] = useState(query.get('status') || 'requested');
    const [pages, setPages] = useState(1);
    const [showForm, setShowForm] = useState(false);
    const list = useAsync(async () => {
        const items: Absence[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < pages; i++) {
            const page: Page<Absence> = await get<Page<Absence>>('/absences', { status: status === 'all' ? undefined : status, limit: 100, cursor });
            items.push(...page.items);
            cursor = page.next_cursor;
            if (!cursor) break;
        }
        const people = await store.peopleById();
        return { items, more: !!cursor, people };
    }, [status, pages]);

    return (
        <section>
            <PageHead title="Leave">
                <button type="button" class="btn" aria-expanded={showForm ? 'true' : 'false'} onClick={() => setShowForm(!showForm)}>
                    Record an absence
                </button>
            </PageHead>
            {showForm && (
                <RequestForm
                    manager
                    onDone={() => {
                        setShowForm(false);
                        list.reload();
                    }}
                />
            )}
            <form class="filters" onSubmit={(e) => e.preventDefault()}>
                <Select
                    label="Status"
                    value={status}
                    onValue={(v) => {
                        setStatus(v);
                        setPages(1);
                    }}
                    options={[
                        ['requested', 'Waiting for a decision'],
                        ['approved', 'Approved'],
                        ['rejected', 'Rejected'],
                        ['cancelled', 'Cancelled'],
                        ['all', 'All'],
                    ]}
                />
            </form>
            <Show a={list} what="Loading absences">
                {(d) =>
                    d.items.length === 0 ? (
                        <Empty>{status === 'requested' ? 'No leave requests are waiting for a decision.' : 'No absences with this status.'}</Empty>
                    ) : (
                        <>
                            <ul class="absences">
                                {d.items
                                    .slice()
                                    .sort((a, b) => a.start_at.localeCompare(b.start_at))
                                    .map((a) => (
                                        <AbsenceCard key={a.id} absence={a} person={d.people.get(a.person_id)} manager onChanged={list.reload} />
                                    ))}
                            </ul>
                            {d.more && (
                                <button type="button" class="btn" onClick={() => setPages(pages + 1)}>
                                    Show more
                                </button>
                            )}
                        </>
                    )
                }
            </Show>
        </section>
    );
}

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
    const [error, setError] = useState<unknown>(null);
    const [busy, setBusy] = useState(false);
    const a = current.id === absence.id && current.version >= absence.version ? current : absence;
    const tz = person?.time_zone || 'UTC';
    const { first, last } = absenceDays(a.start_at, a.end_at, tz);
    const name = person?.name || `Person #${a.person_id}`;

    async function cancel() {
        setBusy(true);
        setError(null);
        try {
            setCurrent(await post<Absence>(`/absences/${a.id}/cancel`, {}));
            onChanged();
        } catch (e) {
            setError(e);
        } finally {
            setBusy(false);
        }
    }

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
            <ErrorBox error={error} onRetry={error instanceof ApiError && error.status === 412 ? onChanged : undefined} />
            <div class="btn-row">
                {manager && a.status === 'requested' && !reviewing && (
                    <button type="button" class="btn primary" onClick={() => setReviewing(true)}>
                        Review request
                    </button>
                )}
                {(a.status === 'requested' || a.status === 'approved') && !reviewing && (
                    <button type="button" class="btn" onClick={cancel} disabled={busy}>
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

/** "all day (09:00–17:00)", "afternoon (13:00–17:30)". */
function describeRange(r: string): string {
    const [s, e] = r.split('–');
    return `${partOfDay(s, e)} (${r})`;
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
    const impact = useAsync(() => estimateImpact(absence), [absence.id]);
    const [note, setNote] = useState('');
    const [busy, setBusy] = useState<string | null>(null);
    const [error, setError] = useState<unknown>(null);
    const [noteError, setNoteError] = useState<string | null>(null);

    async function decide(action: 'approve' | 'reject') {
        setNoteError(null);
        if (action === 'reject' && !note.trim()) {
            setNoteError(`Give a reason, so ${name} knows why.`);
            return;
        }
        setBusy(action);
        setError(null);
        try {
            const r = await post<Absence>(`/absences/${absence.id}/${action}`, note.trim() ? { note: note.trim() } : {});
            onDecided(r.coverage_plan === undefined && action === 'approve' ? { ...r, coverage_plan: null } : r);
            onClose();
        } catch (e) {
            setError(e);
            setBusy(null);
        }
    }

    return (
        <div class="review" role="group" aria-label={`Review ${name}'s request`}>
            <h4>Coverage impact</h4>
            <Show a={impact} what="Working out the coverage impact">
                {(im) =>
                    im.kind === 'none' ? (
                        <p>{im.reason}</p>
                    ) : (
                        <ul class="impact">
                            {im.items.map((p) => (
                                <li key={p.id} data-principal-id={p.id}>
                                    {p.uncovered.length === 0 ? (
                                        <p>
                                            <span class="chip s-covered" aria-hidden="true">
                                                ✓
                                            </span>{' '}
                                            <strong>{p.name}</strong> stays covered{p.stillCoveredBy.length ? ` by ${p.stillCoveredBy.join(', ')}` : ''}.
                                        </p>
                                    ) : (
                                        <p>
                                            <span class="chip s-gap" aria-hidden="true">
                                                ✕
                                            </span>{' '}
                                            Approving leaves <strong>{p.name}</strong> uncovered for {Math.round(p.minutes / 6) / 10} h:{' '}
                                            {p.uncovered.map((d) => `${fmtDate(d.date)} ${d.ranges.map(describeRange).join(', ')}`).join('; ')}
                                            {p.timeZone !== browserZone() ? ` (${p.timeZone} time)` : ''}.
                                            {p.stillCoveredBy.length > 0 && ` (${p.stillCoveredBy.join(', ')} covers part of it.)`}
                                        </p>
                                    )}
                                    {p.uncovered.length > 0 && p.proposed !== null && (
                                        <p class="hint proposed">
                                            {p.proposed.length === 0
                                                ? 'The planner would find no backup.'
                                                : `Proposed backup: ${p.proposed
                                                      .map((b) => `${b.name} (${b.reason})`)
                                                      .join('; and ')}.`}
                                            {p.openReasons.length > 0 && ` Left open: ${p.openReasons.join('; ')}.`}
                                        </p>
                                    )}
                                    {p.uncovered.length > 0 && p.proposed === null && (
                                        <p class="hint">
                                            {p.backups.length === 0
                                                ? 'No designated backup; the planner will look for anyone qualified.'
                                                : `Likely backup: ${p.backups
                                                      .map((b) => `${b.name} (designated #${b.rank}${b.away ? ', away then' : ''})`)
                                                      .join(', or ')}.`}
                                        </p>
                                    )}
                                </li>
                            ))}
                        </ul>
                    )
                }
            </Show>
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
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<unknown>(null);
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
    async function accept() {
        setBusy(true);
        setError(null);
        try {
            await post(`/coverage/plans/${plan!.id}/accept`, {});
            setAccepted(true);
        } catch (e) {
            setError(e);
        } finally {
            setBusy(false);
        }
    }
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
                                <button type="button" class="btn primary" onClick={accept} disabled={busy}>
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

function OwnLeave() {
    const { account, person } = useAuth();
    const pid = account.person_id;
    const list = useAsync(
        () => (pid ? get<Page<Absence>>('/absences', { person_id: pid, limit: 200 }) : Promise.resolve({ items: [], next_cursor: null })),
        [pid],
    );
    const [showForm, setShowForm] = useState(false);
    const [notice, setNotice] = useState<string | null>(null);
    if (!pid)
        return (
            <section>
                <PageHead title="Leave" />
                <Empty>Your account is not linked to a person, so you have no leave to request.</Empty>
            </section>
        );
    const t = today();
    return (
        <section>
            <PageHead title="Your leave">
                <button type="button" class="btn primary" aria-expanded={showForm ? 'true' : 'false'} onClick={() => setShowForm(!showForm)}>
                    Request leave
                </button>
            </PageHead>
            {notice && (
                <p class="notice" role="status">
                    {notice}
                </p>
            )}
            {showForm && (
                <RequestForm
                    onDone={() => {
                        setShowForm(false);
                        setNotice('Your request is sent. Your manager will approve or reject it.');
                        list.reload();
                    }}
                />
            )}
            <Show a={list} what="Loading your leave">
                {(page) => {
                    const items = page.items.slice().sort((a, b) => b.start_at.localeCompare(a.start_at));
                    const upcoming = items.filter((a) => a.end_at.slice(0, 10) >= t);
                    const past = items.filter((a) => a.end_at.slice(0, 10) < t);
                    return (
                        <>
                            <h2>Upcoming and current</h2>
                            {upcoming.length === 0 ? (
                                <Empty>No upcoming leave.</Empty>
                            ) : (
                                <ul class="absences">
                                    {upcoming.map((a) => (
                                        <AbsenceCard key={a.id} absence={a} person={person || undefined} onChanged={list.reload} showName={false} />
                                    ))}
                                </ul>
                            )}
                            <h2>Earlier</h2>
                            {past.length === 0 ? (
                                <Empty>No earlier leave.</Empty>
                            ) : (
                                <ul class="absences">
                                    {past.map((a) => (
                                        <AbsenceCard key={a.id} absence={a} person={person || undefined} onChanged={list.reload} showName={false} />
                                    ))}
                                </ul>
                            )}
                        </>
                    );
                }}
            </Show>
        </section>
    );
}

export function RequestForm({ manager, onDone, personId }: { manager?: boolean; onDone: () => void; personId?: number }) {
    const { account, person } = useAuth();
    const [who, setWho] = useState(personId ? String(personId) : manager ? '' : String(account.person_id || ''));
    const [kind, setKind] = useState('vacation');
    const [first, setFirst] = useState(addDays(today(), 14));
    const [last, setLast] = useState(addDays(today(), 18));
    const [note, setNote] = useState('');
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<unknown>(null);
    const [localError, setLocalError] = useState<Record<string, string>>({});
    const people = useAsync(() => (manager ? store.people() : Promise.resolve([] as Person[])), [manager]);

    async function submit(e: Event) {
        e.preventDefault();
        const le: Record<string, string> = {};
        if (!who) le.person_id = 'Choose whose absence this is.';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(first)) le.start_at = 'Enter the first day away.';
        if (!/^\d{4}-\d{2}-\d{2}$/.test(last)) le.end_at = 'Enter the last day away.';
        setLocalError(le);
        if (Object.keys(le).length) return;
        const p = manager ? people.data?.find((x) => String(x.id) === who) : person;
        const tz = p?.time_zone || 'UTC';
        setBusy(true);
        setError(null);
        try {
            await post('/absences', {
                person_id: Number(who),
                kind,
                start_at: new Date(localToUtc(first, '00:00', tz)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
                end_at: new Date(localToUtc(addDays(last, 1), '00:00', tz)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
                note,
            });
            onDone();
        } catch (err) {
            setError(err);
        } finally {
            setBusy(false);
        }
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
            <TextArea label="Note (optional)" value={note} onValue={setNote} error={fieldError(error, 'note')} rows={2} />
            <ErrorBox error={formError(error, fields)} />
            <div class="btn-row">
                <button type="submit" class="btn primary" disabled={busy}>
                    {busy ? 'Sending…' : manager ? 'Record' : 'Send request'}
                </button>
                <button type="button" class="btn ghost" onClick={onDone}>
                    Cancel
                </button>
            </div>
        </form>
    );
}
