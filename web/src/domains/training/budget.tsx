// budget.tsx: the training budget screen (managers): the yearly budget per assistant (the
// training settings, changed with If-Match), each assistant's cost in a year against it, and the
// years side by side.
import { useState } from 'preact/hooks';
import { get, patch } from '../../api';
import { useAction } from '../../components/hooks';
import { Empty, ErrorBox, Field, PageHead, Select, Show, fieldError, formError, useAsync } from '../../components/ui';
import { fmtNumber, t } from '../../i18n';
import { href } from '../../router';
import { money, numOf } from './rows';

export interface Settings {
    version: number;
    yearly_budget: number;
    currency: string;
}
export interface Budget {
    year: number;
    yearly_budget: number;
    currency: string;
    total: number;
    assistants: { assistant_id: number; name: string; spent: number; sessions: number; left: number; over: boolean }[];
}

/** The settings form; keyed by the settings' version, so `saved` lives with the page. */
function SettingsForm({
    s,
    saved,
    setSaved,
    onSaved,
    reload,
}: {
    s: Settings;
    saved: boolean;
    setSaved: (v: boolean) => void;
    onSaved: (s: Settings) => void;
    reload: () => void;
}) {
    const [budget, setBudget] = useState(String(s.yearly_budget));
    const [currency, setCurrency] = useState(s.currency);
    const a = useAction(reload);
    const fields = ['yearly_budget', 'currency'];
    return (
        <form
            class="form budget-form"
            aria-label={t('training.budgetSettings')}
            noValidate
            onSubmit={(e) => {
                e.preventDefault();
                setSaved(false);
                a.run(async () => {
                    const body: Record<string, unknown> = {};
                    const b = numOf(budget);
                    if (b !== s.yearly_budget) body.yearly_budget = b;
                    if (currency.trim().toUpperCase() !== s.currency) body.currency = currency.trim().toUpperCase();
                    if (Object.keys(body).length) onSaved(await patch<Settings>('/training/settings', body, s.version));
                    setSaved(true);
                }, 'save');
            }}
        >
            <div class="grid2">
                <Field label={t('training.f.yearlyBudget')} inputMode="decimal" value={budget} onValue={setBudget} error={fieldError(a.error, 'yearly_budget')} hint={t('training.f.yearlyBudgetHint')} />
                <Field label={t('training.f.currency')} value={currency} onValue={setCurrency} error={fieldError(a.error, 'currency')} hint={t('training.f.currencyHint')} />
            </div>
            <ErrorBox error={formError(a.error, fields)} onRetry={a.onRetry} />
            {saved && (
                <p class="notice" role="status">
                    {t('training.budgetSaved')}
                </p>
            )}
            <button type="submit" class="btn primary" disabled={!!a.busy}>
                {a.busy ? t('ui.saving') : t('training.save')}
            </button>
        </form>
    );
}

/** The budget of one year per assistant. */
function YearTable({ b }: { b: Budget }) {
    const pct = (v: number) => (b.yearly_budget > 0 ? fmtNumber(v / b.yearly_budget, { style: 'percent', maximumFractionDigits: 0 }) : '—');
    return b.assistants.length === 0 ? (
        <Empty>{t('training.noSpending', { year: String(b.year) })}</Empty>
    ) : (
        <div class="table-wrap" role="region" aria-labelledby="h-budget-year" tabIndex={0}>
            <table class="list budget">
                <caption>{t('training.perAssistant', { year: String(b.year) })}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t('training.assistant')}</th>
                        <th scope="col">{t('training.sessions')}</th>
                        <th scope="col">{t('training.spent')}</th>
                        <th scope="col">{t('training.used')}</th>
                        <th scope="col">{t('training.left')}</th>
                    </tr>
                </thead>
                <tbody>
                    {b.assistants.map((x) => (
                        <tr key={x.assistant_id} class={x.over ? 'over' : undefined}>
                            <th scope="row">
                                <a href={href(`/people/assistant/${x.assistant_id}`)}>{x.name}</a>
                            </th>
                            <td>{fmtNumber(x.sessions)}</td>
                            <td>{money(x.spent, b.currency)}</td>
                            <td>{pct(x.spent)}</td>
                            <td>
                                {money(x.left, b.currency)}
                                {x.over && <strong class="over-mark"> {t('training.overBudget')}</strong>}
                            </td>
                        </tr>
                    ))}
                </tbody>
            </table>
        </div>
    );
}

