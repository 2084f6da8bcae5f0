// An executive's page: who supports them, and who covers when their assistant is away.
import { Absence, Coverage, Supporters, get, listAll } from '../../api';
import { useAuth } from '../../auth';
import * as store from '../../store';
import { absenceDays, addDays, fmtRange, fmtSpan, iso, today } from '../../time';
import { Empty, PageHead, Show, StatusBadge, useAsync } from '../../components/ui';
import { MiniBoard } from '../../components/coverage-grid';
import { HoursSection } from '../../components/people';
import { WhoSupports } from './support-day';
import { kindLabel } from '../../components/absence';
import { t } from '../../i18n';

export function Support() {
    const { account, person } = useAuth();
    const id = account.person_id || 0;
    const tz = person?.time_zone || 'UTC';
    const away = useAsync(async () => {
        const s = await get<Supporters>(`/principals/${id}/supporters`, { date: today() });
        const from = today();
        const to = addDays(from, 55);
        const mine = s.supporters.filter((x) => x.kind !== 'backup');
        const ids = [...new Set(mine.map((x) => x.assistant_id!))];
        const names = new Map<number, string>(mine.map((x): [number, string] => [x.assistant_id!, x.name]));
        const absences = (
            await Promise.all(
                ids.map((pid) =>
                    listAll<Absence>('/absences', { person_id: pid, from: iso(Date.parse(`${from}T00:00:00Z`) - 86400000), to: iso(Date.parse(`${to}T00:00:00Z`) + 86400000) }),
                ),
            )
        )
            .flat()
            .filter((a) => a.status === 'approved' || a.status === 'requested')
            .sort((a, b) => a.start_at.localeCompare(b.start_at));
        let covers: Coverage['covers'] = [];
        let coverError: unknown = null;
        try {
            const c = await get<Coverage>('/coverage', { from, to });
            covers = c.covers.filter((x) => x.principal_id === id);
        } catch (e) {
            coverError = e;
        }
        const people = await store.peopleById().catch(() => new Map());
        return { absences, names, covers, coverError, people };
    }, [id]);

    return (
        <section>
            <PageHead title={t('nav.support')} />
            <div class="cards">
                <WhoSupports principalId={id} tz={tz} />
                <section class="card wide">
                    <h2>{t('mine.whenAway')}</h2>
                    <Show a={away} what={t('mine.loadingAway')}>
                        {(d) =>
                            d.absences.length === 0 ? (
                                <Empty>{t('mine.noneAway')}</Empty>
                            ) : (
                                <ul class="plain away">
                                    {d.absences.map((a) => {
                                        const ptz = d.people.get(a.person_id)?.time_zone || tz;
                                        const { first, last } = absenceDays(a.start_at, a.end_at, ptz);
                                        const during = d.covers.filter((c) => c.start_at < a.end_at && c.end_at > a.start_at);
                                        return (
                                            <li key={a.id} class="card-row">
                                                <p>
                                                    <strong>{d.names.get(a.person_id) || `#${a.person_id}`}</strong> {t('mine.isAway', { range: fmtRange(first, last), kind: kindLabel(a.kind) })}{' '}
                                                    <StatusBadge status={a.status} />
                                                </p>
                                                {a.status === 'requested' ? (
                                                    <p class="muted">{t('mine.notApproved')}</p>
                                                ) : during.length ? (
                                                    <ul class="plain covers-list">
                                                        {during.map((c) => (
                                                            <li key={c.id}>
                                                                {t('mine.coveredBy')} <strong>{c.assistant_name}</strong>: {fmtSpan(c.start_at, c.end_at, tz)}{' '}
                                                                <StatusBadge status={c.status || 'proposed'} />
                                                            </li>
                                                        ))}
                                                    </ul>
                                                ) : d.coverError ? (
                                                    <p class="muted">{t('mine.coversUnavailable')}</p>
                                                ) : (
                                                    <p class="muted">{t('mine.noBackupYet')}</p>
                                                )}
                                            </li>
                                        );
                                    })}
                                </ul>
                            )
                        }
                    </Show>
                </section>
                <HoursSection id={id} tz={tz} title={t('mine.needHours')} />
            </div>
            <MiniBoard title={t('mine.yourBoard')} weeks={4} />
        </section>
    );
}
