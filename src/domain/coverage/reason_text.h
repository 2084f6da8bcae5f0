/* reason_text.h: the planner's language-neutral reasons (JSON parts) in the reader's language. */
#ifndef HL_REASON_TEXT_H
#define HL_REASON_TEXT_H

#include <jansson.h>
#include <stdbool.h>

/*
 * The planner stores a cover's or an open gap's reason as a JSON array of parts, each
 * {"code": …, parameters…} (src/plan/plan.c; the codes in docs/api.md, "Reasons"). These
 * functions render them in Estonian ("et") or English (anything else). Text that is not such
 * an array (a reason written by hand, rows older than the codes) is kept as it is.
 */

/* The reason in lang; hide_cases: a part that names an open mediation case says "not
 * available" instead (docs/security.md). Returns a malloc'd string. */
char *reason_text(const char *stored, const char *lang, bool hide_cases);

/* For every object of the array items with a string "reason" in the stored form: replaces it
 * with the text in lang and adds "reason_parts", the parts as data (with hide_cases, the
 * open-case parts turned into "not_available" ones). Other items are left alone. */
void reason_localize(json_t *items, const char *lang, bool hide_cases);

/* The impact's notice of an absent assistant's own covers that approving releases, in lang:
 * "Kadri's 3 covers for Helen Koppel on 2–4 Dec are released and re-planned", "Kadri: 3
 * asendust (Helen Koppel, 2.–4. dets) vabastatakse ja planeeritakse uuesti". The days are the
 * executive's local dates (days since the epoch). Returns a malloc'd string. */
char *own_covers_text(const char *lang, const char *name, size_t n, const char *principal,
                      long long first_day, long long last_day);

/* reason_localize of one item (an object). */
void reason_localize_item(json_t *item, const char *lang, bool hide_cases);

/* For a writer that renders many reasons part by part (svc_coverage.c): one part as
 * reason_localize's "reason_parts" has it, with hide_cases (a new reference, or NULL when part
 * is not an object), and the text of an array of such parts in lang (malloc'd). */
json_t *reason_part_shown(json_t *part, bool hide_cases);
char *reason_render(const json_t *parts, const char *lang);

#endif
