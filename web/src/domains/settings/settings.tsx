// Settings: the planner's slot length and cost weights (managers), accounts (admins).
import { useState } from 'preact/hooks';
import { Account, ApiError, PlannerSettings, Role, get, patch, post } from '../../api';
import { useAction, usePagedList } from '../../components/hooks';
import { useAuth } from '../../auth';
import * as store from '../../store';
import { fmtInstant } from '../../time';
import { Empty, ErrorBox, Field, Loading, PageHead, Select, Show, ShowMore, errorText, fieldError, formError, useAsync } from '../../components/ui';
import { has, t } from '../../i18n';
import { href } from '../../router';
import { OrgImport } from './org-import';
import { InvitationCell, InviteForm, InvitedAccount } from '../account/invite';

/** Each setting's catalog key (settings.w.<key> and settings.w.<key>.hint); aliases share one. */
const LABELS: Record<string, string> = {
    slot_minutes: 'slot_minutes',
    uncovered: 'uncovered',
    nice_level: 'nice',
    nice: 'nice',
    not_designated: 'designation',
    designation: 'designation',
    rank_step: 'rank_step',
    other_office: 'office',
    office: 'office',
    other_tz: 'tz',
    tz: 'tz',
    switch_backup: 'switching',
    switching: 'switching',
    link_minutes: 'link_minutes',
    fairness: 'fairness',
};
const META = new Set(['id', 'version', 'created_at', 'updated_at']);

type Path = (string | number)[];

function label(path: Path): [string, string] {
    const names = path.filter((p) => typeof p === 'string') as string[];
    const last = names[names.length - 1];
    const idx = path.find((p) => typeof p === 'number');
    if (names.includes('fairness') && idx !== undefined) {
        const step = Number(idx) + 1;
        return last === 'from'
            ? [t('settings.fair.from', { step }), '']
            : last === 'slope'
              ? [t('settings.fair.slope', { step }), step === 1 ? t('settings.fair.hint') : '']
              : [t('settings.fair.other', { step, name: last }), ''];
    }
    const k = LABELS[last];
    const name = `settings.w.${k}`;
    const hint = `${name}.hint`;
    if (k && has(name) && has(hint)) return [t(name), t(hint)];
    const h = last.replace(/_/g, ' ');
    return [h.charAt(0).toUpperCase() + h.slice(1), ''];
}

/** The numeric leaves of the settings, with their paths (objects and lists). */
function leaves(o: unknown, path: Path = []): [Path, number][] {
    if (typeof o === 'number') return [[path, o]];
    if (Array.isArray(o)) return o.flatMap((v, i) => leaves(v, [...path, i]));
    if (o && typeof o === 'object')
        return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => (path.length === 0 && META.has(k) ? [] : leaves(v, [...path, k])));
    return [];
}

const keyOf = (p: Path) => p.join('.');

function setAt(o: unknown, path: Path, v: unknown) {
    let cur = o as Record<string | number, unknown>;
    for (const p of path.slice(0, -1)) cur = cur[p] as Record<string | number, unknown>;
    cur[path[path.length - 1]] = v;
}

/**
 * The PATCH body: every changed top-level setting; within weights, every changed weight (a
 * list such as fairness is sent whole).
 */
function patchBody(orig: Record<string, unknown>, changed: [Path, unknown][]): Record<string, unknown> {
    const next = JSON.parse(JSON.stringify(orig)) as Record<string, unknown>;
    for (const [p, v] of changed) setAt(next, p, v);
    const body: Record<string, unknown> = {};
    for (const [p] of changed) {
        if (p.length === 1) body[p[0] as string] = next[p[0] as string];
        else {
            const top = p[0] as string;
            const second = p[1] as string;
            const sub = (body[top] as Record<string, unknown>) || {};
            sub[second] = (next[top] as Record<string, unknown>)[second];
            body[top] = sub;
        }
    }
    return body;
}

export function Settings() {
    const { account } = useAuth();
    return (
        <section>
            <PageHead title={t('nav.settings')}>
                <a class="btn" href={href('/settings/mail')}>{t('mail.settingsLink')}</a>
            </PageHead>
            <PlannerSettingsForm />
            <OrgImport />
            {account.role === 'admin' ? (
                <Users />
            ) : (
                <section class="card">
                    <h2>{t('settings.accounts')}</h2>
                    <p>{t('settings.byAdmin')}</p>
                </section>
            )}
        </section>
    );
}

