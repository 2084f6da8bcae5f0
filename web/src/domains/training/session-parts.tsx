// session-parts.tsx: the manager's parts of a session page: the arrangements checklist (add an
// item with who and a due date, edit it, tick it done, remove it; late items marked), the
// attendance grid (enrolment × meeting occurrence, present or absent through the attendance
// route) with completion and certificates from there, and cancelling the session.
import { useState } from 'preact/hooks';
import { Person, del, listAll, patch, post, request } from '../../api';
import { useAction } from '../../components/hooks';
import { Dialog, ErrorBox, Field, Select, Show, StatusBadge, fieldError, formError, useAsync } from '../../components/ui';
import { t, type Key } from '../../i18n';
import * as store from '../../store';
import { fmtDate, fmtSpan, today } from '../../time';
import type { SessionRec } from './session-form';

export const KINDS = ['room', 'travel', 'accommodation', 'materials', 'other'];

export interface ArrangementRec {
    id: number;
    version: number;
    kind: string;
    title: string;
    person_id: number | null;
    person_name: string | null;
    due_date: string | null;
    done: boolean;
    late: boolean;
}

/* ---------- arrangements ---------- */

function ArrangementForm({
    sessionId,
    item,
    people,
    onDone,
    onCancel,
}: {
    sessionId: number;
    item?: ArrangementRec;
    people: Person[];
    onDone: () => void;
    onCancel: () => void;
}) {
    const [kind, setKind] = useState(item?.kind || 'room');
    const [title, setTitle] = useState(item?.title || '');
    const [who, setWho] = useState(item?.person_id ? String(item.person_id) : '');
    const [due, setDue] = useState(item?.due_date || '');
    const a = useAction(onDone);
    const fields = ['kind', 'title', 'person_id', 'due_date'];
    const err = (k: string) => fieldError(a.error, k);
    const submit = (e: Event) => {
        e.preventDefault();
        const body = { kind, title: title.trim(), person_id: who ? Number(who) : null, due_date: due || null };
        a.run(async () => {
            if (item) {
                const before: Record<string, unknown> = { kind: item.kind, title: item.title, person_id: item.person_id, due_date: item.due_date };
                const changes = Object.fromEntries(Object.entries(body).filter(([k, v]) => v !== before[k]));
                if (Object.keys(changes).length) await patch(`/training-arrangements/${item.id}`, changes, item.version);
            } else {
                await post('/training-arrangements', { session_id: sessionId, ...body });
                setTitle('');
                setDue('');
            }
            onDone();
        }, 'save');
    };
    const label = item ? t('training.editItem', { title: item.title }) : t('training.addItem');
    return (
        <form class="form arrangement-form" onSubmit={submit} noValidate aria-label={label}>
            <div class="grid2">
                <Select label={t('training.f.kind')} value={kind} onValue={setKind} error={err('kind')} options={KINDS.map((k) => [k, t(`training.kind.${k}` as Key)] as [string, string])} />
                <Field label={t('training.f.itemTitle')} value={title} onValue={setTitle} error={err('title')} required />
                <Select
                    label={t('training.f.who')}
                    value={who}
                    onValue={setWho}
                    error={err('person_id')}
                    options={[['', t('training.nobody')], ...people.filter((p) => p.active || String(p.id) === who).map((p) => [String(p.id), p.name] as [string, string])]}
                />
                <Field label={t('training.f.due')} type="date" value={due} onValue={setDue} error={err('due_date')} />
            </div>
            <ErrorBox error={formError(a.error, fields)} onRetry={a.onRetry} />
            <div class="btn-row">
                <button type="submit" class="btn primary" disabled={!!a.busy}>
                    {item ? t('training.save') : t('training.addItem')}
                </button>
                {item && (
                    <button type="button" class="btn ghost" onClick={onCancel}>
                        {t('ui.cancel')}
                    </button>
                )}
            </div>
        </form>
    );
}

