/* seal_mediation.c: sealing and opening case entries with libsodium's secretbox
 * (XSalsa20-Poly1305), a random nonce per entry stored in front of the box. */
#include "seal_mediation.h"

#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum hl_err case_key_read(const char *path, unsigned char key[32], struct hl_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return hl_fail(err, HL_ERR_IO, NULL, "the case key file %s cannot be opened: %s", path,
                       strerror(errno));
    struct stat sb;
    char text[80];
    ssize_t n = -1;
    enum hl_err e = HL_OK;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
        e = hl_fail(err, HL_ERR_IO, NULL, "the case key file %s is not a regular file", path);
    else if (sb.st_mode & (S_IRWXG | S_IRWXO))
        e = hl_fail(err, HL_ERR_IO, NULL,
                    "the case key file %s may be read by others: chmod 600 it", path);
    else if ((n = read(fd, text, sizeof text - 1)) < 0)
        e = hl_fail(err, HL_ERR_IO, NULL, "the case key file %s cannot be read: %s", path,
                    strerror(errno));
    close(fd);
    if (e != HL_OK)
        return e;
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
        n--;
    text[n] = '\0';
    size_t bin_len = 0;
    if (n != 64 || sodium_hex2bin(key, 32, text, (size_t)n, NULL, &bin_len, NULL) != 0 ||
        bin_len != 32) {
        sodium_memzero(text, sizeof text);
        return hl_fail(err, HL_ERR_IO, NULL,
                       "the case key file %s must hold 64 hex digits (haldus case key-gen FILE)",
                       path);
    }
    sodium_memzero(text, sizeof text);
    return HL_OK;
}

enum hl_err case_key_generate(const char *path, struct hl_error *err)
{
    if (sodium_init() < 0)
        return hl_fail(err, HL_ERR_INTERNAL, NULL, "libsodium could not start");
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return hl_fail(err, HL_ERR_IO, NULL, "cannot create %s: %s", path, strerror(errno));
    unsigned char key[32];
    char hex[65];
    randombytes_buf(key, sizeof key);
    sodium_bin2hex(hex, sizeof hex, key, sizeof key);
    hex[64] = '\n';
    bool ok = write(fd, hex, 65) == 65 && fsync(fd) == 0;
    sodium_memzero(key, sizeof key);
    sodium_memzero(hex, sizeof hex);
    if (close(fd) != 0)
        ok = false;
    if (!ok)
        return hl_fail(err, HL_ERR_IO, NULL, "cannot write %s", path);
    return HL_OK;
}

/* The process-wide key: read once, then only read (never changed) by every thread. */
static struct {
    pthread_once_t once;
    bool set;
    unsigned char key[32];
    struct hl_error err;
    enum hl_err rc;
} g_key = {.once = PTHREAD_ONCE_INIT};

static void key_load(void)
{
    const char *path = getenv(CASE_KEY_ENV);
    hl_error_clear(&g_key.err);
    g_key.rc = HL_OK;
    if (!path || !*path)
        return;
    if (sodium_init() < 0) {
        g_key.rc = hl_fail(&g_key.err, HL_ERR_INTERNAL, NULL, "libsodium could not start");
        return;
    }
    g_key.rc = case_key_read(path, g_key.key, &g_key.err);
    g_key.set = g_key.rc == HL_OK;
}

enum hl_err case_key(const unsigned char **key, struct hl_error *err)
{
    pthread_once(&g_key.once, key_load);
    *key = g_key.set ? g_key.key : NULL;
    if (g_key.rc != HL_OK) {
        fprintf(stderr, "haldus: %s\n", g_key.err.message);
        return hl_fail(err, HL_ERR_INTERNAL, NULL,
                       "the case key is not usable; see the server log");
    }
    return HL_OK;
}

void case_seal(const unsigned char key[32], const char *text, unsigned char **out, size_t *len)
{
    size_t n = strlen(text);
    *len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
    *out = hl_malloc(*len);
    randombytes_buf(*out, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(*out + crypto_secretbox_NONCEBYTES, (const unsigned char *)text, n, *out,
                          key);
}

bool case_open(const unsigned char key[32], const unsigned char *sealed, size_t len, char **text)
{
    *text = NULL;
    if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return false;
    size_t n = len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
    char *plain = hl_malloc(n + 1);
    if (crypto_secretbox_open_easy((unsigned char *)plain, sealed + crypto_secretbox_NONCEBYTES,
                                   len - crypto_secretbox_NONCEBYTES, sealed, key) != 0) {
        free(plain);
        return false;
    }
    plain[n] = '\0';
    *text = plain;
    return true;
}
