// People: the directory of assistants and executives, with search and filters.
import { useEffect, useState } from 'preact/hooks';
import { Assistant, Principal } from '../../api';
import { usePagedList } from '../../components/hooks';
import { href, navigate } from '../../router';
import * as store from '../../store';
import { Empty, PageHead, Select, Show, ShowMore, useAsync, useId } from '../../components/ui';

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
        const t = setTimeout(() => set({ q: text.trim() }), 250);
        return () => clearTimeout(t);
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
            <PageHead title="People">
                <a class="btn" href={href('/people/new/assistant')}>
                    New assistant
                </a>
                <a class="btn" href={href('/people/new/principal')}>
                    New executive
                </a>
            </PageHead>
            <div class="tabs" role="group" aria-label="Show">
                <button type="button" class="tab" aria-pressed={kind === 'assistant' ? 'true' : 'false'} onClick={() => set({ kind: 'assistant', department: '' })}>
                    Assistants
                </button>
                <button type="button" class="tab" aria-pressed={kind === 'principal' ? 'true' : 'false'} onClick={() => set({ kind: 'principal' })}>
                    Executives
                </button>
            </div>
            <form class="filters" role="search" onSubmit={(e) => { e.preventDefault(); set({ q: text.trim() }); }}>
                <div class="field grow">
                    <label for={searchId}>Search by name</label>
                    <input id={searchId} type="search" value={text} placeholder="First letters of the name" onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)} />
                </div>
                <Select label="Office" value={office} onValue={(v) => set({ office: v })} options={[['', 'All offices'], ...(options.data?.offices || [])]} />
                {kind === 'principal' && (
                    <Select
                        label="Department"
                        value={department}
                        onValue={(v) => set({ department: v })}
                        options={[['', 'All departments'], ...(options.data?.departments || [])]}
                    />
                )}
                <Select
                    label="Status"
                    value={active}
                    onValue={(v) => set({ active: v })}
                    options={[
                        ['true', 'Active'],
                        ['false', 'Left'],
                        ['all', 'All'],
                    ]}
                />
            </form>
            <Show a={list} what={kind === 'assistant' ? 'Loading assistants' : 'Loading executives'}>
                {(d) =>
                    d.items.length === 0 ? (
                        <Empty>No {kind === 'assistant' ? 'assistants' : 'executives'} match.{q || office || department ? ' Try fewer filters.' : ''}</Empty>
                    ) : (
                        <>
                            <div class="table-wrap">
                                <table class="list people">
                                    <caption class="sr-only">{kind === 'assistant' ? 'Assistants' : 'Executives'}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">Name</th>
                                            <th scope="col">Office</th>
                                            {kind === 'principal' ? (
                                                <>
                                                    <th scope="col">Title</th>
                                                    <th scope="col">Department</th>
                                                    <th scope="col">Priority</th>
                                                </>
                                            ) : (
                                                <>
                                                    <th scope="col">Hours / week</th>
                                                    <th scope="col">Capacity</th>
                                                    <th scope="col">Experience</th>
                                                </>
                                            )}
                                            <th scope="col" class="hide-narrow">
                                                E-mail
                                            </th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {d.items.map((p) => (
                                            <tr key={p.id}>
                                                <td>
                                                    <a href={href(`/people/${kind}/${p.id}`)}>{p.name}</a>
                                                    {!p.active && <span class="badge st-cancelled">left</span>}
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
                                                        <td>{(p as Assistant).capacity} executives</td>
                                                        <td>{(p as Assistant).experience_years} {(p as Assistant).experience_years === 1 ? 'year' : 'years'}</td>
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
