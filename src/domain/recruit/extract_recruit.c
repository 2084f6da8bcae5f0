/* extract_recruit.c: a resume file's type by its bytes and its plain text — PDF through
 * poppler's pdftotext in a child process with a time limit, DOCX and ODT unpacked with
 * libarchive (with a limit on the unpacked size against zip bombs) and read with libxml2's
 * reader, text as it is. No SQL, no HTTP. */
#include "recruit.h"

#include "buf.h"
#include "mem.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <libxml/xmlreader.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ODT_MIME "application/vnd.oasis.opendocument.text"

/* Whether data is valid UTF-8 without NUL bytes or control characters other than tab, line
 * and page breaks. */
static bool plain_text(const unsigned char *s, size_t len)
{
    size_t i = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3; /* a byte-order mark */
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
                return false;
            if (c == 0x7F)
                return false;
            i++;
            continue;
        }
        size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || i + n > len || (n == 2 && c < 0xC2) || (n == 4 && c > 0xF4))
            return false;
        for (size_t k = 1; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
        if (n == 3 && c == 0xE0 && s[i + 1] < 0xA0)
            return false; /* overlong */
        if (n == 3 && c == 0xED && s[i + 1] >= 0xA0)
            return false; /* a surrogate */
        if (n == 4 && ((c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90)))
            return false;
        i += n;
    }
    return true;
}

enum resume_type resume_sniff(const unsigned char *data, size_t len)
{
    if (!data || len == 0)
        return RESUME_NONE;
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
        return RESUME_PDF;
    if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
        /* ODF keeps an uncompressed "mimetype" entry first; OOXML names word/document.xml
         * in the central directory. */
        size_t head = len < 200 ? len : 200;
        if (memmem(data, head, "mimetype", 8) && memmem(data, head, ODT_MIME, strlen(ODT_MIME)))
            return RESUME_ODT;
        if (memmem(data, len, "word/document.xml", 17))
            return RESUME_DOCX;
        return RESUME_NONE;
    }
    return plain_text(data, len) ? RESUME_TEXT : RESUME_NONE;
}

const char *resume_type_name(enum resume_type t)
{
    switch (t) {
    case RESUME_PDF:
        return "pdf";
    case RESUME_DOCX:
        return "docx";
    case RESUME_ODT:
        return "odt";
    case RESUME_TEXT:
        return "text";
    case RESUME_NONE:
        break;
    }
    return NULL;
}

/* Makes text safe to store and show: invalid UTF-8 bytes become '?', control characters but
 * tab and line breaks a space; cuts it at RECRUIT_TEXT_MAX characters. In place. */
