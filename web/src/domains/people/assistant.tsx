// An assistant's own pages: their schedule and the executives they support.
import { Absence, Cover, Page, PrincipalsOf, Supporters, get } from '../../api';
import { useAuth } from '../../auth';
import { href } from '../../router';
import { absenceDays, addDays, fmtDate, fmtRange, localDate, localTime, today } from '../../time';
import { Empty, PageHead, Show, StatusBadge, useAsync } from '../../components/ui';
import { MiniBoard } from '../../components/coverage-grid';
import { HoursSection, SupportersCard } from '../../components/people';
import { supportKind } from '../../components/impact';
import { kindLabel } from '../../components/absence';
import { t } from '../../i18n';

export function Schedule() {
    const { account, person } = useAuth();
    const id = account.person_id || 0;
    const principals = useAsync(() => get<PrincipalsOf>(`/assistants/${id}/principals`, { date: today() }), [id]);
    const leave = useAsync(() => get<Page<Absence>>('/absences', { person_id: id, limit: 200 }), [id]);
    const day = today();
    const covers = useAsync(() => get<Page<Cover>>('/coverage/covers', { from: day, to: addDays(day, 27) }), [id, day]);
    const tz = person?.time_zone || 'UTC';
    return (
        <section>
            <PageHead title={t('nav.schedule')} />
            <div class="cards">
                <section class="card">
                    <h2>{t('mine.todaySupport')}</h2>
                    <Show a={principals} what={t('ui.loading')}>
                        {(d) =>
                            d.principals.length === 0 ? (
                                <Empty>{t('mine.noExecutiveToday')}</Empty>
                            ) : (
                                <ul class="plain">
                                    {d.principals.map((p) => (
                                        <li key={p.assignment_id}>
                                            <a href={href(`/people/principal/${p.principal_id}`)}>{p.name}</a> — {supportKind(p.kind)} ({p.office})
                                        </li>
                                    ))}
                                </ul>
                            )
                        }
                    </Show>
                </section>
                <section class="card">
                    <h2>{t('mine.youCover')}</h2>
                    <Show a={covers} what={t('mine.loadingCovers')}>
                        {(page) =>
                            page.items.length === 0 ? (
                                <Empty>{t('mine.noCover')}</Empty>
                            ) : (
                                <ul class="plain" aria-label={t('mine.yourCovers')}>
                                    {page.items.map((c) => (
                                        <li key={c.id}>
                                            <a href={href(`/people/principal/${c.principal_id}`)}>{c.principal_name}</a>,{' '}
                                            {fmtDate(localDate(c.start_at, tz))} {localTime(c.start_at, tz)}–
                                            {localTime(c.end_at, tz)} <StatusBadge status={c.status || 'proposed'} />
                                        </li>
                                    ))}
                                </ul>
                            )
                        }
                    </Show>
                </section>
                <HoursSection id={id} tz={person?.time_zone || ''} title={t('mine.hours')} />
                <section class="card">
                    <h2>{t('mine.leave')}</h2>
                    <Show a={leave} what={t('leave.loadingOwn')}>
                        {(page) => {
                            const upcoming = page.items.filter((a) => a.end_at.slice(0, 10) >= day && a.status !== 'cancelled');
                            return upcoming.length === 0 ? (
                                <Empty>{t('leave.noUpcoming')}</Empty>
                            ) : (
                                <ul class="plain">
                                    {upcoming.map((a) => {
                                        const { first, last } = absenceDays(a.start_at, a.end_at, person?.time_zone || 'UTC');
                                        return (
                                            <li key={a.id}>
                                                {kindLabel(a.kind)}, {fmtRange(first, last)} <StatusBadge status={a.status} />
                                                {a.status === 'rejected' && a.decision_note && <span class="hint block">{t('absence.reason', { note: a.decision_note })}</span>}
                                            </li>
                                        );
                                    })}
                                </ul>
                            );
                        }}
                    </Show>
                    <p>
                        <a href={href('/leave')}>{t('mine.manageLeave')}</a>
                    </p>
                </section>
            </div>
            <MiniBoard title={t('mine.board')} weeks={4} />
        </section>
    );
}

export function MyPrincipals() {
    const { account } = useAuth();
    const id = account.person_id || 0;
    const principals = useAsync(() => get<PrincipalsOf>(`/assistants/${id}/principals`, { date: today() }), [id]);
    return (
        <section>
            <PageHead title={t('nav.myPrincipals')} />
            <Show a={principals} what={t('mine.loadingExecutives')}>
                {(d) =>
                    d.principals.length === 0 ? (
                        <Empty>{t('mine.supportNone')}</Empty>
                    ) : (
                        <div class="cards">
                            {d.principals.map((p) => (
                                <PrincipalCard key={p.assignment_id} id={p.principal_id!} kind={p.kind} />
                            ))}
                        </div>
                    )
                }
            </Show>
        </section>
    );
}

function PrincipalCard({ id, kind }: { id: number; kind: string }) {
    const s = useAsync(() => get<Supporters>(`/principals/${id}/supporters`, { date: today() }), [id]);
    return (
        <section class="card">
            <Show a={s} what={t('ui.loading')}>
                {(d) => (
                    <>
                        <h2>
                            <a href={href(`/people/principal/${id}`)}>{d.principal.name}</a>
                        </h2>
                        <p class="subtitle">
                            {d.principal.title}
                            {d.principal.title ? ', ' : ''}
                            {d.principal.department} · {d.principal.office} · {t('mine.youAre', { kind: supportKind(kind) })}
                        </p>
                        <p>
                            <a href={`mailto:${d.principal.email}`}>{d.principal.email}</a>
                            {d.principal.phone ? ` · ${d.principal.phone}` : ''}
                        </p>
                    </>
                )}
            </Show>
            <SupportersCard a={s} title={t('mine.theirAssistants')} />
        </section>
    );
}
