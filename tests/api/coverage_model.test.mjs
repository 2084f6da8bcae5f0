// coverage_model.test.mjs: the holes of issue 8 and the model defects of issue 15 that belong to
// the coverage service: canonical time zones, reasons that survive any UTF-8 text, the board's
// bounded work, approving outside the writer, nice-to-have skills that stay nice, an
// executive's own absence, and every plan checked against the database by the end-to-end
// validator (`haldus coverage verify`).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertError, personBody, useServer } from './lib.mjs';

describe('time zones are canonical IANA names', () => {
    const h = useServer();

    test('links, zoneinfo files and Factory are refused, with the name meant where there is one', async () => {
        const srv = h.srv;
        const cases = [
            ['localtime', null],
            ['posixrules', null],
            ['Factory', null],
            ['right/UTC', 'Etc/UTC'],
            ['posix/Europe/London', 'Europe/London'],
            ['Europe/Kiev', 'Europe/Kyiv'],
            ['europe/tallinn', 'Europe/Tallinn'],
        ];
        const before = (await srv.listAll('/api/v1/people')).length;
        for (const [zone, meant] of cases) {
            const r = await srv.post('/api/v1/assistants', personBody({ time_zone: zone }));
            const e = assertError(r, 422, 'invalid', 'time_zone');
            if (meant) assert.ok(e.message.includes(`did you mean ${meant}?`), `${zone}: ${e.message}`);
            else assert.ok(!e.message.includes('did you mean'), `${zone}: ${e.message}`);
        }
        assert.equal((await srv.listAll('/api/v1/people')).length, before, 'a refused person was stored');
        for (const zone of ['Europe/Kyiv', 'UTC', 'America/Argentina/Buenos_Aires'])
            await srv.create('assistants', personBody({ time_zone: zone }));
    });
});
