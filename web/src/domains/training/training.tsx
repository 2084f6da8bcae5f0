// Training (issue 11): for managers the needs (who lacks which skill for whom, and where the
// pool is thin), the catalog by skill, the schedule and the budget; a course and a session page
// (enrolments with the waitlist, the coverage impact of a seat before confirming, completion,
// the arrangements checklist); for assistants their training and a seat to request. Session
// times are shown in the session's time zone. Managers create and edit courses and sessions here
// (course-form.tsx, session-form.tsx), keep a session's checklist and attendance
// (session-parts.tsx) and the budget (budget.tsx).
import { useState } from 'preact/hooks';
import { AbsenceImpact, get, post } from '../../api';
import { isManager, useAuth } from '../../auth';
import { useAction } from '../../components/hooks';
import { ImpactOfAnswer } from '../../components/impact';
import { Empty, ErrorBox, PageHead, Select, Show, StatusBadge, useAsync } from '../../components/ui';
import { fmtList, t, type Key } from '../../i18n';
import { href } from '../../router';
import * as store from '../../store';
import { fmtDate, fmtSpan, localDate } from '../../time';
import type { Budget } from './budget';
import { CourseForm, CourseRec, loadCourse } from './course-form';
import { describe, parseRule } from './rrule';
import { money } from './rows';
import { MeetingRec, SessionForm, SessionRec, loadMeetings } from './session-form';
import { ArrangementRec, Arrangements, AttendanceGrid, CancelSession } from './session-parts';

interface CourseRef {
    id: number;
    name: string;
    level: number;
    cost: number;
    language: string;
}
interface Need {
    skill_id: number;
    skill: string;
    required: number;
    have: number;
    must: boolean;
    principals: { id: number; name: string }[];
    courses: CourseRef[];
}
interface Expiring {
    certificate_id: number;
    skill: string;
    level: number;
    title: string;
    expires_on: string;
    courses: CourseRef[];
}
interface Needs {
    assistants: { assistant_id: number; name: string; needs: Need[]; expiring: Expiring[] }[];
    pool: { skill_id: number; skill: string; level: number; executives: number; assistants: number; courses: CourseRef[] }[];
}
interface Course {
    id: number;
    name: string;
    provider: string;
    format: string;
    duration_hours: number;
    cost: number;
    language: string;
    link: string;
    notes: string;
    skill_id?: number;
    level?: number;
}
interface Session {
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
    status: string;
    starts_at: string | null;
    ends_at: string | null;
}
interface Enrolment {
    id: number;
    version: number;
    assistant_id: number;
    assistant_name: string;
    status: string;
    waitlisted: boolean;
    waitlist_position?: number;
    note: string;
}
interface SessionView {
    session: SessionRec;
    course: CourseRec;
    occurrences: { meeting_id: number; start_at: string; end_at: string }[];
    capacity: number;
    seats_taken: number;
    waitlist: number;
    enrolments: Enrolment[];
    arrangements: ArrangementRec[] | null;
}
interface TrainingImpact {
    absences: { start_at: string; end_at: string; impact: AbsenceImpact }[];
}

function CourseLinks({ courses }: { courses: CourseRef[] }) {
    if (!courses.length) return <span class="hint">{t('training.noCourse')}</span>;
    return (
        <>
            {courses.map((c, i) => (
                <span key={c.id}>
                    {i > 0 && ', '}
                    <a href={href(`/training/course/${c.id}`)}>{c.name}</a> ({money(c.cost)})
                </span>
            ))}
        </>
    );
}

