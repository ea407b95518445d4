#!/bin/sh
# Builds the JNI message calls (message_calls.c) into the classes directory, where
# JniMessageCalls finds them on the class path. Optional: without gcc or the JDK's jni.h the
# build goes on without them, and JDK 17-21 call the kernel queues through JNA instead.
# Usage: build-message-calls.sh <classes dir> <java.home> <os.arch>
set -eu
classes="$1"; java_home="$2"; arch="$3"
source="$(dirname "$0")/message_calls.c"
target="$classes/dev/springipc/core/sys/native/linux-$arch/libspringipc-message-calls.so"
# A library an earlier build left must not outlive a build that cannot make it from this source.
rm -f "$target"
if ! command -v gcc > /dev/null 2>&1; then
  echo "[ipc-core-native] gcc not found: the JNI message calls are not built (JDK 17-21 use JNA; apt-get install gcc libc6-dev)"
  exit 0
fi
if [ ! -f "$java_home/include/jni.h" ]; then
  echo "[ipc-core-native] $java_home/include/jni.h not found: the JNI message calls are not built (JDK 17-21 use JNA)"
  exit 0
fi
mkdir -p "$(dirname "$target")"
# -lrt: mq_* live in librt before glibc 2.34 (a stub after it).
if ! gcc -O2 -shared -fPIC -fvisibility=hidden -Wall -Wno-unused-parameter \
    -I"$java_home/include" -I"$java_home/include/linux" -o "$target" "$source" -lrt; then
  # A machine with gcc but without libc6-dev: the build goes on, as without gcc.
  rm -f "$target"
  echo "[ipc-core-native] gcc failed: the JNI message calls are not built (JDK 17-21 use JNA; apt-get install libc6-dev)"
fi
