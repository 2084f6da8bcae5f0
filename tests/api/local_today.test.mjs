// local_today.test.mjs: "today" is the person's own, in their time zone, not UTC's date. Who
// is linked to whom now (an assignment's dates, read for what an assistant sees and may act
// on) is judged by the viewer's today. Kiritimati (UTC+14) is a day ahead of UTC from 10:00 UTC
// and Pago Pago (UTC-11) a day behind until 11:00 UTC, so at every hour one of the two is on
// another date than UTC: these tests need no clock of their own.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { personBody, principalBody, runOk, todayIn, unique, useServer } from './lib.mjs';

const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);
const EAST = 'Pacific/Kiritimati';
const WEST = 'Pacific/Pago_Pago';

describe("an assistant's today", () => {
    const h = useServer();

    /** Requests as the account of person p (an API token from the CLI). */
    async function as(p, role) {
        const srv = h.srv;
        const login = `${unique('today')}@test.example`;
        const add = await srv.post('/api/v1/users', { login, role, person_id: p.id, password: 'today-test-password-2026' });
        assert.equal(add.status, 201, add.text);
        const token = /hld_[A-Za-z0-9_-]+/.exec((await runOk(['user', 'token', login, '--db', srv.db, '--name', 'today tests'])).stdout)[0];
        const headers = { Authorization: `Bearer ${token}` };
        return {
            get: (url) => srv.req('GET', url, { headers }),
            post: (url, json) => srv.req('POST', url, { headers, json }),
        };
    }

    test('an assignment is hers from her own midnight to the end of her own last day', async () => {
        const srv = h.srv;
        const office = unique('Today office ');
        // Kiritimati: the assignment starts on her today (UTC's date may still be yesterday).
        const east = await srv.create('assistants', personBody({ time_zone: EAST, office }));
        const boss1 = await srv.create('principals', principalBody({ time_zone: EAST, office }));
        await srv.create('assignments', { assistant_id: east.id, principal_id: boss1.id, kind: 'primary', start_date: todayIn(EAST) });
        // Pago Pago: the assignment ended yesterday where he is — no longer his.
        const west = await srv.create('assistants', personBody({ time_zone: WEST, office }));
        const boss2 = await srv.create('principals', principalBody({ time_zone: WEST, office }));
        await srv.create('assignments', { assistant_id: west.id, principal_id: boss2.id, kind: 'primary', start_date: addDays(todayIn(WEST), -30), end_date: addDays(todayIn(WEST), -1) });
        // ... and one that ends on his today: still his.
        const boss3 = await srv.create('principals', principalBody({ time_zone: WEST, office }));
        await srv.create('assignments', { assistant_id: west.id, principal_id: boss3.id, kind: 'primary', start_date: addDays(todayIn(WEST), -30), end_date: todayIn(WEST) });

        const her = await as(east, 'assistant');
        const him = await as(west, 'assistant');
        assert.equal((await her.get(`/api/v1/principals/${boss1.id}`)).status, 200, 'her executive from her midnight');
        assert.equal((await him.get(`/api/v1/principals/${boss2.id}`)).status, 404, 'his former executive after his midnight');
        assert.equal((await him.get(`/api/v1/principals/${boss3.id}`)).status, 200, 'his executive to the end of his day');
        // Desk work follows the same link: she may log a call for her executive, he no longer
        // for his former one.
        const call = (who, boss, by) => who.post('/api/v1/phone-messages', { principal_id: boss.id, taken_by_id: by.id, caller: 'Mari Maasikas', phone: '+372 5555 0000', taken_at: new Date().toISOString() });
        const mine = await call(her, boss1, east);
        assert.equal(mine.status, 201, mine.text);
        const gone = await call(him, boss2, west);
        assert.ok([403, 404].includes(gone.status), gone.text);
    });
});
