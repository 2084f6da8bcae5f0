// api.ts: the only code that talks to the server. Same origin, session cookie, and the CSRF
// token in X-CSRF-Token on every change.
import type { components } from './gen/openapi';

export type Role = 'admin' | 'manager' | 'assistant' | 'principal';

export interface Account {
    id: number;
    version: number;
    login: string;
    role: Role;
    person_id: number | null;
    disabled: boolean;
    created_at: string;
    last_login_at: string | null;
    /** The language the person chose (POST /me/lang); null: the browser's. */
    lang?: 'et' | 'en' | null;
}

/** A page of a keyset list (the document's *Page schemas). */
export interface Page<T> {
    items: T[];
    next_cursor: Schemas['PersonPage']['next_cursor'];
}

/** An error answer of the API ({"error": {code, message, field}}) or a network failure. */
export class ApiError extends Error {
    status: number;
    code: string;
    field?: string;
    constructor(status: number, code: string, message: string, field?: string) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }
    get conflict(): boolean {
        return this.status === 412;
    }
}

let csrfToken = '';
export function setCsrf(token: string) {
    csrfToken = token;
}

/** Called when any request answers 401 (the session ended). */
let onUnauthorized: (() => void) | null = null;
export function setUnauthorizedHandler(f: (() => void) | null) {
    onUnauthorized = f;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function qs(query?: Query): string {
    if (!query) return '';
    const parts: string[] = [];
    for (const [k, v] of Object.entries(query)) {
        if (v === undefined || v === null || v === '') continue;
        parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
    }
    return parts.length ? `?${parts.join('&')}` : '';
}

export interface ReqOpts {
    query?: Query;
    body?: unknown;
    ifMatch?: number | string;
    /** do not call the 401 handler (sign-in, the first /me) */
    quiet401?: boolean;
}

export async function request<T>(method: string, path: string, opts: ReqOpts = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    let body: string | undefined;
    if (opts.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(opts.body);
    }
    if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    if (opts.ifMatch !== undefined) headers['If-Match'] = `"${opts.ifMatch}"`;
    let res: Response;
    try {
        res = await fetch(`/api/v1${path}${qs(opts.query)}`, {
            method,
            headers,
            body,
            credentials: 'same-origin',
        });
    } catch {
        throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
    }
    const text = await res.text();
    let json: unknown = undefined;
    if (text) {
        try {
            json = JSON.parse(text);
        } catch {
            json = undefined;
        }
    }
    if (!res.ok) {
        const e = (json as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
        const err = new ApiError(
            res.status,
            e?.code || 'http_' + res.status,
            e?.message || `The server answered ${res.status} ${res.statusText}.`,
            e?.field,
        );
        if (res.status === 401 && !opts.quiet401 && onUnauthorized) onUnauthorized();
        throw err;
    }
    return json as T;
}

export const get = <T>(path: string, query?: Query, quiet401 = false) =>
    request<T>('GET', path, { query, quiet401 });
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} });
export const patch = <T>(path: string, body: unknown, version: number | string) =>
    request<T>('PATCH', path, { body, ifMatch: version });
export const del = <T>(path: string, version?: number | string) =>
    request<T>('DELETE', path, { ifMatch: version });

/** Every item of a list, following next_cursor (at most `max` items). */
export async function listAll<T>(path: string, query: Query = {}, max = 20000): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    do {
        const page: Page<T> = await get<Page<T>>(path, { ...query, limit: 500, cursor });
        out.push(...page.items);
        cursor = page.next_cursor;
    } while (cursor && out.length < max);
    return out;
}

/* ---- records ---- */

// The records of the table-driven entities are typed from the server's own OpenAPI document
// (`haldus openapi`, turned into src/gen/openapi.d.ts by openapi-typescript at build time).
type Schemas = components['schemas'];
export type Person = Schemas['Person'];
export type Case = Schemas['Case']; // a mediation case (the page adds its timeline's types)
export type Assistant = Schemas['Assistant'];
export type Principal = Schemas['Principal'];
/** An absence; approving answers it with the plan of its days (AbsenceApproved). */
export type Absence = Schemas['Absence'] & { coverage_plan?: Plan | null; coverage_error?: string };
export type WorkPattern = Schemas['WorkPattern'];
export type Skill = Schemas['Skill'];
export type Duty = Schemas['Duty'];
export type AssistantSkill = Schemas['AssistantSkill'];
export type PrincipalDuty = Schemas['PrincipalDuty'];
export type DesignatedBackup = Schemas['DesignatedBackup'];

