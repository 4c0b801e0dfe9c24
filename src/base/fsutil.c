/*
 * fsutil.c — whole-file reads, atomic writes, data directory.
 *
 * The temporary file is created with mkstemp in the target's directory (a
 * rename across file systems would not be atomic), written, fsync'ed, given
 * the usual 0644 permissions and renamed. Any failure removes it. Its name
 * carries the writer's process id, so that a later run can tell the
 * temporaries of a killed process (removed) from those of a running one
 * (kept); a process of another PID namespace writing into the same folder
 * would not be told apart, a case left aside.
 */
#define _POSIX_C_SOURCE 200809L
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_MARK ".tmp-"

char *rz_path_join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int slash = la > 0 && a[la - 1] != '/';
    char *r = malloc(la + lb + 2);
    if (!r)
        return NULL;
    memcpy(r, a, la);
    if (slash)
        r[la++] = '/';
    memcpy(r + la, b, lb + 1);
    return r;
}

/* The data directory chosen by the caller (the command line's --dati), the
 * environment, or found from the running program: installed as
 * PREFIX/bin/relazione it is PREFIX/share/relazione; in the build tree CMake
 * links BUILD/share/relazione to the sources' folders, found from
 * BUILD/relazione and from the test programs in BUILD/tests. The install
 * prefix's folder is the last resort, for other programs linking the
 * library. A candidate counts when it holds the Piano's schema. */
static char data_dir[4096];
static const char *data_dir_chosen;

static int holds_data(const char *dir)
{
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/schemas/piano.xsd", dir);
    return access(probe, R_OK) == 0;
}

void rz_set_data_dir(const char *dir)
{
    data_dir_chosen = dir && *dir ? dir : NULL;
}

const char *rz_data_dir(void)
{
    if (data_dir_chosen)
        return data_dir_chosen;
    const char *env = getenv("RELAZIONE_DATA");
    if (env && *env)
        return env;
    if (data_dir[0])
        return data_dir;
    char exe[3800];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {"../share/relazione", "share/relazione"};
            for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
                snprintf(data_dir, sizeof data_dir, "%s/%s", exe, rel[i]);
                if (holds_data(data_dir))
                    return data_dir;
            }
        }
    }
    snprintf(data_dir, sizeof data_dir, "%s", RELAZIONE_INSTALL_DATADIR);
    return data_dir;
}

static rz_status write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return RZ_IO;
        }
        p += n;
        len -= (size_t)n;
    }
    return RZ_OK;
}

rz_status rz_stage(const char *path, const void *data, size_t len, rz_staged *s, rz_diags *d)
{
    s->path = strdup(path);
    s->tmp = malloc(strlen(path) + 48);
    if (!s->path || !s->tmp) {
        free(s->path);
        free(s->tmp);
        s->path = s->tmp = NULL;
        rz_diag_add(d, RZ_ERROR, path, 0, "io", "memoria insufficiente");
        return RZ_IO;
    }
    sprintf(s->tmp, "%s" TMP_MARK "%ld-XXXXXX", path, (long)getpid());
    int fd = mkstemp(s->tmp);
    if (fd < 0) {
        rz_diag_add(d, RZ_ERROR, path, 0, "io",
                    "impossibile creare il file di uscita (%s): controllare che la cartella "
                    "esista e sia scrivibile",
                    strerror(errno));
        free(s->path);
        free(s->tmp);
        s->path = s->tmp = NULL;
        return RZ_IO;
    }
    int err = 0;
    errno = 0;
    if (write_all(fd, data, len) != RZ_OK || fsync(fd) != 0)
        err = errno ? errno : EIO;
    if (fchmod(fd, 0644) != 0 && !err)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (err) {
        rz_diag_add(d, RZ_ERROR, path, 0, "io",
                    "impossibile scrivere il file di uscita (%s); l'eventuale versione "
                    "precedente è rimasta intatta",
                    strerror(err));
        rz_stage_discard(s);
        return RZ_IO;
    }
    return RZ_OK;
}

rz_status rz_stage_commit(rz_staged *s, rz_diags *d)
{
    if (rename(s->tmp, s->path) != 0) {
        rz_diag_add(d, RZ_ERROR, s->path, 0, "io",
                    "impossibile scrivere il file di uscita (%s); l'eventuale versione "
                    "precedente è rimasta intatta",
                    strerror(errno));
        rz_stage_discard(s);
        return RZ_IO;
    }
    free(s->path);
    free(s->tmp);
    s->path = s->tmp = NULL;
    return RZ_OK;
}

void rz_stage_discard(rz_staged *s)
{
    if (s->tmp)
        unlink(s->tmp);
    free(s->path);
    free(s->tmp);
    s->path = s->tmp = NULL;
}

/* The process id in a temporary's name NAME.tmp-PID-XXXXXX, or 0 when the
 * name is not one of ours. */
static long temporary_pid(const char *name)
{
    const char *m = strstr(name, TMP_MARK), *next;
    while (m && (next = strstr(m + 1, TMP_MARK)) != NULL)
        m = next;
    if (!m || m == name)
        return 0;
    const char *p = m + strlen(TMP_MARK);
    long pid = 0;
    for (; *p >= '0' && *p <= '9' && pid < 100000000; p++)
        pid = pid * 10 + (*p - '0');
    if (pid <= 0 || *p != '-' || strlen(p + 1) != 6)
        return 0;
    return pid;
}

