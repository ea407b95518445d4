/*
 * The per-message calls of the kernel message queues and of FIFOs as JNI functions of
 * dev.springipc.core.sys.JniMessageCalls: a JNI call from a JIT-compiled method costs about
 * 40 ns over the call from C, a JNA direct-mapped one about 250 ns (see MessageCalls). Pointers
 * arrive as 64-bit addresses; a failed call returns -errno, the kernel's raw convention, so the
 * caller needs no second call to learn why. Nothing here keeps state or touches the JNIEnv.
 */
#include <errno.h>
#include <jni.h>
#include <mqueue.h>
#include <stdint.h>
#include <sys/msg.h>
#include <time.h>
#include <unistd.h>

#define ADDRESS(a) ((void *) (intptr_t) (a))

JNIEXPORT jint JNICALL
Java_dev_springipc_core_sys_JniMessageCalls_msgsnd0(JNIEnv *env, jclass cls, jint msqid, jlong message,
        jlong length, jint flags)
{
    return (msgsnd(msqid, ADDRESS(message), (size_t) length, flags) == 0) ? 0 : -errno;
}

JNIEXPORT jlong JNICALL
Java_dev_springipc_core_sys_JniMessageCalls_msgrcv0(JNIEnv *env, jclass cls, jint msqid, jlong message,
        jlong maxLength, jlong type, jint flags)
{
    ssize_t length = msgrcv(msqid, ADDRESS(message), (size_t) maxLength, (long) type, flags);
    return (length >= 0) ? (jlong) length : -errno;
}

JNIEXPORT jint JNICALL
Java_dev_springipc_core_sys_JniMessageCalls_mqTimedsend0(JNIEnv *env, jclass cls, jint mqd, jlong message,
        jlong length, jint priority, jlong timespec)
{
    return (mq_timedsend(mqd, ADDRESS(message), (size_t) length, (unsigned int) priority, ADDRESS(timespec)) == 0)
            ? 0 : -errno;
}

JNIEXPORT jlong JNICALL
Java_dev_springipc_core_sys_JniMessageCalls_mqTimedreceive0(JNIEnv *env, jclass cls, jint mqd, jlong message,
        jlong maxLength, jlong priority, jlong timespec)
{
    ssize_t length = mq_timedreceive(mqd, ADDRESS(message), (size_t) maxLength, ADDRESS(priority),
            ADDRESS(timespec));
    return (length >= 0) ? (jlong) length : -errno;
}

JNIEXPORT jlong JNICALL
Java_dev_springipc_core_sys_JniMessageCalls_read0(JNIEnv *env, jclass cls, jint fd, jlong buffer, jlong count)
{
    ssize_t length = read(fd, ADDRESS(buffer), (size_t) count);
    return (length >= 0) ? (jlong) length : -errno;
}

JNIEXPORT jlong JNICALL
Java_dev_springipc_core_sys_JniMessageCalls_write0(JNIEnv *env, jclass cls, jint fd, jlong buffer, jlong count)
{
    ssize_t length = write(fd, ADDRESS(buffer), (size_t) count);
    return (length >= 0) ? (jlong) length : -errno;
}