function NeedsCard() {
    const a = useAsync(() => get<Needs>('/training/needs'), []);
    return (
        <section class="card wide" aria-labelledby="h-needs">
            <h2 id="h-needs">{t('training.needs')}</h2>
            <Show a={a} what={t('training.loading')}>
                {(n) => (
                    <>
                        {n.pool.length > 0 && (
                            <>
                                <h3>{t('training.pool')}</h3>
                                <ul class="plain">
                                    {n.pool.slice(0, 5).map((p) => (
                                        <li key={`${p.skill_id}-${p.level}`}>
                                            {t('training.stake', { count: p.assistants, skill: p.skill, level: p.level, executives: p.executives })}{' '}
                                            <CourseLinks courses={p.courses} />
                                        </li>
                                    ))}
                                </ul>
                            </>
                        )}
                        <h3>{t('training.byAssistant')}</h3>
                        {n.assistants.length === 0 ? (
                            <Empty>{t('training.noNeeds')}</Empty>
                        ) : (
                            <ul class="plain needs">
                                {n.assistants.map((x) => (
                                    <li key={x.assistant_id}>
                                        <a href={href(`/people/assistant/${x.assistant_id}`)}>{x.name}</a>
                                        <ul>
                                            {x.needs.map((d) => (
                                                <li key={d.skill_id}>
                                                    {t(d.must ? 'training.lacksMust' : 'training.lacksNice', {
                                                        name: x.name,
                                                        skill: d.skill,
                                                        level: d.required,
                                                        have: d.have,
                                                        for: fmtList(d.principals.map((p) => p.name)),
                                                    })}{' '}
                                                    <CourseLinks courses={d.courses} />
                                                </li>
                                            ))}
                                            {x.expiring.map((c) => (
                                                <li key={`c${c.certificate_id}`}>
                                                    {t('training.expiring', { title: c.title, skill: c.skill, level: c.level, date: fmtDate(c.expires_on, true) })}{' '}
                                                    <CourseLinks courses={c.courses} />
                                                </li>
                                            ))}
                                        </ul>
                                    </li>
                                ))}
                            </ul>
                        )}
                    </>
                )}
            </Show>
        </section>
    );
}

function CatalogCard() {
    const [skill, setSkill] = useState('');
    const skills = useAsync(() => store.skills(), []);
    const list = useAsync(() => get<{ items: Course[] }>('/training/course-search', skill ? { skill_id: skill } : {}), [skill]);
    return (
        <section class="card" aria-labelledby="h-catalog">
            <h2 id="h-catalog">{t('training.catalog')}</h2>
            <p>
                <a class="btn small" href={href('/training/courses/new')}>
                    {t('training.newCourse')}
                </a>
            </p>
            <Show a={skills} what={t('training.loading')}>
                {(ss) => (
                    <Select
                        label={t('training.bySkill')}
                        value={skill}
                        onValue={setSkill}
                        options={[['', t('training.anySkill')], ...ss.map((s) => [String(s.id), s.name as string] as [string, string])]}
                    />
                )}
            </Show>
            <Show a={list} what={t('training.loading')}>
                {(r) => {
                    const seen = new Set<number>();
                    const rows = r.items.filter((c) => !seen.has(c.id) && seen.add(c.id));
                    return rows.length === 0 ? (
                        <Empty>{t('training.noCourses')}</Empty>
                    ) : (
                        <ul class="plain">
                            {rows.map((c) => (
                                <li key={c.id}>
                                    <a href={href(`/training/course/${c.id}`)}>{c.name}</a> — {c.provider}, {t(`training.format.${c.format}` as Key)}, {money(c.cost)}
                                </li>
                            ))}
                        </ul>
                    );
                }}
            </Show>
        </section>
    );
}

function ScheduleCard() {
    const a = useAsync(() => get<{ items: Session[] }>('/training-sessions', { limit: 100, status: 'planned' }), []);
    return (
        <section class="card" aria-labelledby="h-schedule">
            <h2 id="h-schedule">{t('training.schedule')}</h2>
            <Show a={a} what={t('training.loading')}>
                {(r) => {
                    const items = r.items.filter((s) => s.starts_at).sort((x, y) => (x.starts_at! < y.starts_at! ? -1 : 1));
                    return items.length === 0 ? (
                        <Empty>{t('training.noSessions')}</Empty>
                    ) : (
                        <ul class="plain">
                            {items.map((s) => (
                                <li key={s.id}>
                                    <a href={href(`/training/session/${s.id}`)}>{s.name}</a> — {fmtSpan(s.starts_at!, s.ends_at || s.starts_at!, s.time_zone)}
                                </li>
                            ))}
                        </ul>
                    );
                }}
            </Show>
        </section>
    );
}

