/* plan_lp.c: writes the coverage MIP in CPLEX LP format, so glpsol or cbc can check a plan. */
#include "plan.h"
#include "plan_mip.h"
#include "buf.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Output goes to a buffer, flushed to f (when there is one) every megabyte. */
struct lp_out {
    struct buf b;
    FILE *f;
    bool failed;
    size_t line; /* characters on the current line */
};

static void lp_flush(struct lp_out *o, bool force)
{
    if (!o->f || o->failed || (!force && o->b.len < (1u << 20)))
        return;
    if (o->b.len && fwrite(o->b.data, 1, o->b.len, o->f) != o->b.len)
        o->failed = true;
    buf_reset(&o->b);
}

static void lp_puts(struct lp_out *o, const char *s)
{
    size_t n = strlen(s);
    buf_append(&o->b, s, n);
    const char *nl = strrchr(s, '\n');
    o->line = nl ? strlen(nl + 1) : o->line + n;
    lp_flush(o, false);
}

static void fmt_num(double v, char *buf, size_t size)
{
    if (fabs(v) < 1e15 && v == floor(v))
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%.17g", v);
}

/* " + 3 x1_2" with a line break first when the line is long (LP lines may continue). */
static void lp_term(struct lp_out *o, const struct plan_mip *m, double coef, size_t col)
{
    char name[40], num[40], t[96];
    plan_mip_col_name(m, col, name, sizeof name);
    fmt_num(fabs(coef), num, sizeof num);
    if (o->line > 72)
        lp_puts(o, "\n   ");
    if (fabs(coef) == 1)
        snprintf(t, sizeof t, " %c %s", coef < 0 ? '-' : '+', name);
    else
        snprintf(t, sizeof t, " %c %s %s", coef < 0 ? '-' : '+', num, name);
    lp_puts(o, t);
}

static void lp_model(struct lp_out *o, const struct plan_instance *inst, const struct plan_mip *m)
{
    char line[160], name[40], num[40];
    snprintf(line, sizeof line,
             "\\ Haldus coverage plan: %zu gap slots, %zu assistants, %zu principals, "
             "%d-minute slots\n\\ The model is described in docs/planner.md.\n",
             m->n_gaps, inst->n_assistants, inst->n_principals, (int)inst->slot_minutes);
    lp_puts(o, line);
    lp_puts(o, "Minimize\n obj:");
    bool any = false;
    for (size_t j = 0; j < m->n_cols; j++)
        if (m->cols[j].cost != 0) {
            lp_term(o, m, m->cols[j].cost, j);
            any = true;
        }
    if (!any)
        lp_puts(o, " 0 none");
    lp_puts(o, "\nSubject To\n");
    for (size_t i = 0; i < m->n_rows; i++) {
        const struct plan_mip_row *r = &m->rows[i];
        plan_mip_row_name(m, i, name, sizeof name);
        snprintf(line, sizeof line, " %s:", name);
        lp_puts(o, line);
        for (size_t q = r->start; q < r->start + r->len; q++)
            lp_term(o, m, m->val[q], (size_t)m->idx[q]);
        fmt_num(r->rhs, num, sizeof num);
        snprintf(line, sizeof line, " %s %s\n",
                 r->sense == 'E'   ? "="
                 : r->sense == 'L' ? "<="
                                   : ">=",
                 num);
        lp_puts(o, line);
    }
    if (m->n_rows == 0)
        lp_puts(o, " r0: none = 0\n");
    lp_puts(o, "Bounds\n");
    for (size_t j = 0; j < m->n_cols; j++) {
        const struct plan_mip_col *c = &m->cols[j];
        if (c->binary)
            continue;
        plan_mip_col_name(m, j, name, sizeof name);
        if (c->ub >= 1e30) {
            fmt_num(c->lb, num, sizeof num);
            snprintf(line, sizeof line, " %s >= %s\n", name, num);
        } else {
            char num2[40];
            fmt_num(c->lb, num, sizeof num);
            fmt_num(c->ub, num2, sizeof num2);
            snprintf(line, sizeof line, " %s <= %s <= %s\n", num, name, num2);
        }
        lp_puts(o, line);
    }
    if (!any && m->n_cols == 0)
        lp_puts(o, " none = 0\n");
    bool first = true;
    for (size_t j = 0; j < m->n_cols; j++) {
        if (!m->cols[j].binary)
            continue;
        if (first)
            lp_puts(o, "Binary\n");
        first = false;
        plan_mip_col_name(m, j, name, sizeof name);
        if (o->line > 72)
            lp_puts(o, "\n");
        snprintf(line, sizeof line, " %s", name);
        lp_puts(o, line);
    }
    if (!first)
        lp_puts(o, "\n");
    first = true;
    for (size_t j = 0; j < m->n_cols; j++) {
        if (!m->cols[j].integer)
            continue;
        if (first)
            lp_puts(o, "General\n");
        first = false;
        plan_mip_col_name(m, j, name, sizeof name);
        if (o->line > 72)
            lp_puts(o, "\n");
        snprintf(line, sizeof line, " %s", name);
        lp_puts(o, line);
    }
    if (!first)
        lp_puts(o, "\n");
    lp_puts(o, "End\n");
}

static enum plan_rc lp_run(const struct plan_instance *inst, const struct plan_weights *w,
                           int64_t max_vars, struct lp_out *o)
{
    struct plan_mip m;
    enum plan_rc rc = plan_mip_build(inst, w, max_vars, &m);
    if (rc == PLAN_OK)
        lp_model(o, inst, &m);
    plan_mip_cleanup(&m);
    return rc;
}

enum plan_rc plan_lp_write(const struct plan_instance *inst, const struct plan_weights *w,
                           int64_t max_vars, FILE *out)
{
    struct lp_out o = {.f = out};
    buf_init(&o.b, 0);
    enum plan_rc rc = lp_run(inst, w, max_vars, &o);
    if (rc == PLAN_OK) {
        lp_flush(&o, true);
        if (o.failed || fflush(out) != 0)
            rc = PLAN_EIO;
    }
    buf_cleanup(&o.b);
    return rc;
}

enum plan_rc plan_lp_format(const struct plan_instance *inst, const struct plan_weights *w,
                            int64_t max_vars, char **text, size_t *len)
{
    struct lp_out o = {.f = NULL};
    buf_init(&o.b, 0);
    *text = NULL;
    *len = 0;
    enum plan_rc rc = lp_run(inst, w, max_vars, &o);
    if (rc == PLAN_OK) {
        *len = o.b.len;
        *text = buf_steal(&o.b);
        if (!*text)
            *text = hl_calloc(1, 1);
    }
    buf_cleanup(&o.b);
    return rc;
}
