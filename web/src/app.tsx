// app.tsx: the shell: sign-in state, role-dependent navigation, the page switch.
import type { ComponentType } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { Account, ApiError, Person, Role, get, request, setCsrf, setUnauthorizedHandler } from './api';
import { AuthContext, isManager } from './auth';
import { setLang, t, useLang, type Key } from './i18n';
import { href, match, navigate, useRoute } from './router';
import { invalidate } from './store';
import { ErrorBox, Loading, PageHead } from './components/ui';
import { SignIn } from './domains/account/signin';
import { Account as AccountPage } from './domains/account/account';
import { Today } from './domains/today/today';
import { Board } from './domains/coverage/board';
import { Leave } from './domains/absence/leave';
import { People } from './domains/people/people';
import { Profile, NewPerson } from './domains/people/person';
import { Settings } from './domains/settings/settings';
import { Schedule, MyPrincipals } from './domains/people/assistant';
import { Support } from './domains/people/principal';
import { Cases, CasePage, MyReports } from './domains/mediation/cases';
import { CorrespondencePage, MessagesPage, MyDayPage, WeekPlanPage } from './domains/desk/desk';
import { Meetings } from './domains/meeting/meetings';
import { MailPage } from './domains/mail/mail';
import { Matching } from './domains/fit/fit';
import { CoursePage, MyTraining, SessionPage, TrainingPage } from './domains/training/training';
import { NewCoursePage } from './domains/training/course-form';
import { NewSessionPage } from './domains/training/session-form';
import { BudgetPage } from './domains/training/budget';
import { ApplicationPage, RecruitBoardPage, RecruitPage } from './domains/recruit/recruit';
import { CandidatePage, MyInterviewsPage } from './domains/recruit/interview';

const M: Role[] = ['manager', 'admin'];
const ALL: Role[] = ['manager', 'admin', 'assistant', 'principal'];

interface PageDef {
    pattern: string;
    roles: Role[];
    component: ComponentType<{ params: Record<string, string>; query: URLSearchParams }>;
}

const PAGES: PageDef[] = [
    { pattern: '/today', roles: M, component: Today },
    { pattern: '/board', roles: M, component: Board },
    { pattern: '/leave', roles: ALL, component: Leave },
    { pattern: '/people', roles: M, component: People },
    { pattern: '/people/new/:kind', roles: M, component: NewPerson },
    { pattern: '/people/:kind/:id', roles: ALL, component: Profile },
    { pattern: '/settings', roles: M, component: Settings },
    { pattern: '/settings/mail', roles: M, component: MailPage },
    { pattern: '/schedule', roles: ['assistant'], component: Schedule },
    { pattern: '/my-principals', roles: ['assistant'], component: MyPrincipals },
    { pattern: '/support', roles: ['principal'], component: Support },
    { pattern: '/account', roles: ALL, component: AccountPage },
    { pattern: '/cases', roles: ['manager'], component: Cases },
    { pattern: '/cases/:id', roles: ['manager', 'assistant', 'principal'], component: CasePage },
    { pattern: '/my-reports', roles: ['assistant', 'principal'], component: MyReports },
    { pattern: '/my-day', roles: ['assistant'], component: MyDayPage },
    { pattern: '/messages', roles: ['principal', 'assistant'], component: MessagesPage },
    { pattern: '/correspondence', roles: ALL, component: CorrespondencePage },
    { pattern: '/week-plan', roles: M, component: WeekPlanPage },
    { pattern: '/meetings', roles: ALL, component: Meetings },
    { pattern: '/matching', roles: M, component: Matching },
    { pattern: '/training', roles: M, component: TrainingPage },
    { pattern: '/training/course/:id', roles: ALL, component: CoursePage },
    { pattern: '/training/session/:id', roles: ALL, component: SessionPage },
    { pattern: '/training/courses/new', roles: M, component: NewCoursePage },
    { pattern: '/training/course/:id/new-session', roles: M, component: NewSessionPage },
    { pattern: '/training/budget', roles: M, component: BudgetPage },
    { pattern: '/my-training', roles: ['assistant'], component: MyTraining },
    { pattern: '/recruit', roles: M, component: RecruitPage },
    { pattern: '/recruit/application/:id', roles: M, component: ApplicationPage },
    { pattern: '/recruit/:id', roles: M, component: RecruitBoardPage },
    { pattern: '/my-interviews', roles: ALL, component: MyInterviewsPage },
    { pattern: '/recruit/candidate/:id', roles: ALL, component: CandidatePage },
];