function ArrangementItem({ x, sessionId, people, reload }: { x: ArrangementRec; sessionId: number; people: Person[]; reload: () => void }) {
    const [editing, setEditing] = useState(false);
    const a = useAction(reload);
    if (editing)
        return (
            <li data-arrangement-id={x.id}>
                <ArrangementForm
                    sessionId={sessionId}
                    item={x}
                    people={people}
                    onCancel={() => setEditing(false)}
                    onDone={() => {
                        setEditing(false);
                        reload();
                    }}
                />
            </li>
        );
    return (
        <li data-arrangement-id={x.id} class={x.late ? 'late' : undefined}>
            <label>
                <input
                    type="checkbox"
                    checked={x.done}
                    disabled={!!a.busy}
                    onChange={() =>
                        a.run(async () => {
                            await patch(`/training-arrangements/${x.id}`, { done: !x.done }, x.version);
                            reload();
                        }, 'tick')
                    }
                />{' '}
                {x.title}
            </label>{' '}
            <span class="badge kind">{t(`training.kind.${x.kind}` as Key)}</span>
            {x.person_name && <> — {x.person_name}</>}
            {x.due_date && <> — {t('training.due', { date: fmtDate(x.due_date) })}</>}
            {x.late && <strong class="late-mark"> {t('training.late')}</strong>}{' '}
            <button type="button" class="btn small ghost" onClick={() => setEditing(true)} aria-label={t('training.editItem', { title: x.title })}>
                {t('training.edit')}
            </button>
            <button
                type="button"
                class="btn small ghost"
                disabled={!!a.busy}
                aria-label={t('training.removeItem', { title: x.title })}
                onClick={() =>
                    a.run(async () => {
                        await del(`/training-arrangements/${x.id}`, x.version);
                        reload();
                    }, 'remove')
                }
            >
                {t('training.remove')}
            </button>
            <ErrorBox error={a.error} onRetry={a.onRetry} />
        </li>
    );
}

/** The arrangements checklist of a session (managers). */
export function Arrangements({ sessionId, items, editable, reload }: { sessionId: number; items: ArrangementRec[]; editable: boolean; reload: () => void }) {
    const people = useAsync(() => store.people(), []);
    return (
        <section class="card wide" aria-labelledby="h-arrangements">
            <h2 id="h-arrangements">{t('training.arrangements')}</h2>
            <Show a={people} what={t('training.loading')}>
                {(ps) => (
                    <>
                        {items.length === 0 ? (
                            <p class="empty">{t('training.noArrangements')}</p>
                        ) : (
                            <ul class="plain checklist">
                                {items.map((x) => (
                                    <ArrangementItem key={`${x.id}-${x.version}`} x={x} sessionId={sessionId} people={ps} reload={reload} />
                                ))}
                            </ul>
                        )}
                        {editable && (
                            <>
                                <h3>{t('training.addItem')}</h3>
                                <ArrangementForm sessionId={sessionId} people={ps} onDone={reload} onCancel={() => undefined} />
                            </>
                        )}
                    </>
                )}
            </Show>
        </section>
    );
}

/* ---------- attendance, completion, certificates ---------- */

interface AttendanceRec {
    id: number;
    version: number;
    enrolment_id: number;
    meeting_id: number;
    start_at: string;
    present: boolean;
}
interface CertificateRec {
    id: number;
    enrolment_id: number | null;
    title: string;
    level: number;
    skill_id: number;
    issued_on: string;
    expires_on: string | null;
}
export interface Occurrence {
    meeting_id: number;
    start_at: string;
    end_at: string;
}
export interface GridEnrolment {
    id: number;
    version: number;
    assistant_id: number;
    assistant_name: string;
    status: string;
}

const cellKey = (enrolment: number, meeting: number, start: string) => `${enrolment}|${meeting}|${start}`;

function Cell({ e, o, rec, zone, onSaved }: { e: GridEnrolment; o: Occurrence; rec: AttendanceRec | undefined; zone: string; onSaved: (r: AttendanceRec | null) => void }) {
    const a = useAction();
    const value = rec ? (rec.present ? 'present' : 'absent') : '';
    const change = (v: string) =>
        a.run(async () => {
            if (!v) {
                if (rec) await del(`/training-attendance/${rec.id}`, rec.version);
                onSaved(null);
            } else if (rec) {
                onSaved(await patch<AttendanceRec>(`/training-attendance/${rec.id}`, { present: v === 'present' }, rec.version));
            } else {
                onSaved(await post<AttendanceRec>(`/training/enrolments/${e.id}/attendance`, { meeting_id: o.meeting_id, start_at: o.start_at, present: v === 'present' }));
            }
        }, 'mark');
    return (
        <td class={`att ${value || 'unmarked'}`}>
            <select
                aria-label={t('training.attendanceOf', { name: e.assistant_name, when: fmtSpan(o.start_at, o.end_at, zone) })}
                value={value}
                disabled={!!a.busy}
                onChange={(ev) => change((ev.currentTarget as HTMLSelectElement).value)}
            >
                <option value="">{t('training.att.none')}</option>
                <option value="present">{t('training.att.present')}</option>
                <option value="absent">{t('training.att.absent')}</option>
            </select>
            {a.error != null && <ErrorBox error={a.error} />}
        </td>
    );
}

