/* reason_text.c: renders the planner's reason parts in Estonian or English (a small catalog). */
#include "reason_text.h"
#include "buf.h"
#include "timeutil.h"

#include <stdlib.h>
#include <string.h>

/* The catalog: each sentence as a pair of literals, so the compiler checks both formats. */
#define T(en, et) (et_ ? (et) : (en))

static const char *str(const json_t *part, const char *key)
{
    const char *s = json_string_value(json_object_get(part, key));
    return s ? s : "";
}

static int num(const json_t *part, const char *key)
{
    return (int)json_integer_value(json_object_get(part, key));
}

static bool is(const char *code, const char *want)
{
    return strcmp(code, want) == 0;
}

/* "Finnish 4, travel 3" of a part's "must" list. */
static void must_text(struct buf *b, const json_t *part)
{
    size_t i;
    json_t *m;
    json_array_foreach(json_object_get(part, "must"), i, m)
        buf_printf(b, "%s%s %d", i ? ", " : "", str(m, "skill"), num(m, "level"));
}

static bool has_must(const json_t *part)
{
    return json_array_size(json_object_get(part, "must")) > 0;
}

/* The subject of an open gap's sentence: "the only 2 assistants with must-have Finnish 4",
 * "ainsad 2 sobivat assistenti". onduty: "on duty" belongs in it. */
static void subject(struct buf *b, bool et_, const json_t *part, int n, bool all, bool onduty)
{
    bool must = has_must(part);
    if (et_) {
        const char *duty = onduty ? (n == 1 ? "tööl olev " : "tööl olevat ") : "";
        if (n == 1)
            buf_printf(b, "ainus %s%sassistent", duty, must ? "" : "sobiv ");
        else
            buf_printf(b, "%s %d %s%sassistenti", all ? "kõik" : "ainsad", n, duty,
                       must ? "" : "sobivat ");
        if (must) {
            buf_puts(b, " nõutavate oskustega ");
            must_text(b, part);
        }
        return;
    }
    if (n == 1)
        buf_puts(b, "the only assistant");
    else
        buf_printf(b, "%s %d assistants", all ? "all" : "the only", n);
    if (must) {
        buf_puts(b, " with must-have ");
        must_text(b, part);
    } else {
        buf_puts(b, " qualified");
    }
    if (onduty)
        buf_puts(b, " on duty");
}

static void passed_over_text(struct buf *b, bool et_, const json_t *part)
{
    const char *name = str(part, "name");
    int rank = num(part, "rank");
    if (*name)
        buf_printf(b, T("backup #%d %s ", "asendaja nr %d %s "), rank, name);
    else
        buf_printf(b, T("backup #%d (assistant %d) ", "asendaja nr %d (assistent %d) "), rank,
                   num(part, "assistant_id"));
    const char *why = str(part, "why");
    if (is(why, "capacity"))
        buf_puts(b, T("is at capacity on those days", "on neil päevadel täielikult hõivatud"));
    else if (is(why, "away"))
        buf_puts(b, T("is away on those days", "on neil päevadel eemal"));
    else if (is(why, "off_duty"))
        buf_puts(b, T("is off duty then", "ei ole siis tööl"));
    else if (is(why, "skill"))
        buf_printf(b, T("lacks must-have %s %d", "ei vasta nõudele %s %d"), str(part, "skill"),
                   num(part, "level"));
    else if (is(why, "conflict"))
        buf_puts(b, T("is party to an open case", "on selle juhiga avatud juhtumi osapool"));
    else if (is(why, "cost"))
        buf_puts(b, T("is free but costs more here (continuity, fairness, office)",
                      "on vaba, kuid siin kulukam (järjepidevus, õiglane koormus, kontor)"));
    else
        buf_puts(b, T("is not available", "pole saadaval"));
}

/* "Tue 3 Feb 14:00", "T 3. veebr 14:00" of a part's local time (weekday, day, month, minute), or
 * its "utc" instant when the zone could not say. */