size_t rz_remove_stale_temporaries(const char *dir)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return 0;
    size_t removed = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        long pid = temporary_pid(e->d_name);
        /* kill(pid, 0) fails with ESRCH only when no such process exists:
         * a live build (or an unrelated process that took the id) keeps
         * its files. */
        if (pid == 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        char *path = rz_path_join(dir, e->d_name);
        struct stat sb;
        if (path && lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && unlink(path) == 0)
            removed++;
        free(path);
    }
    closedir(dp);
    return removed;
}

rz_status rz_write_atomic(const char *path, const void *data, size_t len, rz_diags *d)
{
    if (strcmp(path, "-") == 0) {
        if (write_all(STDOUT_FILENO, data, len) != RZ_OK) {
            rz_diag_add(d, RZ_ERROR, "-", 0, "io", "impossibile scrivere sullo standard output: %s",
                        strerror(errno));
            return RZ_IO;
        }
        return RZ_OK;
    }
    rz_staged s;
    rz_status st = rz_stage(path, data, len, &s, d);
    return st == RZ_OK ? rz_stage_commit(&s, d) : st;
}

FILE *rz_open_regular(const char *path, rz_diags *d)
{
    /* Without O_NONBLOCK, opening a FIFO waits for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (d)
            rz_diag_add(d, RZ_ERROR, path, 0, "io", "impossibile aprire il file: %s",
                        strerror(errno));
        return NULL;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        const char *what = S_ISDIR(sb.st_mode)                          ? "una cartella"
                           : S_ISFIFO(sb.st_mode)                       ? "una FIFO"
                           : S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode) ? "un dispositivo"
                                                                        : "un file speciale";
        if (d)
            rz_diag_add(d, RZ_ERROR, path, 0, "io",
                        "non è un file ordinario ma %s: indicare il file da leggere", what);
        close(fd);
        return NULL;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        if (d)
            rz_diag_add(d, RZ_ERROR, path, 0, "io", "impossibile aprire il file: %s",
                        strerror(errno));
        close(fd);
    }
    return f;
}

void rz_diag_too_big(rz_diags *d, const char *path, size_t max_bytes)
{
    rz_diag_add(d, RZ_ERROR, path, 0, "size",
                "il file è più grande dei %zu MB ammessi: controllare che sia il file giusto",
                max_bytes / (1024 * 1024));
}

FILE *rz_open_input(const char *path, size_t max_bytes, rz_status *st, rz_diags *d)
{
    *st = RZ_OK;
    FILE *f = strcmp(path, "-") == 0 ? stdin : rz_open_regular(path, d);
    if (!f) {
        *st = RZ_IO;
        return NULL;
    }
    /* A regular file's size is known before reading: refuse a huge one at
     * once instead of reading max_bytes of it. */
    struct stat sb;
    if (f != stdin && fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) &&
        (unsigned long long)sb.st_size > (unsigned long long)max_bytes) {
        fclose(f);
        rz_diag_too_big(d, path, max_bytes);
        *st = RZ_INVALID;
        return NULL;
    }
    return f;
}

void rz_close_input(FILE *f)
{
    if (f && f != stdin)
        fclose(f);
}

rz_status rz_read_file(const char *path, size_t max_bytes, char **out, size_t *len, rz_diags *d)
{
    *out = NULL;
    *len = 0;
    rz_status st;
    FILE *f = rz_open_input(path, max_bytes, &st, d);
    if (!f)
        return st;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        if (n == cap) {
            if (cap > max_bytes)
                break;
            size_t ncap = cap * 2;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (n > max_bytes)
            break;
        if (r == 0)
            break;
    }
    if (!buf) {
        rz_diag_add(d, RZ_ERROR, path, 0, "io", "memoria insufficiente per leggere il file");
        st = RZ_IO;
    } else if (n > max_bytes) {
        rz_diag_too_big(d, path, max_bytes);
        st = RZ_INVALID;
    } else if (ferror(f)) {
        rz_diag_add(d, RZ_ERROR, path, 0, "io", "impossibile leggere il file: %s", strerror(errno));
        st = RZ_IO;
    }
    rz_close_input(f);
    if (st != RZ_OK) {
        free(buf);
        return st;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return RZ_OK;
}

char *rz_first_missing_dir(const char *path)
{
    char *p = strdup(path);
    struct stat sb;
    for (char *s = p ? p + 1 : NULL; s; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (stat(p, &sb) != 0)
            return p;
        *s = c;
        if (c == '\0')
            break;
    }
    free(p);
    return NULL;
}

void rz_rmdir_made(const char *path, const char *made)
{
    char *p = made ? strdup(path) : NULL;
    size_t keep = made ? strlen(made) : 0;
    for (size_t n = p ? strlen(p) : 0; n >= keep && n > 0;) {
        while (n > 1 && p[n - 1] == '/')
            p[--n] = '\0';
        if (n < keep || rmdir(p) != 0 || n == keep)
            break;
        char *slash = strrchr(p, '/');
        if (!slash)
            break;
        *slash = '\0';
        n = strlen(p);
    }
    free(p);
}

rz_status rz_mkdir_p(const char *path, rz_diags *d)
{
    char *p = strdup(path);
    if (!p) {
        rz_diag_add(d, RZ_ERROR, path, 0, "io", "memoria insufficiente");
        return RZ_IO;
    }
    for (char *s = p + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0755) != 0 && errno != EEXIST) {
                rz_diag_add(d, RZ_ERROR, path, 0, "io", "impossibile creare la cartella %s: %s", p,
                            strerror(errno));
                free(p);
                return RZ_IO;
            }
            *s = c;
            if (c == '\0')
                break;
        }
    }
    free(p);
    return RZ_OK;
}
