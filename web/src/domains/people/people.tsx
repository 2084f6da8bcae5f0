// People: the directory of assistants and executives, with search and filters.
import { useEffect, useState } from 'preact/hooks';
import { Assistant, Principal } from '../../api';
import { usePagedList } from '../../components/hooks';
import { href, navigate } from '../../router';
import * as store from '../../store';
import { Empty, PageHead, Select, Show, ShowMore, useAsync, useId } from '../../components/ui';
import { t } from '../../i18n';

type Kind = 'assistant' | 'principal';

export function People({ query }: { query: URLSearchParams }) {
    const kind: Kind = query.get('kind') === 'principal' ? 'principal' : 'assistant';
    const q = query.get('q') || '';
    const office = query.get('office') || '';
    const department = query.get('department') || '';
    const active = query.get('active') ?? 'true';
    const [text, setText] = useState(q);
    const searchId = useId('search');

    const set = (changes: Record<string, string>) => {
        navigate('/people', { kind, q, office, department: kind === 'principal' ? department : '', active, ...changes }, true);
    };

    useEffect(() => setText(q), [q]);
    useEffect(() => {
        if (text === q) return;
        const timer = setTimeout(() => set({ q: text.trim() }), 250);
        return () => clearTimeout(timer);
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [text]);

    const options = useAsync(async () => {
        const [ppl, ps] = await Promise.all([store.people(), store.principals()]);
        return { offices: store.distinct(ppl.map((p) => p.office)), departments: store.distinct(ps.map((p) => p.department)) };
    }, []);

    const list = usePagedList<Assistant | Principal>(
        kind === 'assistant' ? '/assistants' : '/principals',
        { q, office, department: kind === 'principal' ? department : undefined, active: active === 'all' ? undefined : active },
        50,
        [kind, q, office, department, active],
    );

    return (
        <section>
            <PageHead title={t('nav.people')}>
                <a class="btn" href={href('/people/new/assistant')}>
                    {t('people.newAssistant')}
                </a>
                <a class="btn" href={href('/people/new/principal')}>
                    {t('people.newExecutive')}
                </a>
            </PageHead>
            <div class="tabs" role="group" aria-label={t('people.show')}>
                <button type="button" class="tab" aria-pressed={kind === 'assistant' ? 'true' : 'false'} onClick={() => set({ kind: 'assistant', department: '' })}>
                    {t('people.assistants')}
                </button>
                <button type="button" class="tab" aria-pressed={kind === 'principal' ? 'true' : 'false'} onClick={() => set({ kind: 'principal' })}>
                    {t('people.executives')}
                </button>
            </div>
            <form class="filters" role="search" onSubmit={(e) => { e.preventDefault(); set({ q: text.trim() }); }}>
                <div class="field grow">
                    <label for={searchId}>{t('people.search')}</label>
                    <input id={searchId} type="search" value={text} placeholder={t('people.searchHint')} onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
                </div>
                <Select label={t('filter.office')} value={office} onValue={(v) => set({ office: v })} options={[['', t('filter.allOffices')], ...(options.data?.offices || [])]} />
                {kind === 'principal' && (
                    <Select
                        label={t('filter.department')}
                        value={department}
                        onValue={(v) => set({ department: v })}
                        options={[['', t('filter.allDepartments')], ...(options.data?.departments || [])]}
                    />
                )}
                <Select
                    label={t('leave.status')}
                    value={active}
                    onValue={(v) => set({ active: v })}
                    options={[
                        ['true', t('people.active')],
                        ['false', t('people.left')],
                        ['all', t('leave.filter.all')],
                    ]}
                />
            </form>
            <Show a={list} what={kind === 'assistant' ? t('board.loadingAssistants') : t('people.loadingExecutives')}>
                {(d) =>
                    d.items.length === 0 ? (
                        <Empty>
                            {kind === 'assistant' ? t('people.noAssistants') : t('people.noExecutives')}
                            {q || office || department ? ` ${t('people.fewerFilters')}` : ''}
                        </Empty>
                    ) : (
                        <>
                            <div class="table-wrap">
                                <table class="list people">
                                    <caption class="sr-only">{kind === 'assistant' ? t('people.assistants') : t('people.executives')}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t('account.name')}</th>
                                            <th scope="col">{t('filter.office')}</th>
                                            {kind === 'principal' ? (
                                                <>
                                                    <th scope="col">{t('person.title')}</th>
                                                    <th scope="col">{t('filter.department')}</th>
                                                    <th scope="col">{t('person.priority')}</th>
                                                </>
                                            ) : (
                                                <>
                                                    <th scope="col">{t('people.hoursWeek')}</th>
                                                    <th scope="col">{t('person.capacity')}</th>
                                                    <th scope="col">{t('person.experience')}</th>
                                                </>
                                            )}
                                            <th scope="col" class="hide-narrow">
                                                {t('person.email')}
                                            </th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {d.items.map((p) => (
                                            <tr key={p.id}>
                                                <td>
                                                    <a href={href(`/people/${kind}/${p.id}`)}>{p.name}</a>
                                                    {!p.active && <span class="badge st-cancelled">{t('people.leftBadge')}</span>}
                                                </td>
                                                <td>{p.office}</td>
                                                {kind === 'principal' ? (
                                                    <>
                                                        <td>{(p as Principal).title || '—'}</td>
                                                        <td>{(p as Principal).department}</td>
                                                        <td>{(p as Principal).priority}</td>
                                                    </>
                                                ) : (
                                                    <>
                                                        <td>{(p as Assistant).contracted_hours}</td>
                                                        <td>{t('person.capacityN', { count: (p as Assistant).capacity })}</td>
                                                        <td>{t('person.years', { count: (p as Assistant).experience_years })}</td>
                                                    </>
                                                )}
                                                <td class="hide-narrow">{p.email}</td>
                                            </tr>
                                        ))}
                                    </tbody>
                                </table>
                            </div>
                            <ShowMore list={list} para />
                        </>
                    )
                }
            </Show>
        </section>
    );
}
