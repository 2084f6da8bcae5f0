// limited.tsx: a person's page for someone who may not read that person's record (an assistant
// opening a colleague, a link to a cover that has ended): instead of an error, what they may see
// (the name, e-mail and office that the supporters views of their own executives show, and
// whom they share) or a plain explanation.
import { PrincipalsOf, Supporters, get } from '../../api';
import { useAuth } from '../../auth';
import { t } from '../../i18n';
import { href } from '../../router';
import { PageHead, Show, useAsync } from '../../components/ui';

interface Known {
    name: string;
    email: string;
    office: string;
    shared: { id: number; name: string }[];
}

async function findKnown(role: string, me: number, id: number): Promise<Known | null> {
    let views: { principal: { id: number; name: string }; s: Supporters }[] = [];
    if (role === 'assistant') {
        const mine = await get<PrincipalsOf>(`/assistants/${me}/principals`);
        views = await Promise.all(
            mine.principals.map(async (p) => ({ principal: { id: p.principal_id!, name: p.name }, s: await get<Supporters>(`/principals/${p.principal_id}/supporters`) })),
        );
    } else if (role === 'principal') {
        const s = await get<Supporters>(`/principals/${me}/supporters`);
        views = [{ principal: { id: me, name: s.principal.name }, s }];
    }
    let found: Known | null = null;
    for (const v of views) {
        const row = v.s.supporters.find((x) => x.assistant_id === id) || v.s.designated_backups.find((x) => x.assistant_id === id);
        if (!row) continue;
        found = found || { name: row.name, email: row.email, office: row.office, shared: [] };
        if (role === 'assistant') found.shared.push(v.principal);
    }
    return found;
}

export function LimitedProfile({ id }: { id: number }) {
    const { account } = useAuth();
    const known = useAsync(() => findKnown(account.role, account.person_id || 0, id), [id, account.person_id]);
    return (
        <Show a={known} what={t('wb.loading')}>
            {(k) =>
                k ? (
                    <section class="profile limited">
                        <PageHead title={k.name} />
                        <p class="notice">{t('wb.limited.partial')}</p>
                        <dl class="facts">
                            <dt>{t('wb.field.email')}</dt>
                            <dd>
                                <a href={`mailto:${k.email}`}>{k.email}</a>
                            </dd>
                            <dt>{t('wb.field.office')}</dt>
                            <dd>{k.office}</dd>
                            {k.shared.length > 0 && (
                                <>
                                    <dt>{t('wb.limited.shared')}</dt>
                                    <dd>
                                        {k.shared.map((p, i) => (
                                            <span key={p.id}>
                                                {i > 0 && ', '}
                                                <a href={href(`/people/principal/${p.id}`)}>{p.name}</a>
                                            </span>
                                        ))}
                                    </dd>
                                </>
                            )}
                        </dl>
                    </section>
                ) : (
                    <section class="profile limited">
                        <PageHead title={t('wb.limited.title')} />
                        <p>{t('wb.limited.text')}</p>
                        <p>
                            <a href={href('/')}>{t('wb.limited.home')}</a>
                        </p>
                    </section>
                )
            }
        </Show>
    );
}
