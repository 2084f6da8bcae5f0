// i18n.test.mjs: the message catalogs (web/src/i18n/<area>.{en,et}.json) against the web app's
// sources. Fails when a key is missing in either language, when a key is used by nothing, when
// a t('…') key is in no catalog, when an error code of src/core/err.c has no sentence, and when
// visible text in a .tsx file (JSX text, or a title/placeholder/aria-label/alt/label… literal)
// does not come from a catalog. Parses the sources with the web app's own TypeScript.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = join(ROOT, 'web', 'src');
const I18N = join(SRC, 'i18n');
const ts = createRequire(join(ROOT, 'web', 'package.json'))('typescript');

/** Text that is not words in any language: the logo, the product's name, glyphs. */
const ALLOWED = new Set(['H', 'Haldus', 'P', 'B']);
/** Attributes whose value people see or hear. */
const VISIBLE_ATTRS = new Set(['title', 'placeholder', 'aria-label', 'alt', 'label', 'hint', 'what', 'retryLabel', 'aria-description']);
const hasLetter = (s) => /\p{L}/u.test(s);

function files(dir, out = []) {
    for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) {
            if (p !== join(SRC, 'gen')) files(p, out);
        } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
    }
    return out;
}

function loadCatalogs() {
    const areas = new Map();
    for (const name of readdirSync(I18N)) {
        const m = /^(.+)\.(en|et)\.json$/.exec(name);
        if (!m) continue;
        const a = areas.get(m[1]) || {};
        a[m[2]] = JSON.parse(readFileSync(join(I18N, name), 'utf8'));
        areas.set(m[1], a);
    }
    return areas;
}

const areas = loadCatalogs();
const en = {};
const et = {};
for (const a of areas.values()) {
    Object.assign(en, a.en || {});
    Object.assign(et, a.et || {});
}
const sources = files(SRC).filter((p) => !p.startsWith(I18N + '/') || p.endsWith('.ts'));
const parsed = sources.map((p) => ({
    path: relative(ROOT, p),
    sf: ts.createSourceFile(p, readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, true, p.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS),
}));

/** Calls f on node and its descendants; f returning false skips a node's children. */
function walk(node, f) {
    if (f(node) === false) return;
    ts.forEachChild(node, (c) => walk(c, f));
}
const isJsx = (n) => ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n);

test('every area has both languages, with the same keys and real messages', () => {
    assert.ok(areas.size >= 2, 'the catalogs are found');
    const catalogTs = readFileSync(join(I18N, 'catalog.ts'), 'utf8');
    for (const [area, { en: e, et: t }] of areas) {
        assert.ok(e, `${area}.en.json exists`);
        assert.ok(t, `${area}.et.json exists`);
        assert.deepEqual(Object.keys(t).filter((k) => !(k in e)), [], `keys of ${area}.et.json missing in English`);
        assert.deepEqual(Object.keys(e).filter((k) => !(k in t)), [], `keys of ${area}.en.json missing in Estonian`);
        for (const lang of ['en', 'et'])
            assert.ok(catalogTs.includes(`./${area}.${lang}.json`), `catalog.ts imports ${area}.${lang}.json`);
        for (const [k, v] of [...Object.entries(e), ...Object.entries(t)]) {
            const forms = typeof v === 'string' ? [v] : Object.values(v);
            assert.ok(typeof v === 'string' || typeof v.other === 'string', `${k}: a plural has "other"`);
            for (const s of forms) assert.ok(typeof s === 'string' && s.trim() !== '', `${k}: not empty`);
        }
    }
    const all = [...areas.values()].flatMap((a) => Object.keys(a.en || {}));
    assert.deepEqual(all.filter((k, i) => all.indexOf(k) !== i), [], 'no key is in two areas');
});

test('plural messages choose the right form in both languages', () => {
    for (const [k, v] of Object.entries(en)) {
        if (typeof v === 'string') continue;
        const w = et[k];
        assert.equal(typeof w, 'object', `${k} is plural in Estonian too`);
        for (const [lang, m] of [['en-GB', v], ['et-EE', w]]) {
            const pr = new Intl.PluralRules(lang);
            for (const form of new Set([0, 1, 2, 5].map((n) => pr.select(n))))
                assert.ok(m[form] ?? m.other, `${k} (${lang}) has the form ${form}`);
            assert.ok(m.one, `${k} (${lang}) has "one"`);
        }
    }
});