function CertificateForm({ e, title0, onDone }: { e: GridEnrolment; title0: string; onDone: () => void }) {
    const [title, setTitle] = useState(title0);
    const [issued, setIssued] = useState(today());
    const [expires, setExpires] = useState('');
    const a = useAction();
    const fields = ['title', 'issued_on', 'expires_on'];
    return (
        <form
            class="form certificate-form"
            aria-label={t('training.certFor', { name: e.assistant_name })}
            noValidate
            onSubmit={(ev) => {
                ev.preventDefault();
                a.run(async () => {
                    await post(`/training/enrolments/${e.id}/certificates`, { title: title.trim(), issued_on: issued || null, expires_on: expires || null });
                    onDone();
                }, 'certify');
            }}
        >
            <Field label={t('training.f.certTitle')} value={title} onValue={setTitle} error={fieldError(a.error, 'title')} />
            <Field label={t('training.f.issued')} type="date" value={issued} onValue={setIssued} error={fieldError(a.error, 'issued_on')} />
            <Field label={t('training.f.expires')} type="date" value={expires} onValue={setExpires} error={fieldError(a.error, 'expires_on')} hint={t('training.f.expiresHint')} />
            <ErrorBox error={formError(a.error, fields)} />
            <button type="submit" class="btn primary" disabled={!!a.busy}>
                {t('training.recordCert')}
            </button>
        </form>
    );
}

function GridRow({
    e,
    occurrences,
    marks,
    zone,
    courseName,
    certificates,
    onMark,
    reload,
}: {
    e: GridEnrolment;
    occurrences: Occurrence[];
    marks: Map<string, AttendanceRec>;
    zone: string;
    courseName: string;
    certificates: CertificateRec[];
    onMark: (k: string, r: AttendanceRec | null) => void;
    reload: () => void;
}) {
    const a = useAction(reload);
    const [certifying, setCertifying] = useState(false);
    const present = occurrences.filter((o) => marks.get(cellKey(e.id, o.meeting_id, o.start_at))?.present).length;
    const act = (name: string) =>
        a.run(async () => {
            await request('POST', `/training-enrolments/${e.id}/${name}`, { body: {}, ifMatch: e.version });
            reload();
        }, name);
    return (
        <tr data-attendance-for={e.id}>
            <th scope="row">
                {e.assistant_name} <StatusBadge status={e.status} />
            </th>
            {occurrences.map((o) => {
                const k = cellKey(e.id, o.meeting_id, o.start_at);
                return <Cell key={k} e={e} o={o} rec={marks.get(k)} zone={zone} onSaved={(r) => onMark(k, r)} />;
            })}
            <td class="att-sum">{t('training.attended', { n: present, count: occurrences.length })}</td>
            <td class="att-done">
                {e.status === 'confirmed' && (
                    <button type="button" class="btn small" disabled={!!a.busy} onClick={() => act('complete')} aria-label={t('training.completeFor', { name: e.assistant_name })}>
                        {t('training.act.complete')}
                    </button>
                )}
                {e.status === 'completed' && (
                    <>
                        {certificates.map((c) => (
                            <p key={c.id} class="cert">
                                {c.title}
                                {c.expires_on ? <> — {t('training.validUntil', { date: fmtDate(c.expires_on, true) })}</> : null}
                            </p>
                        ))}
                        {!certificates.length &&
                            (certifying ? (
                                <CertificateForm
                                    e={e}
                                    title0={courseName}
                                    onDone={() => {
                                        setCertifying(false);
                                        reload();
                                    }}
                                />
                            ) : (
                                <button type="button" class="btn small" onClick={() => setCertifying(true)} aria-label={t('training.certFor', { name: e.assistant_name })}>
                                    {t('training.recordCert')}
                                </button>
                            ))}
                    </>
                )}
                {a.error != null && <ErrorBox error={a.error} onRetry={a.onRetry} />}
            </td>
        </tr>
    );
}