function PlannerSettingsForm() {
    const s = useAsync(() => get<PlannerSettings>('/settings/planner'), []);
    const [saved, setSaved] = useState(0);
    return (
        <section class="card">
            <h2>{t('settings.planner')}</h2>
            <p class="hint">{t('settings.plannerHint')}</p>
            <Show a={s} what={t('settings.loading')}>
                {(data) => (
                    <PlannerForm
                        key={String(data.version ?? JSON.stringify(data))}
                        data={data}
                        onSaved={(d) => {
                            if (d) s.setData(d);
                            setSaved((n) => n + 1);
                        }}
                        onEdit={() => setSaved(0)}
                        onReload={s.reload}
                    />
                )}
            </Show>
            {saved > 0 && (
                <p class="notice" role="status">
                    {t('settings.saved')}
                </p>
            )}
        </section>
    );
}

function PlannerForm({
    data,
    onSaved,
    onEdit,
    onReload,
}: {
    data: PlannerSettings;
    onSaved: (d: PlannerSettings | null) => void;
    onEdit: () => void;
    onReload: () => void;
}) {
    const fields = leaves(data);
    const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map(([p, v]) => [keyOf(p), String(v)])));
    const { busy, error, run } = useAction();

    function submit(e: Event) {
        e.preventDefault();
        onEdit();
        const changed: [Path, unknown][] = [];
        for (const [p, v] of fields) {
            const raw = values[keyOf(p)].trim();
            const n = raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
            if (n !== v) changed.push([p, n]);
        }
        run(async () => {
            const version = typeof data.version === 'number' ? data.version : 0;
            onSaved(changed.length ? await patch<PlannerSettings>('/settings/planner', patchBody(data, changed), version) : null);
        });
    }

    if (fields.length === 0) return <Empty>{t('settings.none')}</Empty>;
    // The API names a field such as "slot_minutes", "weights.other_tz" or "weights.fairness":
    // the message goes under the first input it covers.
    const errField = error instanceof ApiError && error.status === 422 ? error.field : undefined;
    const errKey = errField ? fields.map(([p]) => keyOf(p)).find((k) => k === errField || k.startsWith(`${errField}.`)) : undefined;
    return (
        <form class="form" onSubmit={submit} noValidate aria-label={t('settings.plannerSettings')}>
            <div class="grid2">
                {fields.map(([p]) => {
                    const k = keyOf(p);
                    const [l, hint] = label(p);
                    return (
                        <Field
                            key={k}
                            label={l}
                            name={k}
                            inputMode="numeric"
                            value={values[k]}
                            onValue={(v) => setValues((s) => ({ ...s, [k]: v }))}
                            hint={hint || undefined}
                            error={k === errKey ? errorText(error) : null}
                        />
                    );
                })}
            </div>
            <ErrorBox error={errKey ? null : error} onRetry={error instanceof ApiError && error.status === 412 ? onReload : undefined} />
            <button type="submit" class="btn primary" disabled={!!busy}>
                {busy ? t('ui.saving') : t('settings.save')}
            </button>
        </form>
    );
}

const ROLE_VALUES: Role[] = ['manager', 'assistant', 'principal', 'admin'];
const roles = (): [Role, string][] => ROLE_VALUES.map((r) => [r, t(`settings.role.${r}`)]);

function Users() {
    const list = usePagedList<Account>('/users', {}, 100, []);
    const people = useAsync(() => store.peopleById(), []);
    const [adding, setAdding] = useState(false);
    const [inviting, setInviting] = useState(false);
    return (
        <section class="card wide">
            <h2>{t('settings.accounts')}</h2>
            {!adding && !inviting && (
                <div class="btn-row">
                    <button type="button" class="btn" onClick={() => setAdding(true)}>
                        {t('settings.newAccount')}
                    </button>
                    <button type="button" class="btn" onClick={() => setInviting(true)}>
                        {t('invite.button')}
                    </button>
                </div>
            )}
            {inviting && (
                <InviteForm
                    roles={roles()}
                    onDone={(created) => {
                        setInviting(false);
                        if (created) list.reload();
                    }}
                />
            )}
            {adding && (
                <NewUser
                    onDone={() => {
                        setAdding(false);
                        list.reload();
                    }}
                />
            )}
            {/* The rows name the people: the table shows once both are in. */}
            <Show a={people} what={t('settings.loadingAccounts')}>
                {(byId) => (
                    <Show a={list} what={t('settings.loadingAccounts')}>
                        {(d) =>
                            d.items.length === 0 ? (
                                <Empty>{t('settings.noAccounts')}</Empty>
                            ) : (
                                <>
                                    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('settings.accounts')}>
                                        <table class="list">
                                            <caption class="sr-only">{t('settings.accounts')}</caption>
                                            <thead>
                                                <tr>
                                                    <th scope="col">{t('account.login')}</th>
                                                    <th scope="col">{t('settings.person')}</th>
                                                    <th scope="col">{t('account.role')}</th>
                                                    <th scope="col">{t('settings.disabled')}</th>
                                                    <th scope="col">{t('settings.lastSignIn')}</th>
                                                    <th scope="col">
                                                        <span class="sr-only">{t('account.actions')}</span>
                                                    </th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {d.items.map((u) => (
                                                    <UserRow key={u.id} user={u} person={u.person_id ? byId.get(u.person_id)?.name : undefined} />
                                                ))}
                                            </tbody>
                                        </table>
                                    </div>
                                    <ShowMore list={list} />
                                </>
                            )
                        }
                    </Show>
                )}
            </Show>
        </section>
    );
}