interface NavItem {
    path: string;
    label: Key;
}

function navFor(role: Role): NavItem[] {
    switch (role) {
        case 'manager':
        case 'admin':
            return [
                { path: '/today', label: 'nav.today' },
                { path: '/board', label: 'nav.board' },
                { path: '/leave', label: 'nav.leave' },
                { path: '/meetings', label: 'meetings.nav' },
                { path: '/people', label: 'nav.people' },
                { path: '/settings', label: 'nav.settings' },
                // Cases are the manager role's: an admin is not shown them (docs/security.md).
                ...(role === 'manager' ? [{ path: '/cases', label: 'nav.cases' } as NavItem] : []),
                { path: '/week-plan', label: 'nav.weekPlan' },
                { path: '/correspondence', label: 'nav.correspondence' },
                { path: '/matching', label: 'fit.nav' },
                { path: '/training', label: 'training.nav' },
                { path: '/recruit', label: 'recruit.nav' },
                { path: '/my-interviews', label: 'recruit.iv.mine' },
            ];
        case 'assistant':
            return [
                { path: '/schedule', label: 'nav.schedule' },
                { path: '/my-principals', label: 'nav.myPrincipals' },
                { path: '/meetings', label: 'meetings.nav' },
                { path: '/leave', label: 'nav.leave' },
                { path: '/my-reports', label: 'nav.myReports' },
                { path: '/my-day', label: 'nav.myDay' },
                { path: '/correspondence', label: 'nav.correspondence' },
                { path: '/my-training', label: 'training.navMine' },
                { path: '/my-interviews', label: 'recruit.iv.mine' },
            ];
        default:
            return [
                { path: '/support', label: 'nav.support' },
                { path: '/meetings', label: 'meetings.nav' },
                { path: '/leave', label: 'nav.leave' },
                { path: '/my-reports', label: 'nav.myReports' },
                { path: '/messages', label: 'nav.messages' },
                { path: '/correspondence', label: 'nav.correspondence' },
                { path: '/my-interviews', label: 'recruit.iv.mine' },
            ];
    }
}

export function homeFor(role: Role): string {
    return isManager(role) ? '/today' : role === 'assistant' ? '/schedule' : '/support';
}

type State = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'out'; ended?: boolean } | { kind: 'in'; account: Account; person: Person | null };

export function App() {
    const [state, setState] = useState<State>({ kind: 'loading' });
    const lang = useLang();

    const load = useCallback(async () => {
        try {
            // GET /session answers {account: null} when nobody is signed in: no 401 in the console.
            const me = await get<{ account: Account | null; csrf_token?: string }>('/session', undefined, true);
            if (!me.account) {
                setState({ kind: 'out' });
                return;
            }
            setCsrf(me.csrf_token || '');
            // The account's language wins over the browser's (and is remembered here for the
            // sign-in page).
            if (me.account.lang === 'et' || me.account.lang === 'en') setLang(me.account.lang);
            let person: Person | null = null;
            if (me.account.person_id) {
                try {
                    person = await get<Person>(`/people/${me.account.person_id}`);
                } catch {
                    person = null;
                }
            }
            setState({ kind: 'in', account: me.account, person });
        } catch (e) {
            if (e instanceof ApiError && e.status === 401) setState({ kind: 'out' });
            else setState({ kind: 'error', error: e });
        }
    }, []);

    useEffect(() => {
        load();
        setUnauthorizedHandler(() => {
            setCsrf('');
            invalidate();
            setState({ kind: 'out', ended: true });
        });
        return () => setUnauthorizedHandler(null);
    }, [load]);

    const signOut = useCallback(async () => {
        try {
            await request('DELETE', '/session', { quiet401: true });
        } catch {
            /* signed out either way */
        }
        setCsrf('');
        invalidate();
        setState({ kind: 'out' });
        navigate('/', undefined, true);
    }, []);

    if (state.kind === 'loading') return <Loading what={t('app.starting')} />;
    if (state.kind === 'error')
        return (
            <main class="narrow" id="main">
                <h1>Haldus</h1>
                <ErrorBox error={state.error} onRetry={load} />
            </main>
        );
    if (state.kind === 'out') return <SignIn ended={state.ended} onSignedIn={load} />;
    return (
        <AuthContext.Provider value={{ account: state.account, person: state.person, signOut }}>
            <Shell key={lang} account={state.account} person={state.person} signOut={signOut} />
        </AuthContext.Provider>
    );
}