static void clean_text(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = r;
    size_t chars = 0;
    while (*r && chars < RECRUIT_TEXT_MAX) {
        unsigned char c = *r;
        size_t n = c < 0x80             ? 1
                   : (c & 0xE0) == 0xC0 ? 2
                   : (c & 0xF0) == 0xE0 ? 3
                   : (c & 0xF8) == 0xF0 ? 4
                                        : 0;
        bool ok = n > 0 && plain_text(r, n);
        for (size_t k = 1; ok && k < n; k++)
            ok = r[k] != 0;
        if (!ok) {
            *w++ = c == 0 ? ' ' : (c < 0x20 || c == 0x7F) ? ' ' : '?';
            r++;
        } else {
            if (n == 1 && c < 0x20 && c != '\t' && c != '\n')
                *w++ = c == '\r' ? '\n' : ' ';
            else
                for (size_t k = 0; k < n; k++)
                    *w++ = r[k];
            r += n;
        }
        chars++;
    }
    *w = '\0';
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* pdftotext FILE - in a child (no shell), its output read through a pipe until it ends or the
 * time limit passes (then it is killed). Output past 4 × RECRUIT_TEXT_MAX bytes is dropped. */
static enum hl_err pdf_text(const unsigned char *data, size_t len, char **text,
                            struct hl_error *err)
{
    const char *dir = getenv("TMPDIR");
    char *path = hl_asprintf("%s/haldus-resume-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path), pipefd[2] = {-1, -1};
    enum hl_err e = HL_OK;
    pid_t pid = -1;
    struct buf out;
    buf_init(&out, (size_t)RECRUIT_TEXT_MAX * 4);
    if (fd < 0) {
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the resume could not be read");
        fprintf(stderr, "haldus: resume temp file: %s\n", strerror(errno));
        goto out;
    }
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, data + done, len - done);
        if (n <= 0) {
            e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the resume could not be read");
            goto out;
        }
        done += (size_t)n;
    }
    if (pipe2(pipefd, O_CLOEXEC) != 0) {
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the resume could not be read");
        goto out;
    }
    pid = fork();
    if (pid == 0) {
        /* The child: only async-signal-safe calls until exec. */
        struct rlimit as = {512UL << 20, 512UL << 20},
                      cpu = {RECRUIT_PDF_SECONDS, RECRUIT_PDF_SECONDS + 1};
        setrlimit(RLIMIT_AS, &as);
        setrlimit(RLIMIT_CPU, &cpu);
        dup2(pipefd[1], 1);
        int devnull = open("/dev/null", O_RDWR);
        if (devnull >= 0) {
            dup2(devnull, 0);
            dup2(devnull, 2);
        }
        char *const argv[] = {"pdftotext", "-q", "-enc", "UTF-8", path, "-", NULL};
        execvp("pdftotext", argv);
        _exit(127);
    }
    close(pipefd[1]);
    pipefd[1] = -1;
    if (pid < 0) {
        e = hl_fail(err, HL_ERR_INTERNAL, NULL, "the resume could not be read");
        goto out;
    }
    int64_t deadline = mono_ms() + RECRUIT_PDF_SECONDS * 1000;
    bool timed_out = false;
    for (;;) {
        int64_t left = deadline - mono_ms();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        struct pollfd p = {pipefd[0], POLLIN, 0};
        int r = poll(&p, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            timed_out = r == 0;
            break;
        }
        char chunk[8192];
        ssize_t n = read(pipefd[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (!buf_append(&out, chunk, (size_t)n))
            break; /* enough text: the rest is dropped */
    }
    int status = 0;
    if (timed_out || out.len >= out.limit)
        kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (timed_out) {
        e = hl_fail(err, HL_ERR_INVALID, "resume",
                    "the PDF could not be read within %d seconds; send it as DOCX, ODT or text",
                    RECRUIT_PDF_SECONDS);
        goto out;
    }
    if (out.len < out.limit && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
        e = hl_fail(err, HL_ERR_INVALID, "resume",
                    "the PDF could not be read (damaged or protected); send another file");
        goto out;
    }
    buf_append(&out, "", 1);
    *text = out.len ? buf_steal(&out) : hl_strdup("");
out:
    buf_cleanup(&out);
    if (pipefd[0] >= 0)
        close(pipefd[0]);
    if (pipefd[1] >= 0)
        close(pipefd[1]);
    if (fd >= 0) {
        close(fd);
        unlink(path);
    }
    free(path);
    return e;
}

/* The text of an OOXML or ODF document's XML: text nodes, paragraphs as lines, tabs. Entities
 * are not substituted and nothing is fetched (no XXE). */
static enum hl_err xml_text(const char *xml, size_t len, char **text, struct hl_error *err)
{
    xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)len, NULL, NULL, XML_PARSE_NONET);
    if (!r)
        return hl_fail(err, HL_ERR_INVALID, "resume", "the document could not be read");
    struct buf out;
    buf_init(&out, (size_t)RECRUIT_TEXT_MAX * 4 + 1);
    int rc;
    bool full = false;
    while (!full && (rc = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            full = v && !buf_puts(&out, v);
        } else if (type == XML_READER_TYPE_END_ELEMENT && name &&
                   (strcmp(name, "p") == 0 || strcmp(name, "h") == 0)) {
            full = !buf_puts(&out, "\n");
        } else if (type == XML_READER_TYPE_ELEMENT && name &&
                   (strcmp(name, "tab") == 0 || strcmp(name, "s") == 0)) {
            full = !buf_puts(&out, strcmp(name, "tab") == 0 ? "\t" : " ");
        } else if (type == XML_READER_TYPE_ELEMENT && name &&
                   (strcmp(name, "br") == 0 || strcmp(name, "line-break") == 0)) {
            full = !buf_puts(&out, "\n");
        }
    }
    xmlFreeTextReader(r);
    if (!full && rc != 0) {
        buf_cleanup(&out);
        return hl_fail(err, HL_ERR_INVALID, "resume", "the document's text is not valid XML");
    }
    buf_append(&out, "", 1);
    *text = buf_steal(&out);
    buf_cleanup(&out);
    return HL_OK;
}

