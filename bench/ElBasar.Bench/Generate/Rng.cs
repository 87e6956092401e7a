using System.Numerics;

namespace ElBasar.Bench.Generate;

/// <summary>
/// xoshiro256** seeded through SplitMix64: fast, and the same numbers on every .NET version
/// (System.Random's seeded sequence is an implementation detail). One instance per chunk of
/// output, derived from (seed, stream, index), so the files do not depend on thread count.
/// </summary>
sealed class Rng
{
    ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed, ulong stream, ulong index)
    {
        var x = seed ^ (stream * 0x9E3779B97F4A7C15UL) ^ (index * 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)((NextUInt64() >> 32) * (ulong)n >> 32);

    /// <summary>Uniform in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Gaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}

/// <summary>
/// Draws an index with a given weight per item, by binary search over the cumulated weights.
/// <see cref="Zipf"/> gives rank r the weight 1/(r+1)^s: lists are written most common first,
/// so a few words are everywhere and most are rare, as in real text.
/// </summary>
sealed class WeightedTable
{
    readonly double[] _cumulative;

    public WeightedTable(IEnumerable<double> weights)
    {
        var list = weights.ToList();
        if (list.Count == 0) throw new ArgumentException("A table needs at least one item.");
        _cumulative = new double[list.Count];
        var total = 0.0;
        for (var i = 0; i < list.Count; i++) _cumulative[i] = total += list[i];
        for (var i = 0; i < list.Count; i++) _cumulative[i] /= total;
    }

    public static WeightedTable Zipf(int count, double exponent = 1.0) =>
        new(Enumerable.Range(0, count).Select(r => 1.0 / Math.Pow(r + 1, exponent)));

    public int Count => _cumulative.Length;

    public int Sample(Rng rng)
    {
        var u = rng.NextDouble();
        var index = Array.BinarySearch(_cumulative, u);
        if (index < 0) index = ~index;
        return Math.Min(index, _cumulative.Length - 1);
    }
}

/// <summary>Items with a Zipf-like draw, most common first.</summary>
sealed class ZipfList<T>(IReadOnlyList<T> items, double exponent = 1.0)
{
    readonly WeightedTable _table = WeightedTable.Zipf(items.Count, exponent);

    public IReadOnlyList<T> Items => items;

    public T Sample(Rng rng) => items[_table.Sample(rng)];
}