/** The attendance grid of a session (managers): confirmed and completed enrolments × occurrences. */
export function AttendanceGrid({
    enrolments,
    occurrences,
    zone,
    courseName,
    version,
    reload,
}: {
    enrolments: GridEnrolment[];
    occurrences: Occurrence[];
    zone: string;
    courseName: string;
    version: string;
    reload: () => void;
}) {
    const rows = enrolments.filter((e) => e.status === 'confirmed' || e.status === 'completed');
    const meetings = [...new Set(occurrences.map((o) => o.meeting_id))];
    const data = useAsync(async () => {
        const [att, certs] = await Promise.all([
            Promise.all(meetings.map((m) => listAll<AttendanceRec>('/training-attendance', { meeting_id: m }))),
            Promise.all(rows.filter((e) => e.status === 'completed').map((e) => listAll<CertificateRec>('/certificates', { enrolment_id: e.id }))),
        ]);
        const marks = new Map<string, AttendanceRec>();
        for (const r of att.flat()) marks.set(cellKey(r.enrolment_id, r.meeting_id, r.start_at), r);
        const byEnrolment = new Map<number, CertificateRec[]>();
        for (const c of certs.flat()) if (c.enrolment_id) byEnrolment.set(c.enrolment_id, [...(byEnrolment.get(c.enrolment_id) || []), c]);
        return { marks, certs: byEnrolment };
    }, [version]);
    const [local, setLocal] = useState<Map<string, AttendanceRec | null>>(new Map());
    return (
        <section class="card wide" aria-labelledby="h-attendance">
            <h2 id="h-attendance">{t('training.attendance')}</h2>
            {rows.length === 0 ? (
                <p class="empty">{t('training.noAttendance')}</p>
            ) : (
                <Show a={data} what={t('training.loading')}>
                    {(d) => {
                        const marks = new Map(d.marks);
                        for (const [k, v] of local) if (v) marks.set(k, v);
                        else marks.delete(k);
                        return (
                            <div class="table-wrap" role="region" aria-labelledby="h-attendance" tabIndex={0}>
                                <table class="list attendance">
                                    <caption class="sr-only">{t('training.attendanceCaption')}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t('training.assistant')}</th>
                                            {occurrences.map((o) => (
                                                <th scope="col" key={`${o.meeting_id}-${o.start_at}`}>
                                                    {fmtSpan(o.start_at, o.end_at, zone)}
                                                </th>
                                            ))}
                                            <th scope="col">{t('training.attendedHead')}</th>
                                            <th scope="col">{t('training.completion')}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rows.map((e) => (
                                            <GridRow
                                                key={`${e.id}-${e.status}`}
                                                e={e}
                                                occurrences={occurrences}
                                                marks={marks}
                                                zone={zone}
                                                courseName={courseName}
                                                certificates={d.certs.get(e.id) || []}
                                                onMark={(k, r) => setLocal((m) => new Map(m).set(k, r))}
                                                reload={reload}
                                            />
                                        ))}
                                    </tbody>
                                </table>
                            </div>
                        );
                    }}
                </Show>
            )}
        </section>
    );
}

/* ---------- cancelling a session ---------- */

/**
 * Cancels a session: its status set to cancelled (If-Match), as the session's record exposes it.
 * The server cancels its live enrolments in the same transaction (their absences, invitations).
 */
export async function cancelSession(s: SessionRec): Promise<void> {
    await patch(`/training-sessions/${s.id}`, { status: 'cancelled' }, s.version);
}

/** The "Cancel session" button and its confirmation; onDone gets how many live enrolments there were. */
export function CancelSession({ session, live, onDone }: { session: SessionRec; live: number; onDone: () => void }) {
    const [asking, setAsking] = useState(false);
    const a = useAction(onDone);
    return (
        <>
            <button type="button" class="btn danger" onClick={() => setAsking(true)}>
                {t('training.cancelSession')}
            </button>
            {asking && (
                <Dialog title={t('training.cancelTitle', { name: session.name })} onClose={() => setAsking(false)}>
                    <p>{t('training.cancelText', { count: live })}</p>
                    <ErrorBox error={a.error} onRetry={a.onRetry} />
                    <div class="btn-row">
                        <button
                            type="button"
                            class="btn danger"
                            disabled={!!a.busy}
                            onClick={() =>
                                a.run(async () => {
                                    await cancelSession(session);
                                    setAsking(false);
                                    onDone();
                                }, 'cancel')
                            }
                        >
                            {t('training.cancelConfirm')}
                        </button>
                        <button type="button" class="btn ghost" onClick={() => setAsking(false)}>
                            {t('training.keepSession')}
                        </button>
                    </div>
                </Dialog>
            )}
        </>
    );
}
