/*
 * chiavi.c — writes templates/LEGGIMI.md, the list of the keys templates
 * can use, from the view `relazione build` makes for the given folders.
 *
 *   relazione-chiavi [-o FILE] CARTELLA...
 *
 * Each folder is built into a temporary folder without writing any
 * document; the keys of all their views are listed together (a key exists
 * only where some folder has the data it comes from, so the samples
 * together cover them all). Without -o the list goes to standard output.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include "template_keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    rz_key_list *list;
    rz_status st;
} collector;

static void collect(const rz_view *root, void *arg)
{
    collector *c = arg;
    if (rz_key_list_add(c->list, root) != RZ_OK)
        c->st = RZ_IO;
}

int main(int argc, char **argv)
{
    const char *out_path = NULL;
    int first = 1;
    if (argc > 2 && !strcmp(argv[1], "-o")) {
        out_path = argv[2];
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "uso: relazione-chiavi [-o FILE] CARTELLA...\n");
        return 2;
    }
    collector acc = {rz_key_list_new(), RZ_OK};
    char tmp[] = "/tmp/relazione-chiavi-XXXXXX";
    if (!acc.list || !mkdtemp(tmp)) {
        fprintf(stderr, "relazione-chiavi: memoria o cartella temporanea non disponibile\n");
        return 3;
    }
    int status = 0;
    rz_diags d, findings;
    rz_diags_init(&d);
    rz_diags_init(&findings);
    for (int i = first; i < argc && !status; i++) {
        rz_build_options opt = {0};
        opt.skip = RZ_OUT_MD | RZ_OUT_HTML | RZ_OUT_DATA;
        opt.on_view = collect;
        opt.on_view_arg = &acc;
        rz_built built = {0};
        rz_diags bd;
        rz_diags_init(&bd);
        if (rz_build(argv[i], tmp, &opt, &built, &bd, &findings) != RZ_OK || acc.st != RZ_OK) {
            rz_diags_print(&bd, stderr); /* only then: warnings are the documents' business */
            status = 1;
        }
        rz_diags_free(&bd);
        rz_built_free(&built);
    }
    rz_buf md;
    rz_buf_init(&md);
    if (!status && rz_key_list_markdown(acc.list, &md, &d) != RZ_OK)
        status = 1;
    rz_diags_print(&d, stderr);
    if (!status) {
        FILE *f = out_path ? fopen(out_path, "w") : stdout;
        if (!f || fwrite(md.data, 1, md.len, f) != md.len || (out_path && fclose(f) != 0)) {
            fprintf(stderr, "relazione-chiavi: non riesco a scrivere %s\n",
                    out_path ? out_path : "lo standard output");
            status = 3;
        }
    }
    rz_buf_free(&md);
    rz_diags_free(&d);
    rz_diags_free(&findings);
    rz_key_list_free(acc.list);
    /* Nothing is written into it: the build only creates the folder. */
    if (rmdir(tmp) != 0)
        fprintf(stderr, "relazione-chiavi: la cartella temporanea %s non è vuota\n", tmp);
    return status;
}
