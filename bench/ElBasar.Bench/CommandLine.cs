using System.Globalization;

namespace ElBasar.Bench;

/// <summary>"--name value" options and bare "--flag" switches; anything else is an error, so a typo never goes unnoticed.</summary>
sealed class CommandLine
{
    readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public static CommandLine Parse(string[] args, IReadOnlySet<string> flags)
    {
        var line = new CommandLine();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new CommandLineException($"Unexpected argument '{arg}'.");
            var name = arg[2..];
            var equals = name.IndexOf('=');
            if (equals > 0)
                line._values[name[..equals]] = name[(equals + 1)..];
            else if (flags.Contains(name))
                line._flags.Add(name);
            else if (i + 1 < args.Length)
                line._values[name] = args[++i];
            else
                throw new CommandLineException($"Option --{name} needs a value.");
        }
        return line;
    }

    public string? String(string name)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string Required(string name) => String(name) ?? throw new CommandLineException($"Option --{name} is required.");

    public long Integer(string name, long? fallback = null, long min = 0)
    {
        var text = String(name);
        if (text is null)
            return fallback ?? throw new CommandLineException($"Option --{name} is required.");
        // Accepts 100000, 100_000 and 100k / 1m, the way people write sizes.
        var clean = text.Replace("_", "").Replace(",", "").Trim().ToLowerInvariant();
        var factor = 1L;
        if (clean.EndsWith('k')) (factor, clean) = (1_000, clean[..^1]);
        else if (clean.EndsWith('m')) (factor, clean) = (1_000_000, clean[..^1]);
        if (!long.TryParse(clean, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value * factor < min)
            throw new CommandLineException($"Option --{name} must be an integer ≥ {min}, not '{text}'.");
        return value * factor;
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _flags.Contains(name);
    }

    /// <summary>Fails on options that were given but never asked for.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Concat(_flags).Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new CommandLineException($"Unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }
}

sealed class CommandLineException(string message) : Exception(message);