static void when_text(struct buf *b, bool et_, const json_t *part)
{
    static const char *const wd_en[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const wd_et[] = {"E", "T", "K", "N", "R", "L", "P"};
    static const char *const mon_en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const char *const mon_et[] = {"jaan",  "veebr", "märts", "apr", "mai", "juuni",
                                         "juuli", "aug",   "sept",  "okt", "nov", "dets"};
    int wd = num(part, "weekday"), m = num(part, "month"), min = num(part, "minute");
    if (wd < 1 || wd > 7 || m < 1 || m > 12 || min < 0 || min >= 24 * 60) {
        buf_puts(b, str(part, "utc"));
        return;
    }
    if (et_)
        buf_printf(b, "%s %d. %s %02d:%02d", wd_et[wd - 1], num(part, "day"), mon_et[m - 1],
                   min / 60, min % 60);
    else
        buf_printf(b, "%s %d %s %02d:%02d", wd_en[wd - 1], num(part, "day"), mon_en[m - 1],
                   min / 60, min % 60);
}

/* Why an assistant is not on the "pick another assistant" list. */
static void pick_text(struct buf *b, bool et_, const json_t *part)
{
    const char *why = str(part, "why");
    if (is(why, "skill")) {
        const char *skill = *str(part, "skill") ? str(part, "skill") : T("a skill", "oskus");
        buf_printf(b,
                   T("lacks the must-have %s (level %d of %d)", "nõutav %s puudu (tase %d / %d)"),
                   skill, num(part, "have"), num(part, "level"));
    } else if (is(why, "conflict")) {
        buf_puts(b, T("is party to an open case with this executive",
                      "on selle juhiga avatud juhtumi osapool"));
    } else if (is(why, "at_capacity")) {
        if (et_)
            buf_printf(b, "toetab juba %d juhti (mahutavus %d): ", num(part, "load"),
                       num(part, "capacity"));
        else
            buf_printf(b, "already supports %d executives (capacity %d) at ", num(part, "load"),
                       num(part, "capacity"));
        when_text(b, et_, part);
    } else if (is(why, "away")) {
        buf_puts(b, T("is away at ", "on eemal: "));
        when_text(b, et_, part);
    } else if (is(why, "off_duty")) {
        buf_puts(b, T("does not work at ", "ei ole tööl: "));
        when_text(b, et_, part);
    } else {
        buf_puts(b, T("is not available", "pole saadaval"));
    }
}

/* One part, without its separator; false for a code this build does not know. */
static bool part_text(struct buf *b, bool et_, const json_t *part)
{
    const char *c = str(part, "code");
    int n = num(part, "n");
    if (is(c, "backup"))
        buf_printf(b, T("designated backup #%d", "määratud asendaja nr %d"), num(part, "rank"));
    else if (is(c, "not_designated"))
        buf_puts(b, T("not a designated backup", "pole määratud asendaja"));
    else if (is(c, "same_office"))
        buf_puts(b, T("same office", "sama kontor"));
    else if (is(c, "other_office"))
        buf_puts(b, T("other office", "teine kontor"));
    else if (is(c, "same_time_zone"))
        buf_puts(b, T("same time zone", "sama ajavöönd"));
    else if (is(c, "other_time_zone"))
        buf_puts(b, T("other time zone", "teine ajavöönd"));
    else if (is(c, "nice_short"))
        buf_printf(b, T("%s %d of %d (nice-to-have)", "%s %d, soovitav %d"), str(part, "skill"),
                   num(part, "have"), num(part, "level"));
    else if (is(c, "nice_met"))
        buf_puts(b, T("every nice-to-have skill met", "kõik soovitavad oskused olemas"));
    else if (is(c, "must_met"))
        buf_puts(b, T("every must-have skill met", "kõik nõutavad oskused olemas"));
    else if (is(c, "same_backup"))
        buf_puts(b, T("same backup as the previous slot", "sama asendaja kui eelmises vahemikus"));
    else if (is(c, "switch"))
        buf_puts(b, T("takes over from another backup (switch)",
                      "võtab üle teiselt asendajalt (vahetus)"));
    else if (is(c, "replaces")) {
        const char *name = str(part, "name");
        if (*name)
            buf_printf(b, T("replaces %s for ", "asendab töötajat %s "), name);
        else
            buf_printf(b, T("replaces assistant %d for ", "asendab assistenti %d "),
                       num(part, "assistant_id"));
        if (n == 2)
            buf_puts(b, T("both her executives", "mõlema tema juhi juures"));
        else
            buf_printf(b, T("all %d of her executives", "kõigi tema %d juhi juures"), n);
    } else if (is(c, "passed_over"))
        passed_over_text(b, et_, part);
    else if (is(c, "no_assistants"))
        buf_puts(b, T("there are no assistants in the pool", "kogumis pole ühtegi assistenti"));
    else if (is(c, "no_skill"))
        buf_printf(b, T("no assistant has must-have %s %d", "ühelgi assistendil pole nõuet %s %d"),
                   str(part, "skill"), num(part, "level"));
    else if (is(c, "no_skill_all")) {
        buf_puts(b, T("no assistant has every must-have skill (",
                      "ühelgi assistendil pole kõiki nõutavaid oskusi ("));
        must_text(b, part);
        buf_puts(b, ")");
    } else if (is(c, "conflict")) {
        subject(b, et_, part, n, false, false);
        if (et_)
            buf_puts(b, n == 1 ? " on selle juhiga avatud juhtumi osapool"
                               : " on selle juhiga avatud juhtumi osapooled");
        else
            buf_printf(b, " %s party to an open case with this principal", n == 1 ? "is" : "are");
    } else if (is(c, "pick"))
        pick_text(b, et_, part);
    else if (is(c, "not_available"))
        buf_puts(b, T("not available", "pole saadaval"));
    else if (is(c, "unavailable")) {
        int absent = num(part, "absent"), off = num(part, "off_duty");
        subject(b, et_, part, n, false, false);
        if (off == 0)
            buf_puts(b, T(n == 1 ? " is absent" : " are absent", " on eemal"));
        else if (absent == 0)
            buf_puts(b, T(n == 1 ? " is off duty" : " are off duty", " ei ole tööl"));
        else if (n == 1)
            buf_puts(b, T(" is away", " on eemal"));
        else
            buf_printf(
                b, T(" are absent (%d) or off duty (%d)", " on eemal (%d) või ei ole tööl (%d)"),
                absent, off);
    } else if (is(c, "full")) {
        subject(b, et_, part, n, n != 1, true);
        buf_puts(b, T(n == 1 ? " is at capacity" : " are at capacity", " on täielikult hõivatud"));
    } else if (is(c, "cost"))
        buf_puts(b, T("left open: covering it would cost more than the gap (check the weights)",
                      "jäetud katmata: katmine maksaks rohkem kui lünk (vaata kaalusid)"));
    else
        return false;
    return true;
}

/* The separator before a part: ", " inside the designation/office/time zone group and between
 * missing nice-to-have skills, "; " elsewhere. */
static const char *separator(const char *code, const char *prev)
{
    if (strstr(code, "_office") || strstr(code, "_time_zone"))
        return ", ";
    if (is(code, "nice_short") && is(prev, "nice_short"))
        return ", ";
    return "; ";
}

/* Turns the open-case parts of parts into "not available" ones (in place). */
static void hide(json_t *parts)
{
    size_t i;
    json_t *p;
    json_array_foreach(parts, i, p)
    {
        if (is(str(p, "code"), "conflict"))
            json_array_set_new(parts, i, json_pack("{ss}", "code", "not_available"));
        else if (is(str(p, "code"), "passed_over") && is(str(p, "why"), "conflict"))
            json_object_set_new(p, "why", json_string("not_available"));
    }
}

static char *render(const json_t *parts, bool et_)
{
    struct buf b;
    buf_init(&b, 0);
    size_t i;
    json_t *p;
    const char *prev = "";
    json_array_foreach(parts, i, p)
    {
        const char *code = str(p, "code");
        size_t mark = b.len;
        if (b.len)
            buf_puts(&b, separator(code, prev));
        if (!part_text(&b, et_, p)) { /* a code of a newer build: left out */
            b.len = mark;
            if (b.data)
                b.data[mark] = '\0';
            continue;
        }
        prev = code;
    }
    char *s = buf_steal(&b);
    return s ? s : strdup("");
}

static json_t *parse(const char *stored)
{
    if (!stored || stored[0] != '[')
        return NULL;
    json_t *parts = json_loads(stored, 0, NULL);
    if (parts && !json_is_array(parts)) {
        json_decref(parts);
        return NULL;
    }
    return parts;
}

static bool lang_et(const char *lang)
{
    return lang && strcmp(lang, "et") == 0;
}

char *reason_text(const char *stored, const char *lang, bool hide_cases)
{
    json_t *parts = parse(stored);
    if (!parts)
        return strdup(stored ? stored : "");
    if (hide_cases)
        hide(parts);
    char *s = render(parts, lang_et(lang));
    json_decref(parts);
    return s;
}

void reason_localize(json_t *items, const char *lang, bool hide_cases)
{
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) reason_localize_item(it, lang, hide_cases);
}