/* ---- answers the OpenAPI document does not describe yet (its schema is a bare object) ---- */

export interface SupportRow {
    assignment_id: number;
    kind: 'primary' | 'secondary' | 'backup';
    share: number;
    start_date: string;
    end_date: string | null;
    assistant_id?: number;
    principal_id?: number;
    name: string;
    email: string;
    office: string;
}
export interface Supporters {
    principal: Principal;
    date: string;
    supporters: SupportRow[];
    designated_backups: { rank: number; assistant_id: number; name: string; email: string; office: string }[];
}
export interface PrincipalsOf {
    assistant: Assistant;
    date: string;
    principals: SupportRow[];
}
export interface Session {
    id: number;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    address: string;
    user_agent: string;
    current: boolean;
}

/* ---- coverage (docs/api.md, "Coverage") ---- */

export type DayState = 'none' | 'covered' | 'backup' | 'gap';
export interface CoverageDay {
    date: string;
    slots: number;
    covered: number;
    backup: number;
    gaps: number;
    state: DayState;
    /** Slots in which a primary assistant is away (a secondary, a backup or no one covers). */
    primary_away?: number;
    primary_away_assistant?: { id: number; name: string };
}
export interface CoveragePrincipal {
    id: number;
    name: string;
    office: string;
    department: string;
    priority: number;
    time_zone?: string;
    days: CoverageDay[];
}
export interface Cover {
    id: number;
    version?: number;
    principal_id: number;
    principal_name?: string;
    assistant_id: number;
    assistant_name: string;
    start_at: string;
    end_at: string;
    status?: 'proposed' | 'accepted' | string;
    plan_id?: number;
    slots?: number;
    reason: string;
}
export interface Gap {
    principal_id: number;
    principal_name?: string;
    start_at: string;
    end_at: string;
    slots?: number;
    reason?: string;
}
export interface Coverage {
    from: string;
    to: string;
    slot_minutes: number;
    days: string[];
    principals: CoveragePrincipal[];
    covers: Cover[];
    gaps: Gap[];
    /** The next page of principals (GET /coverage?cursor=…), null on the last page. */
    next_cursor?: string | null;
}
export interface Plan {
    id: number;
    from: string;
    to: string;
    engine: string;
    status: string;
    objective?: Record<string, number>;
    covers: Cover[];
    open_gaps: Gap[];
    stats?: Record<string, unknown>;
}
export type PlannerSettings = Record<string, unknown>;
/** GET /absences/{id}/impact: what approving would do, nothing saved. The covers and open gaps
 * are the gaps of the absent person's executives on the absence's days, as the planner sees
 * them with the absence approved (the server expands everyone's working hours). */
export interface AbsenceImpact {
    absence_id: number;
    person_id: number;
    /** Whether the absent person is an assistant (else no executive loses support). */
    assistant: boolean;
    status: string;
    from: string;
    to: string;
    slot_minutes: number;
    covers: Cover[];
    open_gaps: Gap[];
    /** The executives the person supports on those days, each as docs/api.md describes. */
    principals: ImpactPrincipal[];
    /** The person's own accepted covers for others that approving releases and re-plans, one
     * entry per executive (from/to: the executive's local dates). */
    own_covers_released?: { principal_id: number; principal_name: string; cover_ids: number[]; from: string; to: string; message: string }[];
}
export interface ImpactRun {
    start_at: string;
    end_at: string;
    slots: number;
}
export interface ImpactPrincipal {
    principal_id: number;
    name: string;
    time_zone: string;
    /** How the absent person supports this executive: primary or secondary. */
    kind: string;
    /** Slots left without support because of this absence. */
    caused_slots: number;
    caused_gaps: ImpactRun[];
    /** Slots without support on those days anyway. */
    existing_slots: number;
    existing_gaps: ImpactRun[];
    /** The executive's other assistants working while the person would have; whole: all of it. */
    covered_by: { assistant_id: number; name: string; kind: string; slots: number; whole: boolean }[];
    designated_backups: { assistant_id: number; name: string; rank: number; away: boolean }[];
}
