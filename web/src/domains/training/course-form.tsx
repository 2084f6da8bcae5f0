// course-form.tsx: a manager creates and edits a course of the catalog: provider, format, the
// skills it teaches with the level each reaches (rows added and removed), duration, cost,
// language, link and research notes. The server's validation error shows under its field (or
// its skill row); a stale edit (412) shows what changed meanwhile and re-applies the manager's
// changes on the new version, as the people forms do.
import { useState } from 'preact/hooks';
import { get, listAll } from '../../api';
import { useAction } from '../../components/hooks';
import { Checkbox, ErrorBox, Field, PageHead, Select, Show, TextArea, fieldError, useAsync } from '../../components/ui';
import { t, type Key } from '../../i18n';
import { navigate } from '../../router';
import * as store from '../../store';
import { SaveCancel, saveChanged, saveRows, useStaleMerge } from './form-parts';
import { Row, RowError, numOf, rowKey } from './rows';

export interface CourseRec {
    id: number;
    version: number;
    name: string;
    provider: string;
    format: string;
    duration_hours: number;
    cost: number;
    language: string;
    link: string;
    notes: string;
    active: boolean;
}
export interface CourseSkillRec {
    id: number;
    version: number;
    course_id: number;
    skill_id: number;
    level: number;
}

export const FORMATS = ['class', 'course', 'workshop', 'online'];
const FIELDS = ['name', 'provider', 'format', 'duration_hours', 'cost', 'language', 'link', 'notes', 'active'];
const LABELS: Record<string, Key> = {
    name: 'training.f.name',
    provider: 'training.f.provider',
    format: 'training.f.format',
    duration_hours: 'training.f.duration',
    cost: 'training.f.cost',
    language: 'training.f.language',
    link: 'training.f.link',
    notes: 'training.f.notes',
    active: 'training.f.active',
};

type Form = Record<string, string | boolean>;
interface SkillRow {
    skill_id: string;
    level: string;
}

function toForm(c?: Partial<CourseRec>): Form {
    return {
        name: c?.name || '',
        provider: c?.provider || '',
        format: c?.format || 'course',
        duration_hours: c?.duration_hours !== undefined ? String(c.duration_hours) : '',
        cost: c?.cost !== undefined ? String(c.cost) : '',
        language: c?.language || 'et',
        link: c?.link || '',
        notes: c?.notes || '',
        active: c?.active ?? true,
    };
}

function toBody(f: Form): Record<string, unknown> {
    const b: Record<string, unknown> = {
        name: (f.name as string).trim(),
        provider: (f.provider as string).trim(),
        format: f.format,
        duration_hours: numOf(f.duration_hours as string),
        cost: numOf(f.cost as string),
        language: (f.language as string).trim(),
        link: (f.link as string).trim(),
        notes: f.notes as string,
        active: f.active,
    };
    // Empty numbers are left to the server's defaults (8 hours, no cost).
    for (const k of ['duration_hours', 'cost']) if (b[k] === null) delete b[k];
    return b;
}

const skillBody = (v: SkillRow) => ({ skill_id: Number(v.skill_id), level: Number(v.level) });

/** A problem of one skill row: the field it names (under which it shows) or a whole error. */
interface RowProblem {
    key: number;
    field: string | null;
    text: string | null;
    error: unknown;
}

function problemOf(e: RowError): RowProblem {
    const err = e.error;
    for (const f of ['skill_id', 'level']) {
        const text = fieldError(err, f);
        if (text) return { key: e.key, field: f, text, error: err };
    }
    return { key: e.key, field: null, text: null, error: err };
}

/**
 * The course form: `course` and its `skills` to edit, or none to create. onSaved gets the course
 * once it and every skill row are saved.
 */