function Shell({ account, person, signOut }: { account: Account; person: Person | null; signOut: () => void }) {
    const route = useRoute();
    const atRoot = route.path === '/' || route.path === '';
    const path = atRoot ? homeFor(account.role) : route.path;
    const [menuOpen, setMenuOpen] = useState(false);
    const mainRef = useRef<HTMLElement>(null);
    const nav = navFor(account.role);
    const first = useRef(true);

    useEffect(() => {
        setMenuOpen(false);
        if (first.current) {
            first.current = false;
            return;
        }
        // Move focus to the new page's heading, for keyboard and screen-reader users.
        const t = setTimeout(() => {
            const h = document.getElementById('page-title');
            if (h) h.focus({ preventScroll: false });
        }, 0);
        return () => clearTimeout(t);
    }, [path]);

    useEffect(() => {
        if (atRoot) history.replaceState(null, '', href(path));
    }, [atRoot, path]);

    let page = null;
    for (const p of PAGES) {
        const params = match(p.pattern, path);
        if (!params) continue;
        if (!p.roles.includes(account.role)) page = <NotForRole role={account.role} />;
        else {
            const C = p.component;
            page = <C params={params} query={route.query} />;
        }
        break;
    }
    if (!page) page = <NotFound />;

    const current = (p: string) => path === p || path.startsWith(`${p}/`);

    return (
        <>
            <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>
                {t('app.skip')}
            </a>
            <header class="top">
                <a class="brand" href={href(homeFor(account.role))}>
                    <span class="logo" aria-hidden="true">H</span> Haldus
                </a>
                <button
                    type="button"
                    class="btn ghost menu-toggle"
                    aria-expanded={menuOpen ? 'true' : 'false'}
                    aria-controls="main-nav"
                    onClick={() => setMenuOpen(!menuOpen)}
                >
                    {t('app.menu')}
                </button>
                <nav id="main-nav" class={menuOpen ? 'open' : ''} aria-label={t('app.nav')}>
                    <ul>
                        {nav.map((n) => (
                            <li key={n.path}>
                                <a href={href(n.path)} aria-current={current(n.path) ? 'page' : undefined}>
                                    {t(n.label)}
                                </a>
                            </li>
                        ))}
                    </ul>
                    <div class="who">
                        <a href={href('/account')} aria-current={current('/account') ? 'page' : undefined}>
                            <span class="who-name">{person?.name || account.login}</span>
                            <span class="who-role">{t(`role.${account.role}`)}</span>
                        </a>
                        <button type="button" class="btn ghost" onClick={signOut}>
                            {t('app.signOut')}
                        </button>
                    </div>
                </nav>
            </header>
            <main id="main" ref={mainRef} tabIndex={-1}>
                {page}
            </main>
        </>
    );
}

function NotForRole({ role }: { role: Role }) {
    return (
        <section class="not-available">
            <PageHead title={t('page.notForRole.title')} />
            <p>{t('page.notForRole.text', { role: t(`role.${role}`) })}</p>
            <p>
                <a class="btn" href={href(homeFor(role))}>
                    {t('page.home')}
                </a>
            </p>
        </section>
    );
}

function NotFound() {
    return (
        <section>
            <PageHead title={t('page.notFound.title')} />
            <p>{t('page.notFound.text')}</p>
            <p>
                <a class="btn" href="#/">
                    {t('page.home')}
                </a>
            </p>
        </section>
    );
}
