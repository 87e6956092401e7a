using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// Structured data (schema.org) as a JSON-LD block for a page's head. System.Text.Json writes it, with an
/// encoder that keeps accents readable but always escapes &lt; &gt; &amp; (as \u003C…): no text typed by
/// somebody ("&lt;/script&gt;" in a title) can close the block. The Content-Security-Policy has nothing to
/// say: a data block is never run.
/// </summary>
public static class JsonLd
{
    static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static IHtmlContent Script(JsonObject data) =>
        new HtmlString($"<script type=\"application/ld+json\">{data.ToJsonString(Options)}</script>");
}
