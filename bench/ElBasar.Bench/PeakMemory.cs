using System.Diagnostics;
using System.Globalization;

namespace ElBasar.Bench;

/// <summary>A process's resident memory, sampled every 250 ms while it works; the kernel's own high-water mark at the end.</summary>
sealed class PeakMemory : IDisposable
{
    readonly Process _server;
    readonly Timer _timer;
    long _peakKilobytes;

    public PeakMemory(Process server)
    {
        _server = server;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
    }

    public double PeakMegabytes => Interlocked.Read(ref _peakKilobytes) / 1024.0;

    void Sample()
    {
        var rss = Status(_server, "VmRSS:");
        long current;
        while (rss > (current = Interlocked.Read(ref _peakKilobytes)) && Interlocked.CompareExchange(ref _peakKilobytes, rss, current) != current) { }
    }

    /// <summary>VmHWM: the most resident memory the process ever had.</summary>
    public static double HighWaterMegabytes(Process server) => Status(server, "VmHWM:") / 1024.0;

    static long Status(Process process, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Dispose() => _timer.Dispose();
}
