/*
 * A native peer for the POSIX semaphore fast-path tests, written against glibc's sem_* only: it
 * knows nothing of the Java side, just the semaphore's name. Every command opens the existing
 * semaphore NAME and prints one result line.
 *
 *   sem_peer post NAME COUNT                 sem_post COUNT times; "POSTED COUNT"
 *   sem_peer trywait NAME                    sem_trywait until EAGAIN; "TOOK n"
 *   sem_peer timedwait NAME COUNT SECONDS    COUNT sem_timedwait; "TOOK n" (n < COUNT on a timeout)
 *   sem_peer wait NAME                       one plain sem_wait; "ACQUIRED"
 *   sem_peer value NAME                      "VALUE v" (sem_getvalue)
 *   sem_peer post-max NAME                   sem_post at SEM_VALUE_MAX; "EOVERFLOW" or "POSTED"
 *   sem_peer stress NAME POSTS CONSUME SEED  one bursty poster thread (POSTS tokens) and three
 *                                            consumers (trywait, sem_timedwait, sem_wait) taking
 *                                            CONSUME tokens in all; "DONE posted consumed" or
 *                                            "LOST" when a 15 s timed wait got nothing
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static sem_t *sem;

static int fail(const char *call) {
    fprintf(stderr, "%s: %s\n", call, strerror(errno));
    return 2;
}

static void deadline_in(struct timespec *deadline, int seconds) {
    clock_gettime(CLOCK_REALTIME, deadline);
    deadline->tv_sec += seconds;
}

static int timed_take(int seconds) {
    struct timespec deadline;
    deadline_in(&deadline, seconds);
    int rc;
    while ((rc = sem_timedwait(sem, &deadline)) != 0 && errno == EINTR) {
    }
    return rc == 0;
}

/* ------------------------------------------------------------------ stress */

static long stress_posts;
static volatile int lost;

struct quota { long count; int style; unsigned seed; long taken; };

static void *poster(void *arg) {
    unsigned seed = *(unsigned *) arg;
    for (long posted = 0; posted < stress_posts;) {
        long burst = 1 + rand_r(&seed) % 32;
        for (long i = 0; i < burst && posted < stress_posts; i++, posted++) {
            if (sem_post(sem) != 0) { fail("sem_post"); exit(2); }
        }
        if (rand_r(&seed) % 2) sched_yield();
        else usleep((useconds_t) (rand_r(&seed) % 50));
    }
    return NULL;
}

static void *consumer(void *arg) {
    struct quota *q = arg;
    int spins = 0;
    while (q->taken < q->count && !lost) {
        if (q->style == 0) {
            /* trywait, backing off when empty */
            if (sem_trywait(sem) == 0) { q->taken++; spins = 0; }
            else if (errno != EAGAIN && errno != EINTR) { fail("sem_trywait"); exit(2); }
            else if (++spins < 64) sched_yield();
            else usleep(20);
        }
        else if (q->style == 1) {
            if (timed_take(15)) q->taken++;
            else { fprintf(stderr, "sem_timedwait: %s\n", strerror(errno)); lost = 1; }
        }
        else {
            if (sem_wait(sem) == 0) q->taken++;
            else if (errno != EINTR) { fail("sem_wait"); exit(2); }
        }
    }
    return NULL;
}

static int stress(long posts, long consume, unsigned seed) {
    stress_posts = posts;
    pthread_t threads[4];
    struct quota quotas[3];
    for (int i = 0; i < 3; i++) {
        quotas[i] = (struct quota) { consume / 3 + (i == 0 ? consume % 3 : 0), i, seed + (unsigned) i, 0 };
        pthread_create(&threads[i], NULL, consumer, &quotas[i]);
    }
    pthread_create(&threads[3], NULL, poster, &seed);
    for (int i = 0; i < 4; i++) pthread_join(threads[i], NULL);
    if (lost) { printf("LOST\n"); return 1; }
    printf("DONE %ld %ld\n", posts, quotas[0].taken + quotas[1].taken + quotas[2].taken);
    return 0;
}

/* ------------------------------------------------------------------- main */

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s post|trywait|timedwait|wait|value|post-max|stress NAME ...\n", argv[0]);
        return 2;
    }
    const char *command = argv[1];
    sem = sem_open(argv[2], 0);
    if (sem == SEM_FAILED) return fail("sem_open");
    int rc = 0;
    if (strcmp(command, "post") == 0 && argc == 4) {
        long count = atol(argv[3]);
        for (long i = 0; i < count; i++) if (sem_post(sem) != 0) return fail("sem_post");
        printf("POSTED %ld\n", count);
    }
    else if (strcmp(command, "trywait") == 0) {
        long taken = 0;
        while (sem_trywait(sem) == 0) taken++;
        if (errno != EAGAIN) return fail("sem_trywait");
        printf("TOOK %ld\n", taken);
    }
    else if (strcmp(command, "timedwait") == 0 && argc == 5) {
        long count = atol(argv[3]), taken = 0;
        while (taken < count && timed_take(atoi(argv[4]))) taken++;
        if (taken < count && errno != ETIMEDOUT) return fail("sem_timedwait");
        printf("TOOK %ld\n", taken);
    }
    else if (strcmp(command, "wait") == 0) {
        while (sem_wait(sem) != 0) if (errno != EINTR) return fail("sem_wait");
        printf("ACQUIRED\n");
    }
    else if (strcmp(command, "value") == 0) {
        int value;
        if (sem_getvalue(sem, &value) != 0) return fail("sem_getvalue");
        printf("VALUE %d\n", value);
    }
    else if (strcmp(command, "post-max") == 0) {
        if (sem_post(sem) == 0) printf("POSTED\n");
        else if (errno == EOVERFLOW) printf("EOVERFLOW\n");
        else return fail("sem_post");
    }
    else if (strcmp(command, "stress") == 0 && argc == 6) {
        rc = stress(atol(argv[3]), atol(argv[4]), (unsigned) atol(argv[5]));
    }
    else {
        fprintf(stderr, "unknown command %s\n", command);
        rc = 2;
    }
    fflush(stdout);
    sem_close(sem);
    return rc;
}
