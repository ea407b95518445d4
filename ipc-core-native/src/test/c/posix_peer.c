/*
 * A native peer for the POSIX tests, written against the C library only: it knows nothing of
 * the Java side's code, just the standard objects and their names.
 *
 *   posix_peer mq-send NAME PRIO TEXT [PRIO TEXT ...]   send each TEXT (no terminator) with PRIO
 *   posix_peer mq-recv NAME COUNT                        print "PRIO TEXT" per message received
 *   posix_peer sem-post NAME                             post once
 *   posix_peer sem-wait NAME SECONDS                     print "ACQUIRED" or "TIMEOUT"
 */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int fail(const char *call, const char *name) {
    fprintf(stderr, "%s(%s): %s\n", call, name, strerror(errno));
    return 2;
}

static int mq_send_all(const char *name, int argc, char **argv) {
    mqd_t mq = mq_open(name, O_WRONLY);
    if (mq == (mqd_t) -1) return fail("mq_open", name);
    for (int i = 0; i + 1 < argc; i += 2) {
        unsigned prio = (unsigned) atoi(argv[i]);
        if (mq_send(mq, argv[i + 1], strlen(argv[i + 1]), prio) != 0) return fail("mq_send", name);
    }
    mq_close(mq);
    printf("SENT\n");
    return 0;
}

static int mq_recv_some(const char *name, int count) {
    mqd_t mq = mq_open(name, O_RDONLY);
    if (mq == (mqd_t) -1) return fail("mq_open", name);
    struct mq_attr attr;
    if (mq_getattr(mq, &attr) != 0) return fail("mq_getattr", name);
    char *buffer = malloc((size_t) attr.mq_msgsize + 1);
    for (int i = 0; i < count; i++) {
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_sec += 10;
        unsigned prio;
        ssize_t n = mq_timedreceive(mq, buffer, (size_t) attr.mq_msgsize, &prio, &deadline);
        if (n < 0) return fail("mq_timedreceive", name);
        buffer[n] = '\0';
        printf("%u %s\n", prio, buffer);
        fflush(stdout);
    }
    free(buffer);
    mq_close(mq);
    return 0;
}

static int sem_post_once(const char *name) {
    sem_t *sem = sem_open(name, 0);
    if (sem == SEM_FAILED) return fail("sem_open", name);
    if (sem_post(sem) != 0) return fail("sem_post", name);
    sem_close(sem);
    printf("POSTED\n");
    return 0;
}

static int sem_wait_for(const char *name, int seconds) {
    sem_t *sem = sem_open(name, 0);
    if (sem == SEM_FAILED) return fail("sem_open", name);
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += seconds;
    int rc;
    while ((rc = sem_timedwait(sem, &deadline)) != 0 && errno == EINTR) {
    }
    if (rc != 0 && errno != ETIMEDOUT) return fail("sem_timedwait", name);
    printf(rc == 0 ? "ACQUIRED\n" : "TIMEOUT\n");
    sem_close(sem);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s mq-send|mq-recv|sem-post|sem-wait NAME ...\n", argv[0]);
        return 1;
    }
    const char *command = argv[1];
    const char *name = argv[2];
    if (strcmp(command, "mq-send") == 0) return mq_send_all(name, argc - 3, argv + 3);
    if (strcmp(command, "mq-recv") == 0 && argc == 4) return mq_recv_some(name, atoi(argv[3]));
    if (strcmp(command, "sem-post") == 0) return sem_post_once(name);
    if (strcmp(command, "sem-wait") == 0 && argc == 4) return sem_wait_for(name, atoi(argv[3]));
    fprintf(stderr, "unknown command %s\n", command);
    return 1;
}
