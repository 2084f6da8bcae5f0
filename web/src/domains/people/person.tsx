// A person's profile (assistant or executive): facts, skills or duties, working hours, whom
// they support or who supports them, designated backups, absences; managers edit here.
import { useEffect, useState } from 'preact/hooks';
import {
    Absence,
    ApiError,
    Assistant,
    AssistantSkill,
    DesignatedBackup,
    Page,
    Person,
    Principal,
    PrincipalDuty,
    PrincipalsOf,
    Supporters,
    get,
    listAll,
    patch,
    post,
} from '../../api';
import { isManager, useAuth } from '../../auth';
import { useAction } from '../../components/hooks';
import { href, navigate } from '../../router';
import * as store from '../../store';
import { fmtDate, today } from '../../time';
import { Checkbox, Empty, ErrorBox, Field, PageHead, Select, Show, fieldError, formError, useAsync } from '../../components/ui';
import { AbsenceCard, RequestForm } from '../../components/absence';
import { HoursSection, SupportersCard } from '../../components/people';
import { ConflictMerge } from '../../components/conflict';
import { supportKind } from '../../components/impact';
import { t, type Key } from '../../i18n';
import { AssistantWorkbench, PrincipalWorkbench } from './workbench';
import { LimitedProfile } from './limited';
import { FitSections } from '../fit/fit';

type Kind = 'assistant' | 'principal';
type Rec = (Assistant | Principal) & { kind: Kind | 'person' };

async function loadPerson(kind: string, id: number): Promise<Rec> {
    const order: Kind[] = kind === 'principal' ? ['principal', 'assistant'] : ['assistant', 'principal'];
    for (const k of order) {
        try {
            const r = await get<Assistant | Principal>(`/${k === 'assistant' ? 'assistants' : 'principals'}/${id}`);
            return { ...r, kind: k };
        } catch (e) {
            if (!(e instanceof ApiError && e.status === 404)) throw e;
        }
    }
    const p = await get<Person>(`/people/${id}`);
    return { ...(p as Assistant), kind: 'person' };
}

export function Profile({ params }: { params: Record<string, string> }) {
    const id = Number(params.id);
    const { account } = useAuth();
    const manager = isManager(account.role);
    const rec = useAsync(() => loadPerson(params.kind, id), [params.kind, id]);
    const [editing, setEditing] = useState(false);
    const [saved, setSaved] = useState(false);

    // Not theirs to read (a colleague, a cover that ended): what they may see, not an error.
    if (!manager && rec.error instanceof ApiError && rec.error.status === 404) return <LimitedProfile id={id} />;
    return (
        <Show a={rec} what={t('person.loading')}>
            {(p) => (
                <section class="profile">
                    <PageHead title={p.name}>
                        {manager && p.kind !== 'person' && !editing && (
                            <button type="button" class="btn" onClick={() => { setEditing(true); setSaved(false); }}>
                                {t('person.edit')}
                            </button>
                        )}
                    </PageHead>
                    <p class="subtitle">
                        <span class="badge kind">{p.kind === 'assistant' ? t('person.kind.assistant') : p.kind === 'principal' ? t('person.kind.principal') : t('person.kind.person')}</span>{' '}
                        {p.kind === 'principal' && `${(p as Principal).title || ''}${(p as Principal).title ? ', ' : ''}${(p as Principal).department} · `}
                        {p.office} · {p.time_zone}
                        {!p.active && <span class="badge st-cancelled">{t('people.leftBadge')}</span>}
                    </p>
                    {saved && (
                        <p class="notice" role="status">
                            {t('person.saved')}
                        </p>
                    )}
                    {editing && p.kind !== 'person' ? (
                        <PersonForm
                            kind={p.kind}
                            record={p}
                            onCancel={() => setEditing(false)}
                            onSaved={(r) => {
                                rec.setData({ ...r, kind: p.kind });
                                store.invalidate('people', 'assistants', 'principals');
                                setEditing(false);
                                setSaved(true);
                            }}
                        />
                    ) : (
                        <Facts p={p} />
                    )}
                    <div class="cards">
                        {p.kind === 'assistant' && <AssistantSections id={p.id} />}
                        {p.kind === 'principal' && <PrincipalSections id={p.id} />}
                        <HoursSection id={p.id} tz={p.time_zone} />
                        <AbsencesSection person={p} manager={manager} />
                        {manager && p.kind === 'assistant' && <AssistantWorkbench id={p.id} tz={p.time_zone} />}
                        {manager && p.kind === 'principal' && <PrincipalWorkbench p={p as Principal} />}
                        <FitSections kind={p.kind} id={p.id} />
                    </div>
                </section>
            )}
        </Show>
    );
}

