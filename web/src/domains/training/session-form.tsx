// session-form.tsx: a manager creates and edits a session of a course — place or link,
// instructor, capacity, cost, the zone its times are in, notes — and its meetings: several, each
// a date with a start and an end in the session's zone, one of them perhaps recurring (weekly on
// chosen weekdays, N meetings in all: an RRULE built from those choices and shown in words).
// Nothing is shown or typed in UTC. A stale edit (412) is merged as on the course form.
import { useState } from 'preact/hooks';
import { get, listAll } from '../../api';
import { useAuth } from '../../auth';
import { useAction } from '../../components/hooks';
import { ErrorBox, Field, PageHead, Show, TextArea, fieldError, useAsync } from '../../components/ui';
import { t, type Key } from '../../i18n';
import { navigate } from '../../router';
import { browserZone, fmtDate, iso, localDate, localTime, localToUtc, weekday, weekdayName } from '../../time';
import { MAX_COUNT, buildRule, describe, expand, parseRule } from './rrule';
import { SaveCancel, saveChanged, saveRows, useStaleMerge } from './form-parts';
import { Row, RowError, numOf, rowKey } from './rows';
import type { CourseRec } from './course-form';

export interface SessionRec {
    id: number;
    version: number;
    course_id: number;
    name: string;
    place: string;
    link: string;
    instructor: string;
    capacity: number;
    cost: number;
    time_zone: string;
    notes: string;
    status: string;
    starts_at: string | null;
    ends_at: string | null;
}
export interface MeetingRec {
    id: number;
    version: number;
    session_id: number;
    start_at: string;
    end_at: string;
    rrule: string | null;
}

const FIELDS = ['name', 'place', 'link', 'instructor', 'capacity', 'cost', 'time_zone', 'notes'];
const LABELS: Record<string, Key> = {
    name: 'training.f.sessionName',
    place: 'training.f.place',
    link: 'training.f.sessionLink',
    instructor: 'training.f.instructor',
    capacity: 'training.f.capacity',
    cost: 'training.f.seatCost',
    time_zone: 'training.f.timeZone',
    notes: 'training.f.sessionNotes',
};

type Form = Record<string, string>;

function toForm(s?: Partial<SessionRec>, zone?: string, cost?: number): Form {
    return {
        name: s?.name || '',
        place: s?.place || '',
        link: s?.link || '',
        instructor: s?.instructor || '',
        capacity: s?.capacity !== undefined ? String(s.capacity) : '',
        cost: s?.cost !== undefined ? String(s.cost) : cost !== undefined ? String(cost) : '',
        time_zone: s?.time_zone || zone || 'Europe/Tallinn',
        notes: s?.notes || '',
    };
}

function toBody(f: Form): Record<string, unknown> {
    const b: Record<string, unknown> = {
        name: f.name.trim(),
        place: f.place.trim(),
        link: f.link.trim(),
        instructor: f.instructor.trim(),
        capacity: numOf(f.capacity),
        cost: numOf(f.cost),
        time_zone: f.time_zone.trim(),
        notes: f.notes,
    };
    if (b.cost === null) delete b.cost;
    return b;
}

/** A meeting as the form holds it: a local date and times in the session's zone; weekly
 * recurrence as choices, or a rule the form cannot show as choices (kept as it is). */
export interface MeetingRow {
    date: string;
    start: string;
    end: string;
    repeat: boolean;
    days: number[];
    count: string;
    other: string | null;
}

export function meetingValues(m: MeetingRec, zone: string): MeetingRow {
    const date = localDate(m.start_at, zone);
    const w = m.rrule ? parseRule(m.rrule, date) : null;
    return {
        date,
        start: localTime(m.start_at, zone),
        end: localTime(m.end_at, zone),
        repeat: !!w,
        days: w ? w.days : [weekday(date)],
        count: w ? String(w.count) : '4',
        other: m.rrule && !w ? m.rrule : null,
    };
}

