#!/bin/bash
# Every 5 s while `telusur analyze` runs: the time, the writing process's RSS and high-water
# mark (VmRSS, VmHWM from /proc, MiB) and one worker's CPU seconds, to see in which stage
# the writer's memory grows. Run beside bench_memory.py: bench/watch_rss.sh > rss.log &
while true; do
  W=$(pgrep -f "telusur analyze" -o)
  if [ -n "$W" ]; then
    R=$(awk '/VmRSS/{print int($2/1024)}' /proc/$W/status 2>/dev/null)
    H=$(awk '/VmHWM/{print int($2/1024)}' /proc/$W/status 2>/dev/null)
    C=$(pgrep -f "telusur analyze" | grep -v "^$W$" | head -1)
    CT=-  # no worker once the pool is closed (an empty $C would read /proc/stat instead)
    [ -n "$C" ] && CT=$(awk '{print int(($14+$15)/100)}' /proc/$C/stat 2>/dev/null)
    echo "$(date +%H:%M:%S) writer_rss=$R hwm=$H worker_cpu=$CT"
  fi
  sleep 5
done
