// bench/careers-pdf.mjs: the time from sending an application with a 5 MB PDF resume to the
// careers page's answer (issue 12: accepted in <= 500 ms). The answer comes once the
// application is stored: the file read by its bytes, its text extracted by pdftotext, the row,
// the file and its screening numbers written, the confirmation e-mail queued. The PDF is
// written here: two pages of resume text and a 1290×1290 photo (uncompressed RGB of random
// bytes, as incompressible as a real one), 5 MB in all. Each run applies from its own address
// (the page allows 5 an address in 10 minutes). Prints the first run and p50/p95 of the next
// ten; asserts nothing about time.
// Usage: HALDUS_BIN=build/haldus node bench/careers-pdf.mjs
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { rawRequest, startServer } from '../tests/api/lib.mjs';

const RUNS = 10;

/** A PDF of about `bytes` bytes: two text pages, the first with a photo. */
function resumePdf(bytes) {
    const side = Math.floor(Math.sqrt((bytes - 8000) / 3));
    const lines = [
        'Kristiina Tamm - executive assistant',
        'Board minutes, Excel reports, travel and signatures for the CFO since 2019.',
        'Languages: Estonian, English, Finnish. Calendar and phones for three executives.',
    ];
    const text = (ls, y0) => ls.map((l, i) => `BT /F1 11 Tf 50 ${y0 - 16 * i} Td (${l}) Tj ET`).join('\n');
    const page1 = `q 200 0 0 200 350 560 cm /Im1 Do Q\n${text(lines, 520)}`;
    const page2 = text(Array.from({ length: 40 }, (_, i) => `${2024 - i % 10}: assistant work, item ${i + 1}, agenda and archive.`), 760);
    const objs = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 7 0 R >> /XObject << /Im1 8 0 R >> >> >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >> >>',
        Buffer.from(`<< /Length ${page1.length} >>\nstream\n${page1}\nendstream`),
        Buffer.from(`<< /Length ${page2.length} >>\nstream\n${page2}\nendstream`),
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
        Buffer.concat([
            Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${side * side * 3} >>\nstream\n`),
            randomBytes(side * side * 3),
            Buffer.from('\nendstream'),
        ]),
    ];
    const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let len = parts[0].length;
    const offsets = [];
    objs.forEach((o, i) => {
        offsets.push(len);
        const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.isBuffer(o) ? o : Buffer.from(o), Buffer.from('\nendobj\n')]);
        parts.push(b);
        len += b.length;
    });
    let tail = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
    for (const off of offsets) tail += `${String(off).padStart(10, '0')} 00000 n \n`;
    tail += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${len}\n%%EOF\n`;
    parts.push(Buffer.from(tail));
    return Buffer.concat(parts);
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

const srv = await startServer({ serveArgs: ['--behind-tls'] });
try {
    const list = await (await fetch(`${srv.base}/careers?lang=en`)).text();
    const m = /href="\/careers\/(\d+)/.exec(list);
    if (!m) throw new Error('the demo has no published posting');
    const pdf = resumePdf(5 << 20);
    const times = [];
    for (let i = 0; i <= RUNS; i++) {
        const fd = new FormData();
        for (const [k, v] of Object.entries({ name: `PDF Candidate ${i}`, email: `pdf${i}@bench.example`, languages: 'Estonian, English', consent: 'yes' })) fd.append(k, v);
        fd.append('resume', new Blob([pdf], { type: 'application/pdf' }), 'cv.pdf');
        const built = new Request(`${srv.base}/careers/${m[1]}/apply`, { method: 'POST', body: fd });
        const body = Buffer.from(await built.arrayBuffer());
        const head = `POST /careers/${m[1]}/apply?lang=en HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: 203.0.113.${i + 1}\r\n` +
            `Content-Type: ${built.headers.get('content-type')}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
        const t = process.hrtime.bigint();
        const r = await rawRequest(srv.port, Buffer.concat([Buffer.from(head), body]), { timeout: 60000 });
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        if (r.status !== 201) throw new Error(`the application answered ${r.status}: ${r.body.slice(0, 300)}`);
        times.push(ms);
    }
    const [first, ...rest] = times;
    const p95 = pct(rest, 0.95);
    console.log(`  careers application with a ${(pdf.length / 1048576).toFixed(1)} MB PDF (sent to the answer): first ${first.toFixed(0)} ms; ` +
        `then ${rest.length} runs: p50 ${pct(rest, 0.5).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms (load average ${loadavg()[0].toFixed(1)}) — target <= 500 ms: ${p95 <= 500 ? 'PASS' : 'MISS'}`);
} finally {
    await srv.close();
}
