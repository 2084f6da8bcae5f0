/* store_fit.h: SQL of the role-fit domain: what a pool-wide what-if reads (issue 14). */
#ifndef HL_STORE_FIT_H
#define HL_STORE_FIT_H

#include "db.h"
#include "err.h"
#include "fit_score.h"

#include <stddef.h>
#include <stdint.h>

/* The executives of a department (all when NULL) with today's primary assistant, every active
 * assistant with the places left after primaries outside that set, the skills the executives'
 * duties need, the assistants' skills, and the forbidden pairs (recorded incompatible pairs and
 * cases not closed between an assistant and an executive). Rows sorted by id. */
struct fit_pool {
    size_t n_exec, n_asst;
    int64_t *exec_id, *exec_current; /* current: assistant id or 0 */
    char **exec_name;
    int64_t *asst_id;
    char **asst_name;
    int32_t *asst_free;  /* capacity minus primaries held outside the set, ≥ 0 */
    int32_t *asst_years; /* experience_years */
    size_t *need0;       /* [n_exec + 1]: needs[need0[i] .. need0[i+1]) */
    struct fit_need *needs;
    size_t *skill0; /* [n_asst + 1] */
    struct fit_skill *skills;
    size_t n_forbid;
    int64_t *forbid; /* pairs: assistant id, executive id */
};

enum hl_err store_fit_pool(struct db *db, const char *department, struct fit_pool *out,
                           struct hl_error *err);
void store_fit_pool_free(struct fit_pool *p);

#endif