function Facts({ p }: { p: Rec }) {
    return (
        <dl class="facts">
            <dt>{t('person.email')}</dt>
            <dd>
                <a href={`mailto:${p.email}`}>{p.email}</a>
            </dd>
            <dt>{t('person.phone')}</dt>
            <dd>{p.phone || '—'}</dd>
            <dt>{t('person.languages')}</dt>
            <dd>{p.languages.join(', ') || '—'}</dd>
            {p.kind === 'assistant' && (
                <>
                    <dt>{t('person.contracted')}</dt>
                    <dd>{t('person.hoursPerWeek', { h: (p as Assistant).contracted_hours })}</dd>
                    <dt>{t('person.capacity')}</dt>
                    <dd>{t('person.atOnce', { count: (p as Assistant).capacity })}</dd>
                    <dt>{t('person.experience')}</dt>
                    <dd>
                        {t('person.years', { count: (p as Assistant).experience_years })}
                        {(p as Assistant).hire_date ? t('person.hired', { date: fmtDate((p as Assistant).hire_date!, true) }) : ''}
                    </dd>
                    <dt>{t('person.workStyle')}</dt>
                    <dd>{(p as Assistant).traits.join(', ') || '—'}</dd>
                </>
            )}
            {p.kind === 'principal' && (
                <>
                    <dt>{t('person.priority')}</dt>
                    <dd>{t('person.priorityOf', { n: (p as Principal).priority })}</dd>
                    <dt>{t('person.prefers')}</dt>
                    <dd>{(p as Principal).preferred_traits.join(', ') || '—'}</dd>
                </>
            )}
        </dl>
    );
}

function AssistantSections({ id }: { id: number }) {
    const skills = useAsync(async () => {
        const [mine, catalogue] = await Promise.all([listAll<AssistantSkill>('/assistant-skills', { assistant_id: id }), store.skills()]);
        const names = new Map(catalogue.map((s) => [s.id, s]));
        return mine
            .map((s) => ({ ...s, name: names.get(s.skill_id)?.name || t('person.skillN', { id: String(s.skill_id) }), category: names.get(s.skill_id)?.category || '' }))
            .sort((a, b) => a.name.localeCompare(b.name));
    }, [id]);
    const principals = useAsync(() => get<PrincipalsOf>(`/assistants/${id}/principals`, { date: today() }), [id]);
    const backupFor = useAsync(async () => {
        const list = await listAll<DesignatedBackup>('/designated-backups', { assistant_id: id });
        const ps = await store.principals().catch(() => []);
        const names = new Map(ps.map((p) => [p.id, p.name]));
        return list.map((b) => ({ ...b, name: names.get(b.principal_id) || t('person.executiveN', { id: String(b.principal_id) }) }));
    }, [id]);
    return (
        <>
            <section class="card">
                <h2>{t('person.supports')}</h2>
                <Show a={principals} what={t('ui.loading')}>
                    {(d) =>
                        d.principals.length === 0 ? (
                            <Empty>{t('person.supportsNone')}</Empty>
                        ) : (
                            <ul class="plain">
                                {d.principals.map((r) => (
                                    <li key={r.assignment_id}>
                                        <a href={href(`/people/principal/${r.principal_id}`)}>{r.name}</a> — {supportKind(r.kind)}, {t('person.share', { share: r.share })} ({r.office})
                                    </li>
                                ))}
                            </ul>
                        )
                    }
                </Show>
            </section>
            <section class="card">
                <h2>{t('person.backupFor')}</h2>
                <Show a={backupFor} what={t('ui.loading')}>
                    {(list) =>
                        list.length === 0 ? (
                            <Empty>{t('person.backupForNone')}</Empty>
                        ) : (
                            <ul class="plain">
                                {list.map((b) => (
                                    <li key={b.id}>
                                        <a href={href(`/people/principal/${b.principal_id}`)}>{b.name}</a> — {t('person.choice', { rank: String(b.rank) })}
                                    </li>
                                ))}
                            </ul>
                        )
                    }
                </Show>
            </section>
            <section class="card">
                <h2>{t('person.skills')}</h2>
                <Show a={skills} what={t('person.loadingSkills')}>
                    {(list) =>
                        list.length === 0 ? (
                            <Empty>{t('person.noSkills')}</Empty>
                        ) : (
                            <ul class="skills">
                                {list.map((s) => (
                                    <li key={s.id}>
                                        <span>{s.name}</span>{' '}
                                        <span class="level">
                                            <span aria-hidden="true">{'●'.repeat(s.level)}{'○'.repeat(5 - s.level)}</span>
                                            <span class="sr-only">{t('person.level', { level: s.level })}</span>
                                        </span>
                                    </li>
                                ))}
                            </ul>
                        )
                    }
                </Show>
            </section>
        </>
    );
}