/** The years around `year` side by side: what was spent, by how many, how many over. */
function Years({ year, version }: { year: number; version: number }) {
    const years = [year - 2, year - 1, year, year + 1];
    const a = useAsync(() => Promise.all(years.map((y) => get<Budget>('/training/budget', { year: y }))), [year, version]);
    return (
        <Show a={a} what={t('training.loading')}>
            {(bs) => (
                <div class="table-wrap" role="region" aria-labelledby="h-budget-years" tabIndex={0}>
                    <table class="list budget-years">
                        <caption class="sr-only">{t('training.byYear')}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t('training.year')}</th>
                                <th scope="col">{t('training.spent')}</th>
                                <th scope="col">{t('training.assistantsTrained')}</th>
                                <th scope="col">{t('training.perHead')}</th>
                                <th scope="col">{t('training.overCount')}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {bs.map((b) => (
                                <tr key={b.year}>
                                    <th scope="row">{b.year}</th>
                                    <td>{money(b.total, b.currency)}</td>
                                    <td>{fmtNumber(b.assistants.length)}</td>
                                    <td>{b.assistants.length ? money(b.total / b.assistants.length, b.currency) : '—'}</td>
                                    <td>{fmtNumber(b.assistants.filter((x) => x.over).length)}</td>
                                </tr>
                            ))}
                        </tbody>
                    </table>
                </div>
            )}
        </Show>
    );
}

/** The training budget screen (managers). */
export function BudgetPage() {
    const now = new Date().getFullYear();
    const [year, setYear] = useState(String(now));
    const settings = useAsync(() => get<Settings>('/training/settings'), []);
    const [version, setVersion] = useState(0);
    const [saved, setSaved] = useState(false);
    const budget = useAsync(() => get<Budget>('/training/budget', { year }), [year, version]);
    return (
        <section class="training">
            <PageHead title={t('training.budgetTitle')}>
                <a class="btn" href={href('/training')}>
                    {t('training.backToTraining')}
                </a>
            </PageHead>
            <div class="cards">
                <section class="card" aria-labelledby="h-budget-set">
                    <h2 id="h-budget-set">{t('training.budgetSettings')}</h2>
                    <Show a={settings} what={t('training.loading')}>
                        {(s) => (
                            <SettingsForm
                                key={s.version}
                                s={s}
                                saved={saved}
                                setSaved={setSaved}
                                reload={settings.reload}
                                onSaved={(n) => {
                                    settings.setData(n);
                                    setVersion((v) => v + 1);
                                }}
                            />
                        )}
                    </Show>
                </section>
                <section class="card wide" aria-labelledby="h-budget-year">
                    <h2 id="h-budget-year">{t('training.budgetOfYear')}</h2>
                    <div class="filters">
                        <Select label={t('training.year')} value={year} onValue={setYear} options={[now - 2, now - 1, now, now + 1].map((y) => String(y))} />
                    </div>
                    <Show a={budget} what={t('training.loading')}>
                        {(b) => (
                            <>
                                <p class="budget-line">
                                    {t('training.budgetSummary', {
                                        year: String(b.year),
                                        budget: money(b.yearly_budget, b.currency),
                                        total: money(b.total, b.currency),
                                        count: b.assistants.length,
                                        over: b.assistants.filter((x) => x.over).length,
                                    })}
                                </p>
                                <YearTable b={b} />
                            </>
                        )}
                    </Show>
                </section>
                <section class="card wide" aria-labelledby="h-budget-years">
                    <h2 id="h-budget-years">{t('training.byYear')}</h2>
                    <Years year={Number(year)} version={version} />
                </section>
            </div>
        </section>
    );
}
