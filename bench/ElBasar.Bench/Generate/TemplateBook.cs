using System.Text;

namespace ElBasar.Bench.Generate;

/// <summary>Every template parsed once, with its Zipf draw; looks a key up with a fallback
/// (food listings borrow the thing templates they lack, people listings the service ones).</summary>
sealed class TemplateBook
{
    readonly Dictionary<string, ZipfList<Template>> _titles = Parse(Templates.Titles);
    readonly Dictionary<string, ZipfList<Template>> _openings = Parse(Templates.Openings);
    readonly Dictionary<string, ZipfList<Template>> _body = Parse(Templates.Body);
    readonly ZipfList<Template> _closings = new(Templates.Closings.Select(Template.Parse).ToArray(), 0.8);
    readonly ZipfList<Template> _organization = new(Templates.OrganizationSentences.Select(Template.Parse).ToArray(), 0.7);

    static Dictionary<string, ZipfList<Template>> Parse(Dictionary<string, string[]> source) =>
        source.ToDictionary(p => p.Key, p => new ZipfList<Template>(p.Value.Select(Template.Parse).ToArray(), 0.8), StringComparer.Ordinal);

    public static string KeyOf(Subject subject) => subject switch
    {
        Subject.Premises => "premises",
        Subject.Food => "food",
        Subject.Service => "service",
        Subject.People => "people",
        _ => "thing",
    };

    static string? Fallback(string subject) => subject switch
    {
        "food" or "premises" => "thing",
        "people" => "service",
        _ => null,
    };

    static ZipfList<Template>? Find(Dictionary<string, ZipfList<Template>> table, string prefix, string subject)
    {
        for (string? s = subject; s is not null; s = Fallback(s))
            if (table.TryGetValue($"{prefix}.{s}", out var list)) return list;
        return null;
    }

    public ZipfList<Template> Title(string kind, string mode, Subject subject) =>
        Find(_titles, $"{kind}.{mode}", KeyOf(subject))
        ?? throw new InvalidOperationException($"No title template for {kind}.{mode}.{KeyOf(subject)}.");

    public ZipfList<Template>? Opening(string kind, string mode, Subject subject) => Find(_openings, $"{kind}.{mode}", KeyOf(subject));

    public ZipfList<Template>? Body(string kind, Subject subject) => Find(_body, kind, KeyOf(subject));

    public ZipfList<Template> AnyBody => _body["any"];

    public ZipfList<Template> Closings => _closings;

    public ZipfList<Template> OrganizationSentences => _organization;

    /// <summary>Appends a rendered sentence, capitalised, with a space before it when needed.</summary>
    public static void AppendSentence(StringBuilder output, Template template, Scene scene)
    {
        if (output.Length > 0) output.Append(' ');
        var start = output.Length;
        template.Render(scene, output);
        if (output.Length > start && char.IsLower(output[start])) output[start] = char.ToUpperInvariant(output[start]);
    }
}
