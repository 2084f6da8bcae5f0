/* recruit.h: the recruiting domain (issue 12) — requisitions for a new assistant, their job
 * postings in Estonian and English, the public careers page with its application form, the
 * resume's text for screening (FTS5 BM25 with the must-haves found, each rank explained), the
 * pipeline of an application as a workflow, and the candidate's data export and erasure. */
#ifndef HL_RECRUIT_H
#define HL_RECRUIT_H

#include "domain.h"
#include "entity.h"
#include "svc.h"
#include "workflow.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern const struct entity ent_requisition;
extern const struct entity ent_posting;
extern const struct entity ent_application;
extern const struct workflow wf_requisition;
extern const struct workflow wf_posting;
extern const struct workflow wf_application;
extern const struct domain domain_recruit;

#define RECRUIT_FILE_MAX       (10 * 1024 * 1024) /* bytes of one resume file */
#define RECRUIT_TEXT_MAX       200000             /* characters of a resume's text kept */
#define RECRUIT_UNZIP_MAX      (20 * 1024 * 1024) /* bytes a DOCX/ODT may unpack to */
#define RECRUIT_PDF_SECONDS    10                 /* pdftotext's time limit */
#define RECRUIT_RANK_MAX       500                /* applications one ranking answers */
#define RECRUIT_APPLY_WINDOW   600                /* seconds of the per-address window … */
#define RECRUIT_APPLY_MAX      5                  /* … and the applications it allows */
#define RECRUIT_RETENTION_DAYS 183                /* rejected candidates kept (the default) */

/* How long rejected candidates' data is kept, in words for a candidate: "6 months", "6 kuud",
 * or in days when the setting is not a whole number of months as the web app sets it (30.5
 * days a month): "45 days", "45 päeva". Returns a malloc'd string. */
char *recruit_keep_words(int days, bool et);

/* ---- resume files (extract_recruit.c; no SQL) ---- */

enum resume_type { RESUME_NONE, RESUME_PDF, RESUME_DOCX, RESUME_ODT, RESUME_TEXT };

/* The type of a file by its bytes, never its name: %PDF-, a ZIP holding word/document.xml
 * (DOCX) or an ODF text mimetype (ODT), or valid UTF-8 text without NUL bytes. RESUME_NONE for
 * anything else. */
enum resume_type resume_sniff(const unsigned char *data, size_t len);
const char *resume_type_name(enum resume_type t);

/* The plain text of a resume file of type t: pdftotext run as a child process with a time
 * limit, DOCX/ODT read with libarchive (refused past RECRUIT_UNZIP_MAX unpacked: a zip bomb),
 * text as it is; cut at RECRUIT_TEXT_MAX characters. *text is malloc'd. */
enum hl_err resume_extract(enum resume_type t, const unsigned char *data, size_t len, char **text,
                           struct hl_error *err);

/* ---- screening (rank_recruit.c; pure) ---- */

struct rank_item {
    int64_t id;
    double bm25;           /* SQLite's bm25(): lower is better; 0 when the query found nothing */
    unsigned skills_found; /* bit i: must-have term i found in the text */
    unsigned langs_found;  /* bit i: required language i found (declared or in the text) */
    double score;          /* out: 0–100 */
};

/* Scores items: the must-have skills and languages found weigh 70, the text relevance
 * (normalised BM25 across the items) 30; sorts best first (ties by id). nskills and nlangs
 * are the numbers of terms asked (at most 32 each). */
void rank_score(struct rank_item *items, size_t n, unsigned nskills, unsigned nlangs);

/* Ranking many applications (issue 12: 100,000 in 50 ms) without re-reading their text: each
 * application keeps, for its requisition's terms (must-have skills, then languages), the
 * number of tokens of its text, which terms it mentions and how often (stored with it when it
 * is written, recomputed when it or the terms change). The relevance is BM25 as SQLite's FTS5
 * computes it (k1 1.2, b 0.75; resume and note weigh 1, the declared languages 0), with the
 * statistics (rows, average length, rows per term) of the applications ranked. */
#define RANK_TERMS_MAX 64 /* bit i < 32: must-have skill i; bit 32 + j: language j */
#define RANK_WORDS_MAX 32 /* the manager's extra words (q) */

struct rank_row {
    int64_t id;
    uint64_t found;        /* the terms it mentions (anywhere: resume, note, languages) */
    uint32_t doclen;       /* tokens of resume, note and declared languages */
    uint32_t qfound;       /* bit k: extra word k found */
    const uint16_t *freq;  /* per found term, in bit order: times in resume and note */
    const uint16_t *qfreq; /* per extra word (nwords of them; NULL: none found) */
};

struct rank_query {
    unsigned nskills, nlangs; /* the terms asked (found ones weigh 70 together) */
    uint64_t phrases;         /* the terms in the relevance query (the non-blank ones) */
    unsigned nwords;          /* extra words */
    bool must_met;            /* only rows that mention every term */
    size_t limit;
};

/* Scores every row as rank_score would and keeps the best q->limit in top (best first, ties by
 * id) without sorting the rest. Returns how many rows pass the filter (all but must_met). */
size_t rank_top(const struct rank_row *rows, size_t n, const struct rank_query *q,
                struct rank_item *top);

/* The stored form of a row's numbers: sig (of the terms), doclen, found and the found terms'
 * frequencies, little-endian. rank_row_encode returns the bytes written (at most
 * RANK_BLOB_MAX); rank_row_decode fills *r (freq into freqs, which has RANK_TERMS_MAX
 * places) and returns false when the bytes are not for sig. */