function UserRow({ user, person }: { user: Account; person?: string }) {
    const { account } = useAuth();
    const [u, setU] = useState(user);
    const [role, setRole] = useState<string>(user.role);
    const [disabled, setDisabled] = useState(user.disabled);
    const { busy, error, run, onRetry } = useAction(() => reload());
    const dirty = role !== u.role || disabled !== u.disabled;

    const save = () =>
        run(async () => {
            const body: Record<string, unknown> = {};
            if (role !== u.role) body.role = role;
            if (disabled !== u.disabled) body.disabled = disabled;
            const r = await patch<Account>(`/users/${u.id}`, body, u.version);
            setU(r);
        }, 'save');
    const reload = () =>
        run(async () => {
            const r = await get<Account>(`/users/${u.id}`);
            setU(r);
            setRole(r.role);
            setDisabled(r.disabled);
        }, 'reload');
    const self = account.id === u.id;
    return (
        <>
            <tr>
                <td>{u.login}</td>
                <td>{person || '—'}</td>
                <td>
                    <label class="sr-only" for={`role-${u.id}`}>
                        {t('settings.roleOf', { login: u.login })}
                    </label>
                    <select id={`role-${u.id}`} value={role} disabled={self} onChange={(e) => setRole((e.currentTarget as HTMLSelectElement).value)}>
                        {roles().map(([v, l]) => (
                            <option key={v} value={v}>
                                {l}
                            </option>
                        ))}
                    </select>
                </td>
                <td>
                    <input
                        type="checkbox"
                        id={`dis-${u.id}`}
                        aria-label={t('settings.disabledOf', { login: u.login })}
                        checked={disabled}
                        disabled={self}
                        onChange={(e) => setDisabled((e.currentTarget as HTMLInputElement).checked)}
                    />
                </td>
                <td>
                    {u.last_login_at ? fmtInstant(u.last_login_at) : t('settings.never')}
                    <InvitationCell user={user as InvitedAccount} />
                </td>
                <td>
                    {dirty && (
                        <button type="button" class="btn small primary" disabled={!!busy} onClick={save}>
                            {t('ui.save')}
                        </button>
                    )}
                </td>
            </tr>
            {error ? (
                <tr>
                    <td colSpan={6}>
                        <ErrorBox error={error} onRetry={onRetry} />
                    </td>
                </tr>
            ) : null}
        </>
    );
}

function NewUser({ onDone }: { onDone: () => void }) {
    const [login, setLogin] = useState('');
    const [role, setRole] = useState<string>('assistant');
    const [personId, setPersonId] = useState('');
    const [password, setPassword] = useState('');
    const { busy, error, run } = useAction();
    const people = useAsync(() => store.people(), []);
    function submit(e: Event) {
        e.preventDefault();
        run(async () => {
            await post('/users', { login: login.trim(), role, person_id: personId ? Number(personId) : null, password });
            onDone();
        });
    }
    return (
        <form class="form card" onSubmit={submit} noValidate aria-label={t('settings.newAccount')}>
            <h3>{t('settings.newAccount')}</h3>
            <div class="grid2">
                <Field label={t('account.login')} value={login} onValue={setLogin} error={fieldError(error, 'login')} autoComplete="off" />
                <Select label={t('account.role')} value={role} onValue={setRole} options={roles()} error={fieldError(error, 'role')} />
                {people.loading ? (
                    <Loading what={t('absence.loadingPeople')} />
                ) : (
                    <Select
                        label={t('settings.person')}
                        value={personId}
                        onValue={setPersonId}
                        error={fieldError(error, 'person_id')}
                        options={[['', t('settings.noPerson')], ...(people.data || []).map((p): [string, string] => [String(p.id), p.name])]}
                    />
                )}
                <Field
                    label={t('settings.initialPassword')}
                    type="password"
                    value={password}
                    onValue={setPassword}
                    error={fieldError(error, 'password')}
                    hint={t('settings.initialHint')}
                    autoComplete="new-password"
                />
            </div>
            <ErrorBox error={formError(error, ['login', 'role', 'person_id', 'password'])} />
            <div class="btn-row">
                <button type="submit" class="btn primary" disabled={!!busy}>
                    {t('settings.create')}
                </button>
                <button type="button" class="btn ghost" onClick={onDone}>
                    {t('ui.cancel')}
                </button>
            </div>
        </form>
    );
}