function PrincipalSections({ id }: { id: number }) {
    const support = useAsync(() => get<Supporters>(`/principals/${id}/supporters`, { date: today() }), [id]);
    const duties = useAsync(async () => {
        const [mine, catalogue] = await Promise.all([listAll<PrincipalDuty>('/principal-duties', { principal_id: id }), store.duties()]);
        const names = new Map(catalogue.map((d) => [d.id, d]));
        return mine.map((d) => ({ ...d, name: names.get(d.duty_id)?.name || t('person.dutyN', { id: String(d.duty_id) }), description: names.get(d.duty_id)?.description || '' }));
    }, [id]);
    return (
        <>
            <SupportersCard a={support} />
            <section class="card">
                <h2>{t('person.duties')}</h2>
                <Show a={duties} what={t('person.loadingDuties')}>
                    {(list) =>
                        list.length === 0 ? (
                            <Empty>{t('person.noDuties')}</Empty>
                        ) : (
                            <ul class="plain">
                                {list.map((d) => (
                                    <li key={d.id}>
                                        <strong>{d.name}</strong> — {d.must_have ? t('person.mustHave') : t('person.niceToHave')}
                                        {d.description && <span class="hint block">{d.description}</span>}
                                    </li>
                                ))}
                            </ul>
                        )
                    }
                </Show>
            </section>
        </>
    );
}

function AbsencesSection({ person, manager }: { person: Rec; manager: boolean }) {
    const list = useAsync(() => get<Page<Absence>>('/absences', { person_id: person.id, limit: 200 }), [person.id]);
    const [adding, setAdding] = useState(false);
    return (
        <section class="card wide">
            <h2>{t('person.absences')}</h2>
            {manager && !adding && (
                <button type="button" class="btn small" onClick={() => setAdding(true)}>
                    {t('absence.record')}
                </button>
            )}
            {adding && (
                <RequestForm
                    manager
                    personId={person.id}
                    onDone={() => {
                        setAdding(false);
                        list.reload();
                    }}
                />
            )}
            <Show a={list} what={t('leave.loading')}>
                {(page) =>
                    page.items.length === 0 ? (
                        <Empty>{t('person.noAbsences')}</Empty>
                    ) : (
                        <ul class="absences">
                            {page.items
                                .slice()
                                .sort((a, b) => b.start_at.localeCompare(a.start_at))
                                .map((a) => (
                                    <AbsenceCard key={a.id} absence={a} person={person} manager={manager} onChanged={list.reload} showName={false} />
                                ))}
                        </ul>
                    )
                }
            </Show>
        </section>
    );
}

/* ---------- create and edit ---------- */

const listText = (a: string[] | undefined) => (a || []).join(', ');
const textList = (s: string) =>
    s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
const num = (s: string): number | string => (s.trim() !== '' && !Number.isNaN(Number(s)) ? Number(s) : s);

interface FormState {
    [k: string]: string | boolean;
}