/* The XML entry `want` of a ZIP (DOCX or ODT), unpacked with a limit on its size. */
static enum hl_err zip_entry(const unsigned char *data, size_t len, const char *want, char **xml,
                             size_t *xml_len, struct hl_error *err)
{
    struct archive *a = archive_read_new();
    archive_read_support_format_zip(a);
    enum hl_err e = HL_OK;
    struct buf out;
    buf_init(&out, RECRUIT_UNZIP_MAX);
    bool found = false;
    if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
        e = hl_fail(err, HL_ERR_INVALID, "resume", "the document is not a readable ZIP file");
        goto out;
    }
    struct archive_entry *ent;
    int rc;
    while ((rc = archive_read_next_header(a, &ent)) == ARCHIVE_OK) {
        const char *name = archive_entry_pathname(ent);
        if (!name || strcmp(name, want) != 0)
            continue;
        found = true;
        if (archive_entry_size_is_set(ent) && archive_entry_size(ent) > RECRUIT_UNZIP_MAX) {
            e = hl_fail(err, HL_ERR_TOO_LARGE, "resume", "the document unpacks to more than %d MB",
                        RECRUIT_UNZIP_MAX >> 20);
            goto out;
        }
        char chunk[65536];
        la_ssize_t n;
        while ((n = archive_read_data(a, chunk, sizeof chunk)) > 0) {
            if (!buf_append(&out, chunk, (size_t)n)) {
                e = hl_fail(err, HL_ERR_TOO_LARGE, "resume",
                            "the document unpacks to more than %d MB", RECRUIT_UNZIP_MAX >> 20);
                goto out;
            }
        }
        if (n < 0) {
            e = hl_fail(err, HL_ERR_INVALID, "resume", "the document is damaged");
            goto out;
        }
        break;
    }
    if (!found) {
        e = hl_fail(err, HL_ERR_INVALID, "resume", "the document has no %s: not a %s file", want,
                    strcmp(want, "content.xml") == 0 ? "ODT" : "DOCX");
        goto out;
    }
    *xml_len = out.len;
    buf_append(&out, "", 1);
    *xml = buf_steal(&out);
out:
    buf_cleanup(&out);
    archive_read_free(a);
    return e;
}

enum hl_err resume_extract(enum resume_type t, const unsigned char *data, size_t len, char **text,
                           struct hl_error *err)
{
    *text = NULL;
    enum hl_err e = HL_OK;
    char *xml = NULL;
    size_t xml_len = 0;
    switch (t) {
    case RESUME_PDF:
        e = pdf_text(data, len, text, err);
        break;
    case RESUME_DOCX:
    case RESUME_ODT:
        e = zip_entry(data, len, t == RESUME_DOCX ? "word/document.xml" : "content.xml", &xml,
                      &xml_len, err);
        if (e == HL_OK)
            e = xml_text(xml, xml_len, text, err);
        free(xml);
        break;
    case RESUME_TEXT: {
        size_t skip = len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? 3 : 0;
        *text = hl_strndup((const char *)data + skip, len - skip);
        break;
    }
    case RESUME_NONE:
        e = hl_fail(err, HL_ERR_INVALID, "resume", "the file is not a PDF, DOCX, ODT or text");
        break;
    }
    if (e == HL_OK)
        clean_text(*text);
    return e;
}