function BudgetCard() {
    const a = useAsync(() => get<Budget>('/training/budget'), []);
    return (
        <section class="card" aria-labelledby="h-budget">
            <h2 id="h-budget">{t('training.budget')}</h2>
            <Show a={a} what={t('training.loading')}>
                {(b) => (
                    <>
                        <p>{t('training.budgetLine', { year: String(b.year), budget: money(b.yearly_budget, b.currency), total: money(b.total, b.currency) })}</p>
                        <ul class="plain">
                            {b.assistants.map((x) => (
                                <li key={x.assistant_id}>
                                    {x.name}: {money(x.spent, b.currency)}
                                    {x.over && <strong> {t('training.overBudget')}</strong>}
                                </li>
                            ))}
                        </ul>
                    </>
                )}
            </Show>
            <p>
                <a href={href('/training/budget')}>{t('training.budgetOpen')}</a>
            </p>
        </section>
    );
}

export function TrainingPage() {
    return (
        <section class="training">
            <PageHead title={t('training.title')} />
            <div class="cards">
                <NeedsCard />
                <ScheduleCard />
                <CatalogCard />
                <BudgetCard />
            </div>
        </section>
    );
}

export function CoursePage({ params }: { params: Record<string, string> }) {
    const id = Number(params.id);
    const auth = useAuth();
    const manager = isManager(auth.account.role);
    const [editing, setEditing] = useState(false);
    const [saved, setSaved] = useState(false);
    const a = useAsync(() => Promise.all([loadCourse(id), get<{ items: Session[] }>('/training-sessions', { course_id: id, limit: 100 }), store.skills()]), [id]);
    return (
        <Show a={a} what={t('training.loading')}>
            {([[c, cs], ss, skills]) => (
                <section class="training">
                    <PageHead title={c.name}>
                        {manager && !editing && (
                            <>
                                <button
                                    type="button"
                                    class="btn"
                                    onClick={() => {
                                        setEditing(true);
                                        setSaved(false);
                                    }}
                                >
                                    {t('training.editCourseBtn')}
                                </button>
                                <a class="btn primary" href={href(`/training/course/${c.id}/new-session`)}>
                                    {t('training.newSessionBtn')}
                                </a>
                            </>
                        )}
                    </PageHead>
                    {saved && (
                        <p class="notice" role="status">
                            {t('training.courseSaved')}
                        </p>
                    )}
                    {editing ? (
                        <CourseForm
                            course={c}
                            skills={cs}
                            onCancel={() => setEditing(false)}
                            onSaved={() => {
                                setEditing(false);
                                setSaved(true);
                                a.reload();
                            }}
                        />
                    ) : (
                        <>
                            <p>
                                {c.provider} — {t(`training.format.${c.format}` as Key)}, {t('training.hours', { h: c.duration_hours })}, {money(c.cost)}, {c.language}
                                {!c.active && <> <span class="badge st-cancelled">{t('training.inactive')}</span></>}
                            </p>
                            {c.link && (
                                <p>
                                    <a href={c.link} rel="noopener noreferrer" target="_blank">
                                        {c.link}
                                    </a>
                                </p>
                            )}
                            {c.notes && <p class="hint">{c.notes}</p>}
                            <h2>{t('training.teaches')}</h2>
                            {cs.length === 0 ? (
                                <Empty>{t('training.noSkillRows')}</Empty>
                            ) : (
                                <ul class="plain">
                                    {cs.map((k) => (
                                        <li key={k.skill_id}>{t('training.skillLevel', { skill: (skills.find((s) => s.id === k.skill_id)?.name as string) || '', level: k.level })}</li>
                                    ))}
                                </ul>
                            )}
                        </>
                    )}
                    <h2>{t('training.sessions')}</h2>
                    {ss.items.length === 0 ? (
                        <Empty>{t('training.noSessions')}</Empty>
                    ) : (
                        <ul class="plain">
                            {ss.items.map((s) => (
                                <li key={s.id}>
                                    <a href={href(`/training/session/${s.id}`)}>{s.name}</a>
                                    {s.starts_at && <> — {fmtSpan(s.starts_at, s.ends_at || s.starts_at, s.time_zone)}</>}
                                    {s.status === 'cancelled' && <> <StatusBadge status={s.status} /></>}
                                </li>
                            ))}
                        </ul>
                    )}
                </section>
            )}
        </Show>
    );
}