function toForm(kind: Kind, r?: Partial<Assistant & Principal>): FormState {
    const f: FormState = {
        name: r?.name || '',
        email: r?.email || '',
        phone: r?.phone || '',
        time_zone: r?.time_zone || 'Europe/Tallinn',
        office: r?.office || '',
        languages: listText(r?.languages),
        active: r?.active ?? true,
    };
    if (kind === 'assistant') {
        f.contracted_hours = r?.contracted_hours !== undefined ? String(r.contracted_hours) : '40';
        f.capacity = r?.capacity !== undefined ? String(r.capacity) : '2';
        f.experience_years = r?.experience_years !== undefined ? String(r.experience_years) : '0';
        f.hire_date = r?.hire_date || '';
        f.traits = listText(r?.traits);
    } else {
        f.title = r?.title || '';
        f.department = r?.department || '';
        f.priority = r?.priority !== undefined ? String(r.priority) : '3';
        f.preferred_traits = listText(r?.preferred_traits);
    }
    return f;
}

function toBody(kind: Kind, f: FormState): Record<string, unknown> {
    const b: Record<string, unknown> = {
        name: (f.name as string).trim(),
        email: (f.email as string).trim(),
        phone: (f.phone as string).trim() || null,
        time_zone: (f.time_zone as string).trim(),
        office: (f.office as string).trim(),
        languages: textList(f.languages as string),
        active: f.active,
    };
    if (kind === 'assistant') {
        b.contracted_hours = num(f.contracted_hours as string);
        b.capacity = num(f.capacity as string);
        b.experience_years = num(f.experience_years as string);
        b.hire_date = (f.hire_date as string) || null;
        b.traits = textList(f.traits as string);
    } else {
        b.title = (f.title as string).trim();
        b.department = (f.department as string).trim();
        b.priority = num(f.priority as string);
        b.preferred_traits = textList(f.preferred_traits as string);
    }
    return b;
}

const FIELDS: Record<Kind, string[]> = {
    assistant: ['name', 'email', 'phone', 'time_zone', 'office', 'languages', 'active', 'contracted_hours', 'capacity', 'experience_years', 'hire_date', 'traits'],
    principal: ['name', 'email', 'phone', 'time_zone', 'office', 'languages', 'active', 'title', 'department', 'priority', 'preferred_traits'],
};

