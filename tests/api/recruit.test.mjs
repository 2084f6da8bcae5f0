// recruit.test.mjs: recruiting (issue 12) over HTTP — the requisition and its rules, postings
// generated and published, the public careers page (HTML without JavaScript, its own CSP,
// et/en), applying with PDF, DOCX, ODT and text resumes, the page under attack (a type that
// lies, an oversized file, a zip bomb, script in every field, one address applying again and
// again), screening ranked and explained, the pipeline up to the hire, and the candidate's
// data exported and erased with the audit keeping the fact only.
//
// The server runs --behind-tls so each test applies from its own X-Forwarded-For address: the
// careers page allows 5 applications per address in 10 minutes.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { assertError, principalBody, rawRequest, run, runOk, useServer } from './lib.mjs';

let addr = 0;
const nextAddress = () => `198.51.100.${++addr}`;

/** A minimal one-page PDF whose text is `text` (pdftotext reads it). */
function pdf(text) {
    const stream = `BT /F1 12 Tf 40 700 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
    const objs = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
        `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ];
    let out = '%PDF-1.4\n';
    const offsets = [];
    objs.forEach((o, i) => {
        offsets.push(out.length);
        out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = out.length;
    out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
    for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
    out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(out, 'latin1');
}

/** A ZIP built by Python's zipfile: entries {name: text or {zeros: n}}, deflated. */
function zip(entries, first) {
    const script = `
import io, json, sys, zipfile
spec = json.loads(sys.argv[1])
buf = io.BytesIO()
with zipfile.ZipFile(buf, 'w') as z:
    if sys.argv[2]:
        z.writestr(zipfile.ZipInfo('mimetype'), sys.argv[2], compress_type=zipfile.ZIP_STORED)
    for name, v in spec.items():
        data = b'\\0' * v['zeros'] if isinstance(v, dict) else v.encode()
        z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
sys.stdout.buffer.write(buf.getvalue())
`;
    return execFileSync('python3', ['-c', script, JSON.stringify(entries), first || ''], { maxBuffer: 64 << 20 });
}

const docx = (text) =>
    zip({
        '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
        'word/document.xml': `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    });
const odt = (text) =>
    zip(
        { 'content.xml': `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>${text}</text:p></office:text></office:body></office:document-content>` },
        'application/vnd.oasis.opendocument.text',
    );

describe('recruiting', () => {
    const h = useServer({ serveArgs: ['--behind-tls'] });
    const w = {};

    /** Posts the careers form from address (default: a fresh one). */
    async function apply(postingId, fields, file, opts = {}) {
        const fd = new FormData();
        for (const [k, v] of Object.entries(fields)) fd.append(k, v);
        if (file) fd.append('resume', new Blob([file.data], { type: file.type || 'application/octet-stream' }), file.name || 'cv.bin');
        // Sent over a raw socket: a refusal on the head (429, 413) closes the connection while
        // the body is still being written, which fetch reports as a network error.
        const built = new Request(`${h.srv.base}/careers/${postingId}/apply`, { method: 'POST', body: fd });
        const body = Buffer.from(await built.arrayBuffer());
        const head =
            `POST /careers/${postingId}/apply${opts.lang ? `?lang=${opts.lang}` : ''} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
            `X-Forwarded-For: ${opts.address || nextAddress()}\r\nContent-Type: ${built.headers.get('content-type')}\r\n` +
            `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
        const r = await rawRequest(h.srv.port, Buffer.concat([Buffer.from(head), body]), { timeout: 30000 });
        return { status: r.status, headers: { get: (k) => r.headers[k.toLowerCase()] }, text: r.body };
    }
    /** Sends only the head of an upload announcing `length` bytes: the answer comes first. */
    const rawHead = (postingId, length, address) =>
        rawRequest(
            h.srv.port,
            `POST /careers/${postingId}/apply HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: ${address}\r\n` +
                `Content-Type: multipart/form-data; boundary=x\r\nContent-Length: ${length}\r\n\r\n`,
        );
    const valid = (extra = {}) => ({ name: 'Test Candidate', email: 'cand@example.com', consent: 'yes', ...extra });
    const textFile = (s) => ({ data: Buffer.from(s), name: 'cv.txt', type: 'text/plain' });

    async function applications() {
        return (await h.srv.getOk(`/api/v1/applications?requisition_id=${w.req.id}&limit=500`)).items;
    }

    before(async () => {
        w.exec = await h.srv.create('principals', principalBody({ languages: ['Estonian', 'English'] }));
        const r = await h.srv.post('/api/v1/requisitions', {
            title: 'Executive assistant',
            reason: 'new_executive',
            reason_person_id: w.exec.id,
            principal_id: w.exec.id,
            duties: ['Board meetings', 'Travel'],
            must_skills: ['board minutes', 'Excel'],
            languages: ['Finnish', 'English'],
            office: 'Tallinn',
            hours_per_week: 40,
            start_date: '2027-02-01',
            salary_min: 1800,
            salary_max: 2400,
        });
        assert.equal(r.status, 201, r.text);
        w.req = r.json;
    });

    test('a requisition: its rules, the executive template, approval before publishing', async () => {
        const salary = await h.srv.post('/api/v1/requisitions', { title: 'X', reason: 'growth', principal_id: w.exec.id, office: 'Tallinn', salary_min: 3000, salary_max: 2000 });
        assertError(salary, 422, 'invalid', 'salary_max');
        // Said in words; the field name stays for programs.
        assert.equal(salary.json.error.message, 'the highest salary (2000) is below the lowest (3000)');
        assertError(
            await h.srv.post('/api/v1/requisitions', { title: 'X', reason: 'replacement', principal_id: w.exec.id, office: 'Tallinn' }),
            422, 'invalid', 'reason_person_id',
        );
        const tpl = await h.srv.getOk(`/api/v1/recruit/template?principal_id=${w.exec.id}`);
        assert.deepEqual(tpl.languages, ['Estonian', 'English']);
        assert.ok(Array.isArray(tpl.duties) && Array.isArray(tpl.must_skills));

        const gen = await h.srv.post(`/api/v1/requisitions/${w.req.id}/postings/generate?lang=en`);
        assert.equal(gen.status, 201, gen.text);
        assert.match(gen.json.body, /board minutes/);
        assert.match(gen.json.body, /1800–2400/);
        w.post = gen.json;
        assertError(await h.srv.post(`/api/v1/requisitions/${w.req.id}/postings/generate?lang=en`), 409, 'duplicate', 'lang');
        assertError(await h.srv.post(`/api/v1/requisitions/${w.req.id}/postings/generate?lang=et`, undefined, { ifMatch: 99 }), 412, 'version_mismatch');
        const et = await h.srv.post(`/api/v1/requisitions/${w.req.id}/postings/generate?lang=et`);
        assert.equal(et.status, 201, et.text);
        assert.match(et.json.body, /Tööülesanded/);
        w.postEt = et.json;

        // Not public before the requisition is approved.
        assertError(await h.srv.post(`/api/v1/postings/${w.post.id}/publish`, undefined, { ifMatch: w.post.version }), 409, 'invalid_transition');
        const ok = await h.srv.post(`/api/v1/requisitions/${w.req.id}/approve`, undefined, { ifMatch: w.req.version });
        assert.equal(ok.status, 200, ok.text);
        assert.equal(ok.json.status, 'approved');
        assert.equal(ok.json.decided_by, h.srv.actor);
        // An approved requisition is no longer edited.
        assertError(await h.srv.patch(`/api/v1/requisitions/${w.req.id}`, { title: 'Y' }, ok.json.version), 409, 'invalid_transition');
        // The posting is edited, then published.
        const ed = await h.srv.patch(`/api/v1/postings/${w.post.id}`, { title: 'Executive assistant <script>alert(1)</script>' }, w.post.version);
        assert.equal(ed.status, 200, ed.text);
        for (const p of [ed.json, w.postEt]) {
            const pub = await h.srv.post(`/api/v1/postings/${p.id}/publish`, undefined, { ifMatch: p.version });
            assert.equal(pub.status, 200, pub.text);
        }
    });

    test('the careers page: public HTML without script, its own CSP, in the asked language', async () => {
        const en = await fetch(`${h.srv.base}/careers?lang=en`);
        const html = await en.text();
        assert.equal(en.status, 200);
        assert.match(en.headers.get('content-type'), /^text\/html/);
        assert.match(en.headers.get('content-security-policy'), /default-src 'none'/);
        assert.doesNotMatch(en.headers.get('content-security-policy'), /script-src/);
        // The form must carry our Origin (no-referrer would make it "null" and be refused).
        assert.equal(en.headers.get('referrer-policy'), 'same-origin');
        assert.doesNotMatch(html, /<script/i, 'no script on the page, and the title is escaped');
        assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
        assert.match(html, /<html lang="en">/);
        const et = await fetch(`${h.srv.base}/careers`, { headers: { 'Accept-Language': 'et-EE,et;q=0.9,en;q=0.5' } });
        const ethtml = await et.text();
        assert.match(ethtml, /<html lang="et">/);
        assert.match(ethtml, /Avatud ametikohad/);
        const page = await (await fetch(`${h.srv.base}/careers/${w.post.id}`)).text();
        assert.match(page, /<form method="post" action="\/careers\/\d+\/apply\?lang=en" enctype="multipart\/form-data"/);
        assert.match(page, /name="consent"/);
        assert.match(page, /kept for 6 months after it/, 'the consent names the retention setting');
        const css = await fetch(`${h.srv.base}/careers/style.css`);
        assert.equal(css.status, 200);
        assert.match(css.headers.get('content-type'), /^text\/css/);
        const missing = await fetch(`${h.srv.base}/careers/999999`);
        assert.equal(missing.status, 404);
        assert.match(missing.headers.get('content-type'), /^text\/html/);
    });

    test('applying: text, PDF, DOCX and ODT resumes are read; consent and a confirmation e-mail', async () => {
        const cases = [
            ['text', textFile('Board secretary. Fluent Finnish. Board minutes and Excel reports.'), 'Excel reports'],
            ['pdf', { data: pdf('Assistant with Finnish and board minutes experience'), name: 'cv.pdf', type: 'application/pdf' }, 'board minutes experience'],
            ['docx', { data: docx('Office manager: Excel, travel, English'), name: 'cv.docx' }, 'Office manager: Excel'],
            ['odt', { data: odt('Receptionist, phones and post'), name: 'cv.odt' }, 'Receptionist, phones'],
        ];
        for (const [type, file, expect] of cases) {
            const email = `${type}@example.com`;
            const r = await apply(w.postEt.id, valid({ name: `Cand ${type}`, email, languages: 'Estonian, English' }), file, { lang: 'et' });
            assert.equal(r.status, 201, `${type}: ${r.text}`);
            assert.match(r.text, /Aitäh/);
            const app = (await applications()).find((a) => a.email === email);
            assert.ok(app, `${type} stored`);
            assert.equal(app.resume_type, type);
            assert.equal(app.source, 'careers');
            assert.equal(app.stage, 'applied');
            assert.equal(app.lang, 'et');
            assert.ok(app.consent_at, 'consent recorded');
            assert.deepEqual(app.languages, ['Estonian', 'English']);
            assert.ok(app.resume_text.includes(expect), `${type} text: ${JSON.stringify(app.resume_text)}`);
            const file2 = await h.srv.get(`/api/v1/applications/${app.id}/resume`);
            assert.equal(file2.status, 200);
            const mails = (await h.srv.getOk('/api/v1/mail?limit=500')).items.filter((m) => m.to_address === email);
            assert.equal(mails.length, 1, `${type}: one confirmation`);
            assert.equal(mails[0].kind, 'recruit.received');
            assert.match(mails[0].subject, /Saime sinu kandideerimisavalduse/);
        }
    });

    test('under attack: a lying type, an oversized file, a zip bomb, missing consent — refused, nothing stored', async () => {
        const before = (await applications()).length;
        // An executable named cv.pdf and sent as application/pdf.
        const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]);
        let r = await apply(w.post.id, valid(), { data: elf, name: 'cv.pdf', type: 'application/pdf' });
        assert.equal(r.status, 422, r.text);
        assert.match(r.headers.get('content-type'), /^text\/html/);
        assert.match(r.text, /its content decides/);
        // A ZIP that is neither DOCX nor ODT, named cv.docx.
        r = await apply(w.post.id, valid(), { data: zip({ 'a.txt': 'hi' }), name: 'cv.docx' });
        assert.equal(r.status, 422, r.text);
        // A zip bomb: 40 MB of zeros as word/document.xml, some tens of kilobytes packed.
        const bomb = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': { zeros: 40 << 20 } });
        assert.ok(bomb.length < 200000);
        r = await apply(w.post.id, valid(), { data: bomb, name: 'cv.docx' });
        assert.equal(r.status, 413, r.text);
        // Larger than 10 MB: refused on its Content-Length, before the body is read.
        r = await rawHead(w.post.id, 11 << 20, nextAddress());
        assert.equal(r.status, 413, r.body);
        // No consent; no file; a broken e-mail.
        r = await apply(w.post.id, { name: 'A', email: 'a@example.com' }, textFile('cv'));
        assert.equal(r.status, 422);
        r = await apply(w.post.id, valid(), null);
        assert.equal(r.status, 422);
        r = await apply(w.post.id, valid({ email: 'not-an-address' }), textFile('cv'));
        assert.equal(r.status, 422);
        // Not multipart.
        const plain = await fetch(`${h.srv.base}/careers/${w.post.id}/apply`, { method: 'POST', body: 'name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': nextAddress() } });
        assert.equal(plain.status, 415);
        assert.equal((await applications()).length, before, 'nothing was stored');
    });

    test('under attack: script in every field is stored as text and never runs', async () => {
        const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
        const r = await apply(w.post.id, valid({ name: evil, email: 'evil@example.com', phone: '<b>1</b>', languages: evil, note: evil }), textFile(evil));
        assert.equal(r.status, 201, r.text);
        assert.doesNotMatch(r.text, /<script|<img/i);
        const app = (await applications()).find((a) => a.email === 'evil@example.com');
        assert.equal(app.name, evil, 'kept as text');
        const page = await (await fetch(`${h.srv.base}/careers`)).text();
        assert.doesNotMatch(page, /<script|onerror=/i);
    });

    test('one address applying again and again is throttled; other addresses are not', async () => {
        const address = nextAddress();
        const codes = [];
        for (let i = 0; i < 12; i++) codes.push((await apply(w.post.id, valid({ email: `flood${i}@example.com` }), textFile('cv'), { address })).status);
        assert.deepEqual(codes.slice(0, 5), [201, 201, 201, 201, 201]);
        assert.ok(codes.slice(5).every((c) => c === 429), codes.join(','));
        const last = await apply(w.post.id, valid({ email: 'flood-x@example.com' }), textFile('cv'), { address });
        assert.equal(last.status, 429);
        assert.match(last.headers.get('content-type'), /^text\/html/);
        // Refused on the head: a 10 MB body from the same address is not read either.
        const big = await rawHead(w.post.id, 9 << 20, address);
        assert.equal(big.status, 429);
        // Someone else applies; the API answers.
        assert.equal((await apply(w.post.id, valid({ email: 'other@example.com' }), textFile('cv'))).status, 201);
        assert.equal((await h.srv.get('/healthz')).status, 200);
    });

    test('screening: ranked by the must-haves found and BM25, each rank explained; filters', async () => {
        const ids = {};
        for (const [key, text, langs] of [
            ['best', 'Board secretary: board minutes, Excel models, Finnish and English daily.', ['Finnish', 'English']],
            ['mid', 'Assistant: board minutes and Finnish.', ['Finnish']],
            ['low', 'Warehouse worker.', ['Estonian']],
        ]) {
            const r = await h.srv.post('/api/v1/applications', { requisition_id: w.req.id, name: `Rank ${key}`, email: `rank-${key}@example.com`, resume_text: text, languages: langs });
            assert.equal(r.status, 201, r.text);
            assert.equal(r.json.source, 'manual', 'added by hand');
            ids[key] = r.json.id;
        }
        const rank = await h.srv.getOk(`/api/v1/requisitions/${w.req.id}/ranking?limit=500`);
        const pos = (id) => rank.items.findIndex((x) => x.application_id === id);
        assert.ok(pos(ids.best) < pos(ids.mid) && pos(ids.mid) < pos(ids.low), JSON.stringify(rank.items.map((x) => [x.application_id, x.score])));
        for (let i = 1; i < rank.items.length; i++) assert.ok(rank.items[i - 1].score >= rank.items[i].score);
        const mid = rank.items[pos(ids.mid)];
        assert.equal(mid.explanation.text, 'mentions Finnish and board minutes; no English, Excel');
        assert.deepEqual(rank.items[pos(ids.best)].explanation.missing, []);
        assert.equal(rank.items[pos(ids.low)].explanation.text, 'no Finnish, English, board minutes, Excel');
        assert.equal(rank.items[0].application.resume_text, undefined, 'the list leaves the resume text out');
        const fi = await h.srv.getOk(`/api/v1/requisitions/${w.req.id}/ranking?language=finnish`);
        assert.ok(fi.items.every((x) => x.application.languages.some((l) => l.toLowerCase() === 'finnish')));
        assert.ok(fi.items.some((x) => x.application_id === ids.mid));
        const q = await h.srv.getOk(`/api/v1/requisitions/${w.req.id}/ranking?q=warehouse&stage=applied`);
        assert.ok(q.total >= 3);
        assertError(await h.srv.get(`/api/v1/requisitions/${w.req.id}/ranking?stage=nope`), 400, 'bad_request', 'stage');
        // Must-haves met: only those that mention every skill and language asked for.
        const met = await h.srv.getOk(`/api/v1/requisitions/${w.req.id}/ranking?must_met=true&limit=500`);
        assert.ok(met.items.some((x) => x.application_id === ids.best));
        assert.ok(!met.items.some((x) => x.application_id === ids.mid));
        assert.ok(met.items.every((x) => x.explanation.missing.length === 0));
        assert.equal(met.total, met.items.length);
        assertError(await h.srv.get(`/api/v1/requisitions/${w.req.id}/ranking?must_met=yes`), 400, 'bad_request', 'must_met');
        // The stored numbers follow an edit of the resume: mid now mentions everything.
        const midApp = await h.srv.getOk(`/api/v1/applications/${ids.mid}`);
        const ed = await h.srv.patch(`/api/v1/applications/${ids.mid}`, { resume_text: 'Assistant: board minutes, Excel, Finnish and English.' }, midApp.version);
        assert.equal(ed.status, 200, ed.text);
        const met2 = await h.srv.getOk(`/api/v1/requisitions/${w.req.id}/ranking?must_met=true&limit=500`);
        assert.ok(met2.items.some((x) => x.application_id === ids.mid), JSON.stringify(met2.items.map((x) => x.application_id)));
        assert.equal(met2.total, met.total + 1);
        w.best = ids.best;
        w.low = ids.low;
    });

    test('the pipeline: stages with their e-mails, reject needs a reason, hiring makes the assistant', async () => {
        let a = await h.srv.getOk(`/api/v1/applications/${w.best}`);
        assertError(await h.srv.post(`/api/v1/applications/${w.best}/offer`, undefined, { ifMatch: a.version }), 409, 'invalid_transition');
        for (const action of ['screen', 'interview']) {
            const r = await h.srv.post(`/api/v1/applications/${w.best}/${action}`, undefined, { ifMatch: a.version });
            assert.equal(r.status, 200, `${action}: ${r.text}`);
            a = r.json;
        }
        // The offer with its terms (recruit_offer.test.mjs has the rest): sent, then accepted.
        const start = new Date(Date.now() + 60 * 86400e3).toISOString().slice(0, 10);
        const expires = new Date(Date.now() + 14 * 86400e3).toISOString().slice(0, 10);
        let o = await h.srv.create('offers', { application_id: w.best, salary_amount: 2000, start_date: start, hours_per_week: 40, expires_on: expires });
        for (const action of ['send', 'accept']) {
            const r = await h.srv.post(`/api/v1/offers/${o.id}/${action}`, undefined, { ifMatch: o.version });
            assert.equal(r.status, 200, `${action}: ${r.text}`);
            o = r.json;
        }
        a = await h.srv.getOk(`/api/v1/applications/${w.best}`);
        assert.equal(a.stage, 'offer');
        const kinds = (await h.srv.getOk('/api/v1/mail?limit=500')).items.filter((m) => m.to_address === 'rank-best@example.com').map((m) => m.kind).sort();
        assert.deepEqual(kinds, ['recruit.invited', 'recruit.offer']);
        const hire = await h.srv.post(`/api/v1/applications/${w.best}/hire`, undefined, { ifMatch: a.version });
        assert.equal(hire.status, 200, hire.text);
        assert.equal(hire.json.stage, 'hired');
        const person = await h.srv.getOk(`/api/v1/assistants/${hire.json.hired_person_id}`);
        assert.equal(person.email, 'rank-best@example.com');
        assert.deepEqual(person.languages, ['Finnish', 'English']);
        assert.equal(person.hire_date, start, 'the accepted offer\'s start date');
        const skills = (await h.srv.getOk(`/api/v1/assistant-skills?assistant_id=${person.id}`)).items;
        assert.equal(skills.length, 2, 'board minutes and Excel carried over');
        assert.deepEqual(hire.json.proposed_assignment, { assistant_id: person.id, principal_id: w.exec.id, kind: 'primary', start_date: start, share: 100 });
        const low = await h.srv.getOk(`/api/v1/applications/${w.low}`);
        assertError(await h.srv.post(`/api/v1/applications/${w.low}/reject`, {}, { ifMatch: low.version }), 422, 'invalid', 'reason');
        const rej = await h.srv.post(`/api/v1/applications/${w.low}/reject`, { reason: 'No office experience' }, { ifMatch: low.version });
        assert.equal(rej.status, 200, rej.text);
        assert.equal(rej.json.reason, 'No office experience');
        const rejMail = (await h.srv.getOk('/api/v1/mail?limit=500')).items.filter((m) => m.kind === 'recruit.rejected').at(-1);
        assert.ok(rejMail, 'the candidate is told');
        assert.match((await h.srv.getOk(`/api/v1/mail/${rejMail.id}`)).body, /We keep your data for 6 months and then delete it/);
        const board = await h.srv.getOk(`/api/v1/requisitions/${w.req.id}/board`);
        const col = (s) => board.stages.find((c) => c.stage === s);
        assert.equal(col('hired').count, 1);
        assert.equal(col('rejected').count, 1);
        assert.ok(col('applied').count >= 5);
        assert.equal(board.stages.reduce((n, c) => n + c.count, 0), (await applications()).length);
    });

    test('a candidate\'s data: exported on request, erased with the audit keeping only the fact', async () => {
        const app = (await applications()).find((a) => a.email === 'evil@example.com');
        const ex = await h.srv.getOk(`/api/v1/applications/${app.id}/export`);
        assert.equal(ex.application.email, 'evil@example.com');
        assert.ok(ex.stages.length >= 1);
        const er = await h.srv.post(`/api/v1/applications/${app.id}/erase`);
        assert.equal(er.status, 204, er.text);
        assertError(await h.srv.get(`/api/v1/applications/${app.id}`), 404, 'not_found');
        const audit = (await h.srv.getOk(`/api/v1/audit?entity=application&entity_id=${app.id}`)).items;
        assert.ok(audit.some((r) => r.action === 'erase'));
        assert.doesNotMatch(JSON.stringify(audit), /evil@example\.com|<script/);
        const mails = (await h.srv.getOk('/api/v1/mail?limit=500')).items.filter((m) => m.to_address === 'evil@example.com');
        assert.equal(mails.length, 0, 'their queued mail went too');
        // Only managers reach any of it.
        assertError(await h.srv.get(`/api/v1/applications/${app.id}/export`, { auth: false }), 401, 'unauthorized');
    });

    test('the CLI: haldus recruit rank and board agree with the API; usage errors exit 2', async () => {
        const api = await h.srv.getOk(`/api/v1/requisitions/${w.req.id}/ranking?limit=5`);
        const cli = JSON.parse((await runOk(['recruit', 'rank', String(w.req.id), '--limit', '5', '--json', '--db', h.srv.db])).stdout);
        assert.deepEqual(cli.items.map((x) => [x.application_id, x.score]), api.items.map((x) => [x.application_id, x.score]));
        const text = (await runOk(['recruit', 'rank', String(w.req.id), '--limit', '1', '--db', h.srv.db])).stdout;
        assert.match(text, new RegExp(`^  1\\. +[0-9.]+  #${api.items[0].application_id} `));
        const board = (await runOk(['recruit', 'board', String(w.req.id), '--db', h.srv.db])).stdout;
        assert.match(board, /^hired +1 /m);
        const bad = await run(['recruit', 'rank', 'x', '--db', h.srv.db]);
        assert.equal(bad.code, 2);
    });

    test('retention: rejected and withdrawn candidates past the setting are erased by the daily job, once', async () => {
        const set = await h.srv.getOk('/api/v1/settings/recruit');
        assert.equal(set.retention_days, 183, 'six months by default');
        assertError(await h.srv.patch('/api/v1/settings/recruit', { retention_days: 30 }), 428, 'if_match_required');
        assertError(await h.srv.patch('/api/v1/settings/recruit', { retention_days: 0 }, set.version), 422, 'invalid', 'retention_days');
        const ch = await h.srv.patch('/api/v1/settings/recruit', { retention_days: 30 }, set.version);
        assert.equal(ch.status, 200, ch.text);
        assert.equal(ch.json.retention_days, 30);
        assertError(await h.srv.patch('/api/v1/settings/recruit', { retention_days: 40 }, set.version), 412, 'version_mismatch');
        // The careers page's consent says the period the setting keeps (30 days is not whole months).
        const consent = await (await fetch(`${h.srv.base}/careers/${w.post.id}`)).text();
        assert.match(consent, /kept for 30 days after it/);
        const open = (await applications()).filter((a) => !['rejected', 'withdrawn'].includes(a.stage)).length;
        // Every requisition's (the demo's has a rejected one too).
        const gone = (await h.srv.getOk('/api/v1/applications?limit=500')).items.filter((a) => ['rejected', 'withdrawn'].includes(a.stage));
        assert.ok(gone.some((a) => a.id === w.low), 'the rejected one is there before');
        // Today nothing is due; 40 days on, every rejected or withdrawn one is past 30 days.
        const now = await runOk(['jobs', 'run', '--db', h.srv.db]);
        assert.doesNotMatch(now.stdout, /^recruit:/m);
        const at = new Date(Date.now() + 40 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
        const later = await runOk(['jobs', 'run', '--at', at, '--db', h.srv.db]);
        // (The demo's sent offer expires by then too: `; 1 offer past the answer date expired`.)
        assert.match(later.stdout, new RegExp(`^recruit: ${gone.length} rejected or withdrawn candidates? past 30 days erased(; \\d+ offers? past the answer date expired)?$`, 'm'));
        const again = await runOk(['jobs', 'run', '--at', at, '--db', h.srv.db]);
        assert.doesNotMatch(again.stdout, /^recruit:/m, 'idempotent');
        assertError(await h.srv.get(`/api/v1/applications/${w.low}`), 404, 'not_found');
        assert.equal((await applications()).length, open, 'the open ones stay');
        const audit = (await h.srv.getOk(`/api/v1/audit?entity=application&entity_id=${w.low}`)).items;
        assert.ok(audit.some((r) => r.action === 'retention'));
        assert.doesNotMatch(JSON.stringify(audit), /rank-low@example\.com|Warehouse/);
    });
});