test('every t() key is in the catalogs, and every catalog key is used', () => {
    const literals = new Set();
    const prefixes = new Set();
    const missing = [];
    for (const { path, sf } of parsed) {
        walk(sf, (n) => {
            if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
                literals.add(n.text);
                // label('desk.status', code): a dotted literal names the keys under it.
                if (/^[\w]+(\.[\w]+)+$/.test(n.text) && !(n.text in en)) prefixes.add(`${n.text}.`);
            }
            // `error.${code}`: every key under the prefix may be chosen at run time.
            if (ts.isTemplateExpression(n) && /^[\w.]+\.$/.test(n.head.text)) prefixes.add(n.head.text);
            if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 't' && n.arguments.length) {
                const a = n.arguments[0];
                if ((ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) && !(a.text in en))
                    missing.push(`${path}:${sf.getLineAndCharacterOfPosition(a.pos).line + 1} ${a.text}`);
            }
        });
    }
    assert.deepEqual(missing, [], 't() keys in no catalog');
    const unused = Object.keys(en).filter((k) => !literals.has(k) && ![...prefixes].some((p) => k.startsWith(p)));
    assert.deepEqual(unused, [], 'catalog keys no source uses');
});

test('no visible text in the pages that does not come from a catalog', () => {
    const found = [];
    const report = (sf, path, node, text) => {
        const s = text.replace(/&[a-z]+;/g, ' ').replace(/\s+/g, ' ').trim();
        // An example address (smtp://relay.example.org:587) is the same in every language.
        if (!hasLetter(s) || ALLOWED.has(s) || /^[a-z]+:\/\/\S+$/.test(s)) return;
        found.push(`${path}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${JSON.stringify(s)}`);
    };
    /** Literal text an expression shows as it is (not what a call such as t() or href() makes). */
    const literalsOf = (sf, path, e) =>
        walk(e, (n) => {
            // Elements inside the expression are checked on their own (their text, attributes).
            if (isJsx(n)) return false;
            if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
                if (!insideCall(n, e)) report(sf, path, n, n.text);
            } else if (ts.isTemplateExpression(n) && !insideCall(n, e)) {
                report(sf, path, n, [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(' '));
            }
        });
    const insideCall = (n, top) => {
        for (let p = n.parent; p && p !== top.parent; p = p.parent) {
            if (ts.isCallExpression(p) || ts.isJsxAttribute(p) || ts.isJsxElement(p) || ts.isJsxSelfClosingElement(p)) return ts.isCallExpression(p);
            if (ts.isBinaryExpression(p) && /^(===|!==|==|!=)$/.test(p.operatorToken.getText())) return true;
            if (ts.isElementAccessExpression(p) || ts.isPropertyAccessExpression(p)) return true;
        }
        return false;
    };
    for (const { path, sf } of parsed) {
        if (!path.endsWith('.tsx')) continue;
        walk(sf, (n) => {
            if (ts.isJsxText(n)) report(sf, path, n, n.text);
            else if (ts.isJsxAttribute(n) && VISIBLE_ATTRS.has(n.name.getText()) && n.initializer) {
                if (ts.isStringLiteral(n.initializer)) report(sf, path, n, n.initializer.text);
                else if (ts.isJsxExpression(n.initializer) && n.initializer.expression) literalsOf(sf, path, n.initializer.expression);
            } else if (ts.isJsxExpression(n) && n.expression && (ts.isJsxElement(n.parent) || ts.isJsxFragment(n.parent))) {
                literalsOf(sf, path, n.expression);
            }
        });
    }
    assert.deepEqual(found, [], 'visible text not from a catalog (use t())');
});

test('every error code of the API has a sentence in both languages', () => {
    const errC = readFileSync(join(ROOT, 'src', 'core', 'err.c'), 'utf8');
    const codes = [...errC.matchAll(/\{\s*"([a-z_]+)",\s*\d{3},/g)].map((m) => m[1]).filter((c) => c !== 'ok');
    assert.ok(codes.length >= 20, `the codes of err.c are found (${codes.length})`);
    for (const c of codes) {
        assert.ok(typeof en[`error.${c}`] === 'string', `error.${c} in English`);
        assert.ok(typeof et[`error.${c}`] === 'string', `error.${c} in Estonian`);
    }
});
