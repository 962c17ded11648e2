/*
 * batch_progress.c - progress on standard error: a bar on a terminal, a
 * plain line every few seconds otherwise, nothing with --quiet.
 *
 * SPDX-License-Identifier: MIT
 */
#include "batch.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define S_LINE_EVERY 5.0    /* seconds between plain progress lines */
#define S_BAR_EVERY 0.1

void dc_batch_progress_init(dc_batch_progress *p, size_t total, int quiet)
{
    memset(p, 0, sizeof *p);
    p->mode = quiet ? 0 : isatty(STDERR_FILENO) ? 2 : 1;
    p->total = total;
    p->start = p->last = dc_clock_seconds();
}

static void S_duration(char *out, size_t cap, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(out, cap, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(out, cap, "%ld:%02ld", t / 60, t % 60);
}

/* "4.1 docs/s  ETA 0:44" from what was converted so far. */
static void S_rate(const dc_batch_progress *p, double now, char *out, size_t cap)
{
    double el = now - p->start;
    size_t worked = p->done - p->unchanged;
    if (el < 0.5 || !p->done) {
        snprintf(out, cap, "-- docs/s  ETA --");
        return;
    }
    double rate = p->done / el;
    char eta[32];
    S_duration(eta, sizeof eta, (double)(p->total - p->done) / rate);
    snprintf(out, cap, "%.1f docs/s  ETA %s", worked ? worked / el : rate, eta);
}

static int S_width(void)
{
    struct winsize ws;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    return 80;
}

static void S_draw_bar(dc_batch_progress *p, double now)
{
    char rate[64], tail[160];
    S_rate(p, now, rate, sizeof rate);
    int pct = p->total ? (int)(100.0 * p->done / p->total) : 100;
    snprintf(tail, sizeof tail, " %zu/%zu %3d%%  %s  failed %zu", p->done, p->total, pct, rate,
             p->failed);
    int width = S_width() - 1 - (int)strlen(tail) - 2;
    if (width > 50)
        width = 50;
    char bar[64];
    int fill = 0;
    if (width < 5) {
        width = 0;
    } else {
        fill = p->total ? (int)((double)width * p->done / p->total) : width;
        for (int i = 0; i < width; i++)
            bar[i] = i < fill ? '#' : '.';
    }
    bar[width] = '\0';
    fprintf(stderr, "\r%s%s%s%s\033[K", width ? "[" : "", bar, width ? "]" : "", tail);
    fflush(stderr);
    p->bar_shown = 1;
}

void dc_batch_progress_update(dc_batch_progress *p, int force)
{
    if (!p->mode)
        return;
    double now = dc_clock_seconds();
    if (p->mode == 2) {
        if (force || now - p->last >= S_BAR_EVERY) {
            S_draw_bar(p, now);
            p->last = now;
        }
        return;
    }
    if (force || now - p->last >= S_LINE_EVERY) {
        char rate[64];
        S_rate(p, now, rate, sizeof rate);
        fprintf(stderr, "batch: %zu/%zu done, %zu failed, %s\n", p->done, p->total, p->failed,
                rate);
        fflush(stderr);
        p->last = now;
    }
}

void dc_batch_progress_message(dc_batch_progress *p, const char *fmt, ...)
{
    if (!p->mode)
        return;
    if (p->bar_shown)
        fputs("\r\033[K", stderr);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (p->bar_shown)
        S_draw_bar(p, dc_clock_seconds());
    fflush(stderr);
}

void dc_batch_progress_end(dc_batch_progress *p)
{
    if (p->mode == 2 && p->bar_shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->bar_shown = 0;
    }
}
