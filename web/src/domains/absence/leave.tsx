// Leave: assistants and executives request their own; managers approve or reject, seeing the
// coverage impact first, and get the planner's proposed covers with the approval.
import { useState } from 'preact/hooks';
import { Absence, Page, get } from '../../api';
import { usePagedList } from '../../components/hooks';
import { isManager, useAuth } from '../../auth';
import * as store from '../../store';
import { AbsenceCard, RequestForm } from '../../components/absence';
import { StandinNotice, Standins, useStandinToday } from '../leave/leave-ui';
import { today } from '../../time';
import { t } from '../../i18n';
import { Empty, PageHead, Select, Show, ShowMore, useAsync } from '../../components/ui';

export function Leave({ query }: { query: URLSearchParams }) {
    const { account } = useAuth();
    return isManager(account.role) ? <ManagerLeave query={query} /> : <OwnLeave />;
}

/* ---------- a manager's view ---------- */

function ManagerLeave({ query }: { query: URLSearchParams }) {
    const [status, setStatus] = useState(query.get('status') || 'requested');
    const [showForm, setShowForm] = useState(false);
    const list = usePagedList<Absence>('/absences', { status: status === 'all' ? undefined : status }, 100, [status]);
    const people = useAsync(() => store.peopleById(), []);

    return (
        <section>
            <PageHead title={t('leave.title')}>
                <button type="button" class="btn" aria-expanded={showForm ? 'true' : 'false'} onClick={() => setShowForm(!showForm)}>
                    {t('absence.record')}
                </button>
            </PageHead>
            {showForm && (
                <RequestForm
                    manager
                    onDone={() => {
                        setShowForm(false);
                        list.reload();
                    }}
                />
            )}
            <form class="filters" onSubmit={(e) => e.preventDefault()}>
                <Select
                    label={t('leave.status')}
                    value={status}
                    onValue={setStatus}
                    options={[
                        ['requested', t('leave.filter.requested')],
                        ['approved', t('leave.filter.approved')],
                        ['rejected', t('leave.filter.rejected')],
                        ['cancelled', t('leave.filter.cancelled')],
                        ['all', t('leave.filter.all')],
                    ]}
                />
            </form>
            {/* The cards name the people: the list shows once both are in. */}
            <Show a={people} what={t('leave.loading')}>
                {(byId) => (
                    <Show a={list} what={t('leave.loading')}>
                        {(d) =>
                            d.items.length === 0 ? (
                                <Empty>{status === 'requested' ? t('leave.noneWaiting') : t('leave.noneStatus')}</Empty>
                            ) : (
                                <>
                                    <ul class="absences">
                                        {d.items
                                            .slice()
                                            .sort((a, b) => a.start_at.localeCompare(b.start_at))
                                            .map((a) => (
                                                <AbsenceCard key={a.id} absence={a} person={byId.get(a.person_id)} manager onChanged={list.reload} />
                                            ))}
                                    </ul>
                                    <ShowMore list={list} />
                                </>
                            )
                        }
                    </Show>
                )}
            </Show>
            {people.data && <Standins people={[...people.data.values()]} />}
        </section>
    );
}

/* ---------- a stand-in approver's view: the requests they decide in a manager's place ---------- */

function StandinLeave({ pid }: { pid: number }) {
    const standin = useStandinToday(pid);
    if (!standin) return null;
    return <StandinRequests pid={pid} standin={standin} />;
}

function StandinRequests({ pid, standin }: { pid: number; standin: NonNullable<ReturnType<typeof useStandinToday>> }) {
    const list = usePagedList<Absence>('/absences', { status: 'requested' }, 100, [pid, standin.id]);
    const people = useAsync(() => store.peopleById(), [pid, standin.id]);
    return (
        <section class="standin-requests" aria-labelledby="standin-h">
            <h2 id="standin-h">{t('leave.standin.toDecide')}</h2>
            <Show a={people} what={t('leave.loading')}>
                {(byId) => (
                    <>
                        <StandinNotice standin={standin} people={byId} />
                        <Show a={list} what={t('leave.loading')}>
                            {(d) => {
                                // Their own requests are theirs to see, not to decide.
                                const items = d.items.filter((a) => a.person_id !== pid).sort((a, b) => a.start_at.localeCompare(b.start_at));
                                return items.length === 0 ? (
                                    <Empty>{t('leave.noneWaiting')}</Empty>
                                ) : (
                                    <>
                                        <ul class="absences">
                                            {items.map((a) => (
                                                <AbsenceCard key={a.id} absence={a} person={byId.get(a.person_id)} standin onChanged={list.reload} />
                                            ))}
                                        </ul>
                                        <ShowMore list={list} />
                                    </>
                                );
                            }}
                        </Show>
                    </>
                )}
            </Show>
        </section>
    );
}

function OwnLeave() {
    const { account, person } = useAuth();
    const pid = account.person_id;
    const list = useAsync(
        () => (pid ? get<Page<Absence>>('/absences', { person_id: pid, limit: 200 }) : Promise.resolve({ items: [], next_cursor: null })),
        [pid],
    );
    const [showForm, setShowForm] = useState(false);
    const [notice, setNotice] = useState<string | null>(null);
    if (!pid)
        return (
            <section>
                <PageHead title={t('leave.title')} />
                <Empty>{t('leave.noPerson')}</Empty>
            </section>
        );
    const day = today();
    return (
        <section>
            <PageHead title={t('leave.own')}>
                <button type="button" class="btn primary" aria-expanded={showForm ? 'true' : 'false'} onClick={() => setShowForm(!showForm)}>
                    {t('absence.request')}
                </button>
            </PageHead>
            {notice && (
                <p class="notice" role="status">
                    {notice}
                </p>
            )}
            <StandinLeave pid={pid} />
            {showForm && (
                <RequestForm
                    onDone={() => {
                        setShowForm(false);
                        setNotice(t('leave.sent'));
                        list.reload();
                    }}
                />
            )}
            <Show a={list} what={t('leave.loadingOwn')}>
                {(page) => {
                    const items = page.items.slice().sort((a, b) => b.start_at.localeCompare(a.start_at));
                    const upcoming = items.filter((a) => a.end_at.slice(0, 10) >= day);
                    const past = items.filter((a) => a.end_at.slice(0, 10) < day);
                    return (
                        <>
                            <h2>{t('leave.upcoming')}</h2>
                            {upcoming.length === 0 ? (
                                <Empty>{t('leave.noUpcoming')}</Empty>
                            ) : (
                                <ul class="absences">
                                    {upcoming.map((a) => (
                                        <AbsenceCard key={a.id} absence={a} person={person || undefined} onChanged={list.reload} showName={false} />
                                    ))}
                                </ul>
                            )}
                            <h2>{t('leave.earlier')}</h2>
                            {past.length === 0 ? (
                                <Empty>{t('leave.noEarlier')}</Empty>
                            ) : (
                                <ul class="absences">
                                    {past.map((a) => (
                                        <AbsenceCard key={a.id} absence={a} person={person || undefined} onChanged={list.reload} showName={false} />
                                    ))}
                                </ul>
                            )}
                        </>
                    );
                }}
            </Show>
        </section>
    );
}