const ACTIONS: Record<string, string[]> = {
    requested: ['approve', 'reject', 'cancel'],
    enrolled: ['confirm', 'cancel'],
    confirmed: ['complete', 'cancel'],
    completed: ['reopen'],
};

function EnrolmentRow({ e, zone, reload }: { e: Enrolment; zone: string; reload: () => void }) {
    const act = useAction(reload);
    const [impact, setImpact] = useState<TrainingImpact | null>(null);
    const run = (name: string) =>
        act.run(async () => {
            await post(`/training-enrolments/${e.id}/${name}`, {});
            reload();
        }, name);
    const acts = (ACTIONS[e.status] || []).filter((x) => !(x === 'confirm' && e.waitlisted));
    return (
        <li data-enrolment-id={e.id}>
            <span>
                {e.assistant_name} <StatusBadge status={e.status} />
                {e.waitlisted && e.status === 'enrolled' && <> {t('training.waitlisted', { n: e.waitlist_position || 0 })}</>}
            </span>{' '}
            {e.status === 'enrolled' && !e.waitlisted && (
                <button type="button" class="btn small" disabled={!!act.busy} onClick={() => act.run(async () => setImpact(await post<TrainingImpact>(`/training/enrolments/${e.id}/impact`, {})), 'impact')}>
                    {t('training.showImpact')}
                </button>
            )}
            {acts.map((x) => (
                <button key={x} type="button" class="btn small" disabled={!!act.busy} onClick={() => run(x)}>
                    {t(`training.act.${x}` as Key)}
                </button>
            ))}
            {act.error != null && <ErrorBox error={act.error} onRetry={act.onRetry} />}
            {impact && (
                <div class="impact-box" aria-live="polite">
                    <h4>{t('training.impactTitle', { name: e.assistant_name })}</h4>
                    {impact.absences.map((x) => (
                        <div key={x.start_at}>
                            <p>{fmtSpan(x.start_at, x.end_at, zone)}</p>
                            <ImpactOfAnswer answer={x.impact} name={e.assistant_name} />
                        </div>
                    ))}
                </div>
            )}
        </li>
    );
}

/** The session's meetings in words: each meeting's first date and times, and its recurrence. */
function MeetingRules({ meetings, zone }: { meetings: MeetingRec[]; zone: string }) {
    const repeating = meetings.filter((m) => m.rrule);
    if (!repeating.length) return null;
    return (
        <ul class="plain rules">
            {repeating.map((m) => {
                const w = parseRule(m.rrule!, localDate(m.start_at, zone));
                return (
                    <li key={m.id}>
                        {fmtSpan(m.start_at, m.end_at, zone)}: {w ? describe(w) : t('training.rule.other', { rule: m.rrule! })}
                    </li>
                );
            })}
        </ul>
    );
}

