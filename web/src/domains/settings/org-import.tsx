// Settings: import the organisation's CSV files (the same importer as `haldus import org`,
// docs/organisation.md): a dry run shows per file what would be created, changed and left
// alone; "Import" then writes all of it or nothing.
import { useState } from 'preact/hooks';
import { post } from '../../api';
import { useAction } from '../../components/hooks';
import { ErrorBox } from '../../components/ui';
import * as store from '../../store';
import { href } from '../../router';
import { t } from '../../i18n';

interface ImportRow {
    row: number;
    action: 'create' | 'update' | 'same';
    key: string;
    changes?: string[];
}
interface ImportFile {
    file: string;
    created: number;
    changed: number;
    unchanged: number;
    rows: ImportRow[];
}
interface ImportReport {
    files: ImportFile[];
    notes: string[];
    dry_run: boolean;
}

/** The chosen files as name → text (the browser reads them; the server checks everything). */
async function readFiles(list: FileList | null): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const f of Array.from(list || [])) out[f.name] = await f.text();
    return out;
}

export function OrgImport() {
    const [files, setFiles] = useState<Record<string, string> | null>(null);
    const [report, setReport] = useState<ImportReport | null>(null);
    const [done, setDone] = useState<ImportReport | null>(null);
    const { busy, error, run } = useAction();
    const names = files ? Object.keys(files).sort() : [];

    const choose = (e: Event) => {
        const input = e.currentTarget as HTMLInputElement;
        setReport(null);
        setDone(null);
        run(async () => setFiles(await readFiles(input.files)), 'read');
    };
    const check = () =>
        run(async () => {
            setReport(null);
            setDone(null);
            setReport(await post<ImportReport>('/import/org', { files, dry_run: true }));
        }, 'check');
    const apply = () =>
        run(async () => {
            const r = await post<ImportReport>('/import/org', { files, dry_run: false });
            store.invalidate();
            setReport(null);
            setDone(r);
        }, 'import');

    return (
        <section class="card wide org-import" aria-labelledby="h-org-import">
            <h2 id="h-org-import">{t('org.import.title')}</h2>
            <p class="hint">{t('org.import.hint')}</p>
            <div class="field">
                <label for="org-files">{t('org.import.files')}</label>
                <input id="org-files" type="file" multiple accept=".csv,text/csv" onChange={choose} aria-describedby="org-files-hint" />
                <span id="org-files-hint" class="hint">
                    {t('org.import.filesHint')}
                </span>
            </div>
            {names.length > 0 && <p>{t('org.import.chosen', { count: names.length, names: names.join(', ') })}</p>}
            <div class="btn-row">
                <button type="button" class="btn" onClick={check} disabled={!names.length || !!busy}>
                    {busy === 'check' ? t('org.import.checking') : t('org.import.check')}
                </button>
                <button type="button" class="btn primary" onClick={apply} disabled={!report || !!busy}>
                    {busy === 'import' ? t('org.import.importing') : t('org.import.apply')}
                </button>
            </div>
            <ErrorBox error={error} />
            {report && <Report report={report} />}
            {done && (
                <div class="notice" role="status">
                    <p>
                        {t('org.import.done', {
                            created: sum(done, 'created'),
                            changed: sum(done, 'changed'),
                            unchanged: sum(done, 'unchanged'),
                        })}{' '}
                        <a href={href('/board')}>{t('org.import.toBoard')}</a>
                    </p>
                </div>
            )}
        </section>
    );
}

const sum = (r: ImportReport, k: 'created' | 'changed' | 'unchanged') => r.files.reduce((n, f) => n + f[k], 0);

function Report({ report }: { report: ImportReport }) {
    return (
        <div class="org-report" role="status">
            <p>{t('org.import.dryRun')}</p>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('org.import.reportCaption')}>
                <table class="list">
                    <caption class="sr-only">{t('org.import.reportCaption')}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t('org.import.file')}</th>
                            <th scope="col">{t('org.import.created')}</th>
                            <th scope="col">{t('org.import.changed')}</th>
                            <th scope="col">{t('org.import.unchanged')}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report.files.map((f) => (
                            <tr key={f.file}>
                                <th scope="row">{f.file}</th>
                                <td>{f.created}</td>
                                <td>{f.changed}</td>
                                <td>{f.unchanged}</td>
                            </tr>
                        ))}
                    </tbody>
                </table>
            </div>
            {report.files.map((f) =>
                f.rows.some((r) => r.action !== 'same') ? (
                    <details key={f.file}>
                        <summary>{t('org.import.rowsOf', { file: f.file })}</summary>
                        <ul class="plain">
                            {f.rows
                                .filter((r) => r.action !== 'same')
                                .map((r) => (
                                    <li key={r.row}>
                                        {t(r.action === 'create' ? 'org.import.rowCreate' : 'org.import.rowUpdate', { row: r.row, key: r.key })}
                                        {r.changes && r.changes.length ? ` (${r.changes.join(', ')})` : ''}
                                    </li>
                                ))}
                        </ul>
                    </details>
                ) : null,
            )}
            {report.notes.length > 0 && (
                <ul class="plain hint">
                    {report.notes.map((n) => (
                        <li key={n} lang="en">
                            {n}
                        </li>
                    ))}
                </ul>
            )}
        </div>
    );
}