function meetingBody(v: MeetingRow, zone: string): Record<string, unknown> {
    const count = Number(v.count);
    return {
        start_at: iso(localToUtc(v.date, v.start, zone)),
        end_at: iso(localToUtc(v.date, v.end, zone)),
        rrule: v.repeat ? buildRule({ days: v.days, count }) : v.other,
    };
}

/** The form's own checks of a meeting row: the field it is about and the sentence, or null. */
function checkMeeting(v: MeetingRow): [string, string] | null {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) return ['date', t('training.err.date')];
    if (!/^\d{2}:\d{2}$/.test(v.start)) return ['start', t('training.err.time')];
    if (!/^\d{2}:\d{2}$/.test(v.end)) return ['end', t('training.err.time')];
    if (v.repeat) {
        const n = Number(v.count);
        if (!Number.isInteger(n) || n < 1 || n > MAX_COUNT) return ['count', t('training.err.count', { max: MAX_COUNT })];
        if (!v.days.length) return ['days', t('training.err.days')];
        if (!v.days.includes(weekday(v.date))) return ['days', t('training.err.firstDay', { day: weekdayName(weekday(v.date), 'long') })];
    }
    return null;
}

/** Where a meeting's API error shows: start_at under the start, end_at under the end, rrule
 * under the weekdays. */
const FIELD_OF: Record<string, string> = { start_at: 'start', end_at: 'end', rrule: 'days' };

interface RowProblem {
    key: number;
    field: string | null;
    text: string | null;
    error: unknown;
}

function MeetingEditor({
    row,
    n,
    problem,
    onChange,
    onRemove,
}: {
    row: Row<MeetingRow>;
    n: number;
    problem: RowProblem | null;
    onChange: (v: MeetingRow) => void;
    onRemove: () => void;
}) {
    const v = row.values;
    const set = <K extends keyof MeetingRow>(k: K, x: MeetingRow[K]) => onChange({ ...v, [k]: x });
    const at = (f: string) => (problem?.field === f ? problem.text : null);
    const count = Number(v.count);
    const valid = v.repeat && v.days.length > 0 && Number.isInteger(count) && count >= 1 && count <= MAX_COUNT && /^\d{4}-\d{2}-\d{2}$/.test(v.date);
    const dates = valid ? expand(v.date, { days: v.days, count }) : [];
    return (
        <li class="edit-row meeting-row" data-meeting={n}>
            <fieldset>
                <legend>{t('training.meetingN', { n })}</legend>
                <div class="meeting-times">
                    <Field
                        label={t('training.f.date')}
                        type="date"
                        value={v.date}
                        // A meeting that does not repeat yet repeats on its own weekday by default.
                        onValue={(x) => onChange({ ...v, date: x, days: v.repeat || !/^\d{4}-\d{2}-\d{2}$/.test(x) ? v.days : [weekday(x)] })}
                        error={at('date')}
                    />
                    <Field label={t('training.f.start')} type="time" value={v.start} onValue={(x) => set('start', x)} error={at('start')} />
                    <Field label={t('training.f.end')} type="time" value={v.end} onValue={(x) => set('end', x)} error={at('end')} />
                </div>
                {v.other ? (
                    <p class="hint">{t('training.rule.other', { rule: v.other })}</p>
                ) : (
                    <div class="field checkbox">
                        <input id={`rep-${row.key}`} type="checkbox" checked={v.repeat} onChange={(e) => set('repeat', (e.currentTarget as HTMLInputElement).checked)} />
                        <label for={`rep-${row.key}`}>{t('training.f.repeat')}</label>
                    </div>
                )}
                {v.repeat && (
                    <>
                        <fieldset class={`weekdays${at('days') ? ' has-error' : ''}`} aria-describedby={at('days') ? `days-${row.key}-err` : undefined}>
                            <legend>{t('training.f.weekdays')}</legend>
                            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                                <label key={d} class="day">
                                    <input
                                        type="checkbox"
                                        checked={v.days.includes(d)}
                                        onChange={(e) => set('days', (e.currentTarget as HTMLInputElement).checked ? [...v.days, d] : v.days.filter((x) => x !== d))}
                                    />{' '}
                                    {weekdayName(d, 'long')}
                                </label>
                            ))}
                            {at('days') && (
                                <p class="field-error" id={`days-${row.key}-err`}>
                                    {at('days')}
                                </p>
                            )}
                        </fieldset>
                        <Field label={t('training.f.count')} type="number" inputMode="numeric" value={v.count} onValue={(x) => set('count', x)} error={at('count')} />
                        {valid && (
                            <p class="rule-text" aria-live="polite">
                                {describe({ days: v.days, count })}
                                {dates.length > 0 && <> {t('training.rule.last', { date: fmtDate(dates[dates.length - 1], true) })}</>}
                            </p>
                        )}
                    </>
                )}
                {problem && !problem.field && <ErrorBox error={problem.error} />}
                <button type="button" class="btn small" onClick={onRemove}>
                    {t('training.removeMeeting', { n })}
                </button>
            </fieldset>
        </li>
    );
}