#define RANK_BLOB_MAX (16 + 2 * RANK_TERMS_MAX)
size_t rank_row_encode(uint32_t sig, uint32_t doclen, uint64_t found, const uint16_t *freq,
                       unsigned char *out);
bool rank_row_decode(const unsigned char *blob, size_t len, uint32_t sig, struct rank_row *r,
                     uint16_t *freqs);

/* ---- use cases (svc_recruit.c) ---- */

/* What a requisition for principal_id would hold: the executive's duties, the must-have skills
 * of their must-have duties, their languages and office; empty lists (name and office null) for
 * no executive or an unknown one. */
enum hl_err svc_recruit_template(struct svc_ctx *ctx, int64_t principal_id, json_t **out,
                                 struct hl_error *err);

/* Creates the posting of requisition id in lang ("et" or "en") from the requisition's text
 * (a draft to edit); 409 when it has one in that language; 412 when if_match (IF_MATCH_NONE:
 * not checked) is not the requisition's version. */
enum hl_err svc_recruit_generate_posting(struct svc_ctx *ctx, int64_t id, const char *lang,
                                         int64_t if_match, json_t **out, struct hl_error *err);

/* The applications of a requisition ranked (best first) with their explanation. Filters:
 * stage (NULL all open ones), q (extra words for the text relevance), language. */
struct rank_filter {
    const char *stage;
    const char *q;
    const char *language;
    int limit;
    bool must_met; /* only those that mention every must-have skill and language */
};
enum hl_err svc_recruit_rank(struct svc_ctx *ctx, int64_t requisition, const struct rank_filter *f,
                             json_t **out, struct hl_error *err);

/* Stores the screening numbers (rank_row) of n applications of one requisition for its terms:
 * for rows written without the use cases (the bench's bulk insert). Inside the caller's
 * transaction. */
enum hl_err svc_recruit_rank_store(struct svc_ctx *ctx, int64_t requisition, const int64_t *ids,
                                   size_t n, struct hl_error *err);

/* The pipeline board: per stage the count, the applications and the average days spent. */
enum hl_err svc_recruit_board(struct svc_ctx *ctx, int64_t requisition, json_t **out,
                              struct hl_error *err);

/* A candidate's data (application, stage history, resume text; not the file) for a request
 * to see it (a read: GETs change nothing, so it is not audited). */
enum hl_err svc_recruit_export(struct svc_ctx *ctx, int64_t id, json_t **out, struct hl_error *err);

/* Erases an application (row, file, search text, stage history) and blanks the data its audit
 * rows hold; one audit row says it happened, with no personal data. */
enum hl_err svc_recruit_erase(struct svc_ctx *ctx, int64_t id, int64_t if_match,
                              struct hl_error *err);

/* The resume file of an application (managers): *data malloc'd. */
enum hl_err svc_recruit_resume(struct svc_ctx *ctx, int64_t id, unsigned char **data, size_t *len,
                               char **name, char **type, struct hl_error *err);

/* An application from the careers page: the fields already checked by the form's reader; the
 * file already sniffed and its text extracted. Queues the confirmation e-mail. */
struct careers_form {
    int64_t posting_id;
    char *name, *email, *phone, *note, *languages, *consent;
    unsigned char *file;
    size_t file_len;
    char *file_name;
    bool file_too_large;
    bool form_too_large;
};
enum hl_err svc_recruit_apply(struct svc_ctx *ctx, const struct careers_form *f,
                              enum resume_type type, const char *text, const char *lang,
                              int64_t *id, struct hl_error *err);

/* The retention of rejected and withdrawn candidates: {retention_days, version}; the change
 * needs If-Match (version) and 1..3650 days. */
enum hl_err svc_recruit_settings(struct svc_ctx *ctx, json_t **out, struct hl_error *err);
enum hl_err svc_recruit_settings_update(struct svc_ctx *ctx, int64_t if_match, const json_t *body,
                                        json_t **out, struct hl_error *err);

/* The daily work (the kit's tick): erases the rejected and withdrawn applications past the
 * retention period, resume included, the audit keeping the fact. */
enum hl_err recruit_tick(struct svc_ctx *ctx, char **summary, struct hl_error *err);

/* Hooks: demo (demo_recruit.c), the careers page's throttle (careers_recruit.c). */
enum hl_err recruit_demo(struct svc_ctx *ctx, const struct demo_context *demo,
                         struct hl_error *err);

/* Handlers (api_recruit.c, careers_recruit.c). */
struct request;
struct response;
enum hl_err api_recruit_template(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_recruit_generate(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_recruit_rank(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_recruit_board(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_recruit_export(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_recruit_erase(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_recruit_resume(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_recruit_settings(struct request *req, struct response *res, struct hl_error *err);
enum hl_err api_recruit_settings_update(struct request *req, struct response *res,
                                        struct hl_error *err);
enum hl_err careers_list(struct request *req, struct response *res, struct hl_error *err);
enum hl_err careers_posting(struct request *req, struct response *res, struct hl_error *err);
enum hl_err careers_apply(struct request *req, struct response *res, struct hl_error *err);
enum hl_err careers_style(struct request *req, struct response *res, struct hl_error *err);
enum hl_err careers_admit(struct request *req, struct response *res, struct hl_error *err);

#endif