function PersonForm({
    kind,
    record,
    onSaved,
    onCancel,
}: {
    kind: Kind;
    record?: Assistant | Principal;
    onSaved: (r: Assistant | Principal) => void;
    onCancel: () => void;
}) {
    const [base, setBase] = useState(record);
    const [f, setF] = useState<FormState>(() => toForm(kind, record));
    const { busy, error, run, setError } = useAction();
    const [reloaded, setReloaded] = useState(false);
    const [merged, setMerged] = useState(false);
    const set = (k: string) => (v: string | boolean) => setF((s) => ({ ...s, [k]: v }));
    const err = (k: string) => fieldError(error, k);
    const collection = kind === 'assistant' ? 'assistants' : 'principals';

    function submit(e: Event) {
        e.preventDefault();
        setReloaded(false);
        setMerged(false);
        const body = toBody(kind, f);
        run(async () => {
            if (base) {
                const before = toBody(kind, toForm(kind, base));
                const changes: Record<string, unknown> = {};
                for (const k of Object.keys(body)) if (JSON.stringify(body[k]) !== JSON.stringify(before[k])) changes[k] = body[k];
                if (Object.keys(changes).length === 0) {
                    onCancel();
                    return;
                }
                onSaved(await patch<Assistant | Principal>(`/${collection}/${base.id}`, changes, base.version));
            } else {
                onSaved(await post<Assistant | Principal>(`/${collection}`, body));
            }
        }, 'save');
    }

    // After a 412: the record as the server has it now, to show what changed and re-apply ours.
    const [server, setServer] = useState<Assistant | Principal | null>(null);
    const conflict = error instanceof ApiError && error.status === 412;
    useEffect(() => {
        if (conflict && base) get<Assistant | Principal>(`/${collection}/${base.id}`).then(setServer, () => setServer(null));
        else setServer(null);
    }, [conflict]);
    return (
        <form class="card form person-form" onSubmit={submit} noValidate aria-label={base ? t('person.editOf', { name: base.name }) : kind === 'assistant' ? t('people.newAssistant') : t('people.newExecutive')}>
            {conflict && base && server ? (
                <ConflictMerge
                    fields={FIELDS[kind].map((k) => ({ key: k, label: t(`wb.field.${k}` as Key) }))}
                    base={toBody(kind, toForm(kind, base))}
                    mine={toBody(kind, f)}
                    server={toBody(kind, toForm(kind, server))}
                    onReapply={(merged) => {
                        // The server's version with the user's changes on top; saving now goes
                        // against the new version.
                        setF(toForm(kind, merged as Partial<Assistant & Principal>));
                        setBase(server);
                        setError(null);
                        setMerged(true);
                    }}
                    onDiscard={() => {
                        setBase(server);
                        setF(toForm(kind, server));
                        setError(null);
                        setReloaded(true);
                    }}
                />
            ) : (
                <ErrorBox error={formError(error, FIELDS[kind])} />
            )}
            {merged && (
                <p class="notice" role="status">
                    {t('wb.conflict.reapplied')}
                </p>
            )}
            {reloaded && (
                <p class="notice" role="status">
                    {t('person.reloaded')}
                </p>
            )}
            <div class="grid2">
                <Field label={t('person.fullName')} value={f.name as string} onValue={set('name')} error={err('name')} autoComplete="off" />
                <Field label={t('person.email')} value={f.email as string} onValue={set('email')} error={err('email')} autoComplete="off" />
                <Field label={t('person.phone')} value={f.phone as string} onValue={set('phone')} error={err('phone')} />
                <Field label={t('filter.office')} value={f.office as string} onValue={set('office')} error={err('office')} />
                <Field label={t('person.timeZone')} value={f.time_zone as string} onValue={set('time_zone')} error={err('time_zone')} hint={t('person.timeZoneHint')} />
                <Field label={t('person.languages')} value={f.languages as string} onValue={set('languages')} error={err('languages')} hint={t('person.commas')} />
                {kind === 'assistant' ? (
                    <>
                        <Field label={t('person.contractedPerWeek')} inputMode="decimal" value={f.contracted_hours as string} onValue={set('contracted_hours')} error={err('contracted_hours')} />
                        <Field label={t('person.capacityLabel')} inputMode="numeric" value={f.capacity as string} onValue={set('capacity')} error={err('capacity')} />
                        <Field label={t('person.yearsLabel')} inputMode="numeric" value={f.experience_years as string} onValue={set('experience_years')} error={err('experience_years')} />
                        <Field label={t('person.hireDate')} type="date" value={f.hire_date as string} onValue={set('hire_date')} error={err('hire_date')} />
                        <Field label={t('person.traits')} value={f.traits as string} onValue={set('traits')} error={err('traits')} hint={t('person.commas')} />
                    </>
                ) : (
                    <>
                        <Field label={t('person.title')} value={f.title as string} onValue={set('title')} error={err('title')} />
                        <Field label={t('filter.department')} value={f.department as string} onValue={set('department')} error={err('department')} />
                        <Select
                            label={t('person.priority')}
                            value={f.priority as string}
                            onValue={set('priority')}
                            error={err('priority')}
                            options={[
                                ['1', t('person.priorityLow')],
                                ['2', '2'],
                                ['3', '3'],
                                ['4', '4'],
                                ['5', t('person.priorityHigh')],
                            ]}
                        />
                        <Field label={t('person.preferredTraits')} value={f.preferred_traits as string} onValue={set('preferred_traits')} error={err('preferred_traits')} hint={t('person.commas')} />
                    </>
                )}
            </div>
            {base && <Checkbox label={t('person.activeLabel')} checked={f.active as boolean} onValue={set('active')} error={err('active')} />}
            <div class="btn-row">
                <button type="submit" class="btn primary" disabled={!!busy}>
                    {busy === 'save' ? t('ui.saving') : base ? t('person.saveChanges') : t('person.create')}
                </button>
                <button type="button" class="btn ghost" onClick={onCancel}>
                    {t('ui.cancel')}
                </button>
            </div>
        </form>
    );
}

export function NewPerson({ params }: { params: Record<string, string> }) {
    const kind: Kind = params.kind === 'principal' ? 'principal' : 'assistant';
    return (
        <section>
            <PageHead title={kind === 'assistant' ? t('people.newAssistant') : t('people.newExecutive')} />
            <PersonForm
                kind={kind}
                onCancel={() => navigate('/people', { kind })}
                onSaved={(r) => {
                    store.invalidate('people', 'assistants', 'principals');
                    navigate(`/people/${kind}/${r.id}`);
                }}
            />
        </section>
    );
}