function problemOf(e: RowError): RowProblem {
    for (const [api, f] of Object.entries(FIELD_OF)) {
        const text = fieldError(e.error, api);
        if (text) return { key: e.key, field: f, text, error: e.error };
    }
    return { key: e.key, field: null, text: null, error: e.error };
}

/** An empty meeting row: a week from today, 09:00–16:00. */
function newMeeting(after?: MeetingRow): Row<MeetingRow> {
    const d = new Date(Date.now() + 7 * 86400e3);
    const date = after?.date || `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    return { key: rowKey(), values: { date, start: after?.start || '09:00', end: after?.end || '16:00', repeat: false, days: [weekday(date)], count: '4', other: null } };
}

/**
 * The session form: a session of `course` to create, or `session` and its `meetings` to edit.
 * onSaved gets the session once it and every meeting are saved.
 */
export function SessionForm({
    course,
    session,
    meetings,
    onSaved,
    onCancel,
}: {
    course: CourseRec;
    session?: SessionRec;
    meetings?: MeetingRec[];
    onSaved: (s: SessionRec) => void;
    onCancel: () => void;
}) {
    const auth = useAuth();
    const [base, setBase] = useState(session);
    const [f, setF] = useState<Form>(() => toForm(session, auth.person?.time_zone || browserZone(), course.cost));
    const zone0 = session?.time_zone || f.time_zone;
    const [rows, setRows] = useState<Row<MeetingRow>[]>(() =>
        meetings && meetings.length
            ? meetings.map((m) => {
                  const values = meetingValues(m, zone0);
                  return { key: rowKey(), id: m.id, version: m.version, saved: meetingBody(values, zone0), values };
              })
            : [newMeeting()],
    );
    const [removed, setRemoved] = useState<Row<MeetingRow>[]>([]);
    const [problem, setProblem] = useState<RowProblem | null>(null);
    const { busy, error, run, setError } = useAction();
    const set = (k: string) => (v: string) => setF((s) => ({ ...s, [k]: v }));
    const err = (k: string) => fieldError(error, k);

    const stale = useStaleMerge({ path: '/training-sessions', fields: FIELDS, labels: LABELS, toForm: (r?: Partial<SessionRec>) => toForm(r), toBody, f, setF, base, setBase, error, setError });

    function submit(e: Event) {
        e.preventDefault();
        stale.reset();
        let p: RowProblem | null = null;
        for (const r of rows) {
            const c = checkMeeting(r.values);
            if (c) {
                p = { key: r.key, field: c[0], text: c[1], error: null };
                break;
            }
        }
        if (!p && !rows.length) p = { key: -1, field: null, text: null, error: null };
        setProblem(p);
        if (p) return;
        const body = toBody(f);
        const zone = f.time_zone.trim();
        run(async () => {
            const s = await saveChanged<SessionRec>('/training-sessions', base, body, () => toBody(toForm(base)), { course_id: course.id, ...body });
            setBase(s);
            const ok = await saveRows(
                {
                    path: '/training-meetings',
                    parent: { session_id: s.id },
                    rows,
                    removed,
                    body: (v) => meetingBody(v, zone),
                    progress: (r, rm) => {
                        setRows(r);
                        setRemoved(rm);
                    },
                },
                (x) => setProblem(problemOf(x)),
            );
            if (ok) onSaved(await get<SessionRec>(`/training-sessions/${s.id}`));
        }, 'save');
    }

    const title = base ? t('training.editSession', { name: base.name }) : t('training.newSession', { course: course.name });
    return (
        <form class="card form session-form" onSubmit={submit} noValidate aria-label={title}>
            {stale.box}
            <div class="grid2">
                <Field label={t('training.f.sessionName')} value={f.name} onValue={set('name')} error={err('name')} autoComplete="off" required />
                <Field label={t('training.f.place')} value={f.place} onValue={set('place')} error={err('place')} hint={t('training.f.placeHint')} />
                <Field label={t('training.f.sessionLink')} type="url" inputMode="url" value={f.link} onValue={set('link')} error={err('link')} />
                <Field label={t('training.f.instructor')} value={f.instructor} onValue={set('instructor')} error={err('instructor')} />
                <Field label={t('training.f.capacity')} type="number" inputMode="numeric" value={f.capacity} onValue={set('capacity')} error={err('capacity')} required />
                <Field label={t('training.f.seatCost')} inputMode="decimal" value={f.cost} onValue={set('cost')} error={err('cost')} />
                <Field label={t('training.f.timeZone')} value={f.time_zone} onValue={set('time_zone')} error={err('time_zone')} hint={t('training.f.timeZoneHint')} />
            </div>
            <TextArea label={t('training.f.sessionNotes')} value={f.notes} onValue={set('notes')} error={err('notes')} />
            <fieldset class="rows">
                <legend>{t('training.meetings')}</legend>
                <p class="hint">{t('training.meetingsHint', { zone: f.time_zone })}</p>
                <ul class="plain edit-rows">
                    {rows.map((r, i) => (
                        <MeetingEditor
                            key={r.key}
                            row={r}
                            n={i + 1}
                            problem={problem?.key === r.key ? problem : null}
                            onChange={(v) => setRows((rs) => rs.map((x) => (x.key === r.key ? { ...x, values: v } : x)))}
                            onRemove={() => {
                                setRows((rs) => rs.filter((x) => x.key !== r.key));
                                if (r.id !== undefined) setRemoved((rm) => [...rm, r]);
                            }}
                        />
                    ))}
                </ul>
                {problem?.key === -1 && <p class="field-error">{t('training.err.noMeeting')}</p>}
                {problem && problem.key !== -1 && !rows.some((r) => r.key === problem.key) && <ErrorBox error={problem.error} />}
                <button type="button" class="btn small" onClick={() => setRows((rs) => [...rs, newMeeting(rs[rs.length - 1]?.values)])}>
                    {t('training.addMeeting')}
                </button>
            </fieldset>
            <SaveCancel busy={busy} editing={!!base} create={t('training.createSession')} onCancel={onCancel} />
        </form>
    );
}

/** The new-session page of a course (managers). */
export function NewSessionPage({ params }: { params: Record<string, string> }) {
    const id = Number(params.id);
    const course = useAsync(() => get<CourseRec>(`/training-courses/${id}`), [id]);
    return (
        <Show a={course} what={t('training.loading')}>
            {(c) => (
                <section class="training">
                    <PageHead title={t('training.newSession', { course: c.name })} />
                    <SessionForm course={c} onCancel={() => navigate(`/training/course/${c.id}`)} onSaved={(s) => navigate(`/training/session/${s.id}`)} />
                </section>
            )}
        </Show>
    );
}

/** A session's meetings, for the edit form. */
export const loadMeetings = (id: number) => listAll<MeetingRec>('/training-meetings', { session_id: id });