export function SessionPage({ params }: { params: Record<string, string> }) {
    const id = Number(params.id);
    const auth = useAuth();
    const manager = isManager(auth.account.role);
    const [n, setN] = useState(0);
    const reload = () => setN((x) => x + 1);
    const view = useAsync(() => Promise.all([get<SessionView>(`/training/sessions/${id}/view`), loadMeetings(id)]), [id, n]);
    const people = useAsync(() => (manager ? store.assistants() : Promise.resolve([])), [manager]);
    const [who, setWho] = useState('');
    const [editing, setEditing] = useState(false);
    const [notice, setNotice] = useState('');
    // The enrolments live when the session was cancelled: how many the cancel took with it shows.
    const [wasLive, setWasLive] = useState<number[] | null>(null);
    const act = useAction(reload);
    return (
        <Show a={view} what={t('training.loading')}>
            {([v, meetings]) => {
                const zone = v.session.time_zone;
                const planned = v.session.status !== 'cancelled';
                const live = v.enrolments.filter((e) => !['rejected', 'cancelled'].includes(e.status));
                return (
                    <section class="training">
                        <PageHead title={v.session.name}>
                            {manager && planned && !editing && (
                                <>
                                    <button
                                        type="button"
                                        class="btn"
                                        onClick={() => {
                                            setEditing(true);
                                            setNotice('');
                                        }}
                                    >
                                        {t('training.editSessionBtn')}
                                    </button>
                                    <CancelSession
                                        session={v.session}
                                        live={live.length}
                                        onDone={() => {
                                            setNotice('');
                                            setWasLive(live.map((e) => e.id));
                                            reload();
                                        }}
                                    />
                                </>
                            )}
                        </PageHead>
                        {!planned && (
                            <p>
                                <StatusBadge status="cancelled" /> {t('training.isCancelled')}
                            </p>
                        )}
                        {notice && (
                            <p class="notice" role="status">
                                {notice}
                            </p>
                        )}
                        {wasLive && !planned && !view.loading && (
                            <p class="notice" role="status">
                                {t('training.cancelled', { count: v.enrolments.filter((e) => wasLive.includes(e.id) && e.status === 'cancelled').length })}
                            </p>
                        )}
                        {editing ? (
                            <SessionForm
                                course={v.course}
                                session={v.session}
                                meetings={meetings}
                                onCancel={() => setEditing(false)}
                                onSaved={() => {
                                    setEditing(false);
                                    setNotice(t('training.sessionSaved'));
                                    reload();
                                }}
                            />
                        ) : (
                            <>
                                <p>
                                    <a href={href(`/training/course/${v.course.id}`)}>{v.course.name}</a> — {v.session.place || v.session.link}
                                    {v.session.instructor && <>, {v.session.instructor}</>}, {money(v.session.cost)}
                                </p>
                                <h2>{t('training.dates')}</h2>
                                <p class="hint">{t('training.timesIn', { zone })}</p>
                                <MeetingRules meetings={meetings} zone={zone} />
                                <ul class="plain occurrences">
                                    {v.occurrences.map((o) => (
                                        <li key={`${o.meeting_id}-${o.start_at}`}>{fmtSpan(o.start_at, o.end_at, zone)}</li>
                                    ))}
                                </ul>
                            </>
                        )}
                        <h2>{t('training.seats', { taken: v.seats_taken, capacity: v.capacity, waiting: v.waitlist })}</h2>
                        {v.enrolments.length === 0 ? (
                            <Empty>{t('training.noEnrolments')}</Empty>
                        ) : (
                            <ul class="plain enrolments">
                                {v.enrolments.map((e) => (
                                    <EnrolmentRow key={`${e.id}-${e.status}-${e.waitlisted}`} e={e} zone={zone} reload={reload} />
                                ))}
                            </ul>
                        )}
                        {manager
                            ? planned && (
                                  <Show a={people} what={t('training.loading')}>
                                      {(ps) => (
                                          <form
                                              class="inline-form"
                                              onSubmit={(ev) => {
                                                  ev.preventDefault();
                                                  if (who)
                                                      act.run(async () => {
                                                          await post(`/training/sessions/${id}/enrol`, { assistant_id: Number(who) });
                                                          reload();
                                                      });
                                              }}
                                          >
                                              <Select
                                                  label={t('training.assistant')}
                                                  value={who}
                                                  onValue={setWho}
                                                  options={[['', '—'], ...ps.filter((p) => p.active).map((p) => [String(p.id), p.name as string] as [string, string])]}
                                              />
                                              <button type="submit" class="btn primary" disabled={!who || !!act.busy}>
                                                  {t('training.enrol')}
                                              </button>
                                          </form>
                                      )}
                                  </Show>
                              )
                            : planned &&
                              !v.enrolments.length && (
                                  <button type="button" class="btn primary" disabled={!!act.busy} onClick={() => act.run(async () => (await post(`/training/sessions/${id}/enrol`, {}), reload()))}>
                                      {t('training.request')}
                                  </button>
                              )}
                        {act.error != null && <ErrorBox error={act.error} onRetry={act.onRetry} />}
                        {manager && (
                            <div class="cards">
                                <AttendanceGrid key={n} enrolments={v.enrolments} occurrences={v.occurrences} zone={zone} courseName={v.course.name} version={String(n)} reload={reload} />
                                {v.arrangements && <Arrangements sessionId={id} items={v.arrangements} editable={planned} reload={reload} />}
                            </div>
                        )}
                    </section>
                );
            }}
        </Show>
    );
}

