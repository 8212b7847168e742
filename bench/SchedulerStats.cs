using System;
using System.Collections.Generic;
using System.IO;

namespace AuthStatus.Analyzers.Bench;

/// <summary>
/// How long this process's threads ran on a core and waited for one (Linux: <c>/proc/self/task/*/schedstat</c>, in
/// nanoseconds). An analyzer's logged time is wall time, so a callback is also charged for the time its thread was
/// runnable but waiting for a core; the ratio of waiting to running says how much that inflates every analyzer's time.
/// </summary>
public sealed class SchedulerStats
{
    private readonly Dictionary<int, (long Run, long Wait)> _byThread;

    private SchedulerStats(Dictionary<int, (long Run, long Wait)> byThread) => _byThread = byThread;

    /// <summary>Null where the kernel does not expose the statistics.</summary>
    public static SchedulerStats? Read()
    {
        const string tasks = "/proc/self/task";
        if (!OperatingSystem.IsLinux() || !Directory.Exists(tasks))
        {
            return null;
        }

        var byThread = new Dictionary<int, (long, long)>();
        foreach (var directory in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var fields = File.ReadAllText(Path.Combine(directory, "schedstat")).Split(' ');
                if (fields.Length >= 2 && int.TryParse(Path.GetFileName(directory), out var id) && long.TryParse(fields[0], out var run) && long.TryParse(fields[1], out var wait))
                {
                    byThread[id] = (run, wait);
                }
            }
            catch (IOException)
            {
                // The thread exited while the directory was read.
            }
        }

        return new SchedulerStats(byThread);
    }

    /// <summary>
    /// Run and wait time, in ms, from <paramref name="before"/> to <paramref name="after"/> of the threads alive at both
    /// reads (a thread that exits in between takes its counts with it), or NaN.
    /// </summary>
    public static (double RunMs, double WaitMs) Between(SchedulerStats? before, SchedulerStats? after)
    {
        if (before is null || after is null)
        {
            return (double.NaN, double.NaN);
        }

        long run = 0, wait = 0;
        foreach (var pair in after._byThread)
        {
            if (before._byThread.TryGetValue(pair.Key, out var start))
            {
                run += pair.Value.Run - start.Run;
                wait += pair.Value.Wait - start.Wait;
            }
        }

        return (run / 1e6, wait / 1e6);
    }
}
