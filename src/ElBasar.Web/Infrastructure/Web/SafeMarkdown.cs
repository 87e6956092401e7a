using Markdig;
using Markdig.Syntax;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// Markdown typed by facilitators (editorials, minutes) as HTML that is safe to show: raw HTML in
/// the text is written out as text, and links other than http(s) and mailto are dropped.
/// </summary>
public static class SafeMarkdown
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.LinkInline>())
        {
            if (link.Url is { } url && !IsSafe(url)) link.Url = "#";
        }
        return document.ToHtml(Pipeline);
    }

    static bool IsSafe(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || url.StartsWith('/') && !url.StartsWith("//");
}