interface Mine {
    enrolments: { id: number; session_id: number; course: string; status: string; waitlisted: boolean; starts_at: string | null; ends_at: string | null }[];
    certificates: { id: number; skill: string; level: number; title: string; expires_on: string | null; expired: boolean }[];
}

/** The assistant's training: their sessions and requests, certificates, and sessions to ask for. */
export function MyTraining() {
    const mine = useAsync(() => get<Mine>('/training/mine'), []);
    const open = useAsync(() => get<{ items: Session[] }>('/training-sessions', { status: 'planned', limit: 100 }), []);
    return (
        <section class="training">
            <PageHead title={t('training.mine')} />
            <div class="cards">
                <section class="card" aria-labelledby="h-my-sessions">
                    <h2 id="h-my-sessions">{t('training.mySessions')}</h2>
                    <Show a={mine} what={t('training.loading')}>
                        {(m) =>
                            m.enrolments.length === 0 ? (
                                <Empty>{t('training.noEnrolments')}</Empty>
                            ) : (
                                <ul class="plain">
                                    {m.enrolments.map((e) => (
                                        <li key={e.id}>
                                            <a href={href(`/training/session/${e.session_id}`)}>{e.course}</a> <StatusBadge status={e.status} />
                                            {e.waitlisted && <> {t('training.onWaitlist')}</>}
                                            {e.starts_at && <> — {fmtDate(e.starts_at.slice(0, 10), true)}</>}
                                        </li>
                                    ))}
                                </ul>
                            )
                        }
                    </Show>
                </section>
                <section class="card" aria-labelledby="h-certs">
                    <h2 id="h-certs">{t('training.certificates')}</h2>
                    <Show a={mine} what={t('training.loading')}>
                        {(m) =>
                            m.certificates.length === 0 ? (
                                <Empty>{t('training.noCertificates')}</Empty>
                            ) : (
                                <ul class="plain">
                                    {m.certificates.map((c) => (
                                        <li key={c.id}>
                                            {c.title} ({t('training.skillLevel', { skill: c.skill, level: c.level })})
                                            {c.expires_on && <> — {t(c.expired ? 'training.expired' : 'training.validUntil', { date: fmtDate(c.expires_on, true) })}</>}
                                        </li>
                                    ))}
                                </ul>
                            )
                        }
                    </Show>
                </section>
                <section class="card" aria-labelledby="h-open">
                    <h2 id="h-open">{t('training.openSessions')}</h2>
                    <Show a={open} what={t('training.loading')}>
                        {(r) => (
                            <ul class="plain">
                                {r.items
                                    .filter((s) => s.starts_at && s.starts_at > new Date().toISOString())
                                    .map((s) => (
                                        <li key={s.id}>
                                            <a href={href(`/training/session/${s.id}`)}>{s.name}</a> — {fmtSpan(s.starts_at!, s.ends_at || s.starts_at!, s.time_zone)}
                                        </li>
                                    ))}
                            </ul>
                        )}
                    </Show>
                </section>
            </div>
        </section>
    );
}

/** Today: training arrangements past their due date. */
export function LateArrangements() {
    const a = useAsync(() => get<{ items: { id: number; session_id: number; course: string; title: string; person_name: string | null; due_date: string }[] }>('/training/late-arrangements'), []);
    return (
        <section class="card" aria-labelledby="h-late-arr">
            <h2 id="h-late-arr">{t('training.lateArrangements')}</h2>
            <Show a={a} what={t('training.loading')}>
                {(r) =>
                    r.items.length === 0 ? (
                        <Empty>{t('training.noneLate')}</Empty>
                    ) : (
                        <ul class="plain">
                            {r.items.map((x) => (
                                <li key={x.id}>
                                    <a href={href(`/training/session/${x.session_id}`)}>{x.title}</a> — {x.course}, {t('training.due', { date: fmtDate(x.due_date) })}
                                    {x.person_name && <> ({x.person_name})</>}
                                </li>
                            ))}
                        </ul>
                    )
                }
            </Show>
        </section>
    );
}