export function CourseForm({ course, skills, onSaved, onCancel }: { course?: CourseRec; skills?: CourseSkillRec[]; onSaved: (c: CourseRec) => void; onCancel: () => void }) {
    const catalogue = useAsync(() => store.skills(), []);
    const [base, setBase] = useState(course);
    const [f, setF] = useState<Form>(() => toForm(course));
    const [rows, setRows] = useState<Row<SkillRow>[]>(() =>
        (skills || []).map((s) => {
            const values = { skill_id: String(s.skill_id), level: String(s.level) };
            return { key: rowKey(), id: s.id, version: s.version, saved: skillBody(values), values };
        }),
    );
    const [removed, setRemoved] = useState<Row<SkillRow>[]>([]);
    const [problem, setProblem] = useState<RowProblem | null>(null);
    const { busy, error, run, setError } = useAction();
    const set = (k: string) => (v: string | boolean) => setF((s) => ({ ...s, [k]: v }));
    const err = (k: string) => fieldError(error, k);
    const setRow = (key: number, k: keyof SkillRow, v: string) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, values: { ...r.values, [k]: v } } : r)));

    // After a 412: the course as the server has it now, and what changed.
    const stale = useStaleMerge({ path: '/training-courses', fields: FIELDS, labels: LABELS, toForm, toBody, f, setF, base, setBase, error, setError });

    /** The rows' own checks before anything is sent: a skill chosen, each skill once. */
    function checkRows(): RowProblem | null {
        const seen = new Set<string>();
        for (const r of rows) {
            if (!r.values.skill_id) return { key: r.key, field: 'skill_id', text: t('training.err.chooseSkill'), error: null };
            if (seen.has(r.values.skill_id)) return { key: r.key, field: 'skill_id', text: t('training.err.skillTwice'), error: null };
            seen.add(r.values.skill_id);
        }
        return null;
    }

    function submit(e: Event) {
        e.preventDefault();
        stale.reset();
        const p = checkRows();
        setProblem(p);
        if (p) return;
        const body = toBody(f);
        run(async () => {
            const c = await saveChanged<CourseRec>('/training-courses', base, body, () => toBody(toForm(base)), body);
            setBase(c);
            const ok = await saveRows(
                {
                    path: '/course-skills',
                    parent: { course_id: c.id },
                    rows,
                    removed,
                    body: skillBody,
                    immutable: ['skill_id'],
                    progress: (r, rm) => {
                        setRows(r);
                        setRemoved(rm);
                    },
                },
                (x) => setProblem(problemOf(x)),
            );
            if (ok) onSaved(c);
        }, 'save');
    }

    const title = base ? t('training.editCourse', { name: base.name }) : t('training.newCourse');
    return (
        <form class="card form course-form" onSubmit={submit} noValidate aria-label={title}>
            {stale.box}
            <div class="grid2">
                <Field label={t('training.f.name')} value={f.name as string} onValue={set('name')} error={err('name')} autoComplete="off" required />
                <Field label={t('training.f.provider')} value={f.provider as string} onValue={set('provider')} error={err('provider')} />
                <Select
                    label={t('training.f.format')}
                    value={f.format as string}
                    onValue={set('format')}
                    error={err('format')}
                    options={FORMATS.map((x) => [x, t(`training.format.${x}` as Key)] as [string, string])}
                />
                <Field label={t('training.f.duration')} inputMode="decimal" value={f.duration_hours as string} onValue={set('duration_hours')} error={err('duration_hours')} />
                <Field label={t('training.f.cost')} inputMode="decimal" value={f.cost as string} onValue={set('cost')} error={err('cost')} />
                <Field label={t('training.f.language')} value={f.language as string} onValue={set('language')} error={err('language')} hint={t('training.f.languageHint')} />
                <Field label={t('training.f.link')} type="url" inputMode="url" value={f.link as string} onValue={set('link')} error={err('link')} />
            </div>
            <TextArea label={t('training.f.notes')} value={f.notes as string} onValue={set('notes')} error={err('notes')} rows={4} />
            {base && <Checkbox label={t('training.f.active')} checked={f.active as boolean} onValue={set('active')} error={err('active')} />}

            <fieldset class="rows">
                <legend>{t('training.teaches')}</legend>
                <Show a={catalogue} what={t('training.loading')}>
                    {(ss) => (
                        <>
                            {rows.length === 0 && <p class="hint">{t('training.noSkillRows')}</p>}
                            <ul class="plain edit-rows">
                                {rows.map((r, i) => {
                                    const mine = problem?.key === r.key ? problem : null;
                                    const name = (ss.find((s) => String(s.id) === r.values.skill_id)?.name as string) || t('training.skillN', { n: i + 1 });
                                    return (
                                        <li key={r.key} class="edit-row" data-row={i + 1}>
                                            <Select
                                                label={t('training.f.skill')}
                                                value={r.values.skill_id}
                                                onValue={(v) => setRow(r.key, 'skill_id', v)}
                                                error={mine?.field === 'skill_id' ? mine.text : null}
                                                options={[['', t('training.choose')], ...ss.map((s) => [String(s.id), s.name as string] as [string, string])]}
                                            />
                                            <Select
                                                label={t('training.f.level')}
                                                value={r.values.level}
                                                onValue={(v) => setRow(r.key, 'level', v)}
                                                error={mine?.field === 'level' ? mine.text : null}
                                                options={['1', '2', '3', '4', '5']}
                                            />
                                            <button
                                                type="button"
                                                class="btn small"
                                                aria-label={t('training.removeSkill', { name })}
                                                onClick={() => {
                                                    setRows((rs) => rs.filter((x) => x.key !== r.key));
                                                    if (r.id !== undefined) setRemoved((rm) => [...rm, r]);
                                                }}
                                            >
                                                {t('training.remove')}
                                            </button>
                                            {mine && !mine.field && <ErrorBox error={mine.error} />}
                                        </li>
                                    );
                                })}
                            </ul>
                            {problem && !rows.some((r) => r.key === problem.key) && <ErrorBox error={problem.error} />}
                            <button type="button" class="btn small" onClick={() => setRows((rs) => [...rs, { key: rowKey(), values: { skill_id: '', level: '3' } }])}>
                                {t('training.addSkill')}
                            </button>
                        </>
                    )}
                </Show>
            </fieldset>
            <SaveCancel busy={busy} editing={!!base} create={t('training.createCourse')} onCancel={onCancel} />
        </form>
    );
}

/** The new-course page (managers). */
export function NewCoursePage() {
    return (
        <section class="training">
            <PageHead title={t('training.newCourse')} />
            <CourseForm
                onCancel={() => navigate('/training')}
                onSaved={(c) => navigate(`/training/course/${c.id}`)}
            />
        </section>
    );
}

/** The course and its skill rows, for the edit form. */
export async function loadCourse(id: number): Promise<[CourseRec, CourseSkillRec[]]> {
    return Promise.all([get<CourseRec>(`/training-courses/${id}`), listAll<CourseSkillRec>('/course-skills', { course_id: id })]);
}
