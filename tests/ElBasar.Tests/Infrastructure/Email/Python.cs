using System.Diagnostics;

namespace ElBasar.Tests.Infrastructure.Email;

/// <summary>Debian's Python, for checks by an independent mail implementation (its email parser, aiosmtpd).</summary>
static class Python
{
    public const string Executable = "/usr/bin/python3";

    /// <summary>Skips the test, with the reason, when Python or one of <paramref name="modules"/> is missing.</summary>
    public static async Task SkipUnlessAvailableAsync(params string[] modules)
    {
        Skip.IfNot(File.Exists(Executable), $"{Executable} is missing (Debian package python3).");
        foreach (var module in modules)
        {
            var (exit, _, _) = await RunAsync(["-c", $"import {module}"]);
            Skip.If(exit != 0, $"The Python module {module} is missing (Debian package python3-{module}).");
        }
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