void reason_localize_item(json_t *it, const char *lang, bool hide_cases)
{
    json_t *parts = parse(json_string_value(json_object_get(it, "reason")));
    if (!parts)
        return;
    if (hide_cases)
        hide(parts);
    char *s = render(parts, lang_et(lang));
    json_object_set_new(it, "reason", json_string(s));
    json_object_set_new(it, "reason_parts", parts);
    free(s);
}

json_t *reason_part_shown(json_t *part, bool hide_cases)
{
    if (!json_is_object(part))
        return NULL;
    json_t *one = json_pack("[O]", part);
    if (!one)
        return NULL;
    if (hide_cases)
        hide(one);
    json_t *shown = json_incref(json_array_get(one, 0));
    json_decref(one);
    return shown;
}

char *reason_render(const json_t *parts, const char *lang)
{
    return render(parts, lang_et(lang));
}

char *own_covers_text(const char *lang, const char *name, size_t n, const char *principal,
                      long long first_day, long long last_day)
{
    static const char *const en_mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const char *const et_mon[] = {"jaan",  "veebr", "märts", "apr", "mai", "juuni",
                                         "juuli", "aug",   "sept",  "okt", "nov", "dets"};
    bool et_ = lang && strcmp(lang, "et") == 0;
    const char *const *mon = et_ ? et_mon : en_mon;
    int y0, m0, a0, y1, m1, a1;
    civil_from_days(first_day, &y0, &m0, &a0);
    civil_from_days(last_day, &y1, &m1, &a1);
    struct buf when, b;
    buf_init(&when, 0);
    buf_init(&b, 0);
    if (first_day == last_day)
        buf_printf(&when, T("%d %s", "%d. %s"), a0, mon[m0 - 1]);
    else if (m0 == m1 && y0 == y1)
        buf_printf(&when, T("%d\u2013%d %s", "%d.\u2013%d. %s"), a0, a1, mon[m1 - 1]);
    else
        buf_printf(&when, T("%d %s\u2013%d %s", "%d. %s \u2013 %d. %s"), a0, mon[m0 - 1], a1,
                   mon[m1 - 1]);
    if (!name)
        name = T("the assistant", "assistent");
    if (!principal)
        principal = "";
    if (n == 1)
        buf_printf(&b,
                   T("%s's 1 cover for %s on %s is released and re-planned",
                     "%s: asendus (%s, %s) vabastatakse ja planeeritakse uuesti"),
                   name, principal, when.data);
    else
        buf_printf(&b,
                   T("%s's %zu covers for %s on %s are released and re-planned",
                     "%s: %zu asendust (%s, %s) vabastatakse ja planeeritakse uuesti"),
                   name, n, principal, when.data);
    buf_cleanup(&when);
    return buf_steal(&b);
}
