using System.Text.Json;
using System.Text.Unicode;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>
/// The JSON object of a request body, for endpoints that read their fields one by one. Bytes that are
/// not UTF-8 and escaped halves of surrogate pairs are refused here: <see cref="JsonDocument"/> only
/// finds them when a string is read, too late (an exception, a 500).
/// </summary>
public static class JsonBody
{
    public const string Invalid = "Le corps de la requête doit être un objet JSON valide, en UTF-8.";

    /// <summary>The body's object, or null (and an error on <c>body</c>) when it is not a UTF-8 JSON object.</summary>
    public static async Task<JsonElement?> ReadObjectAsync(HttpRequest request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (Utf8.IsValid(bytes.Span))
        {
            try
            {
                using var document = JsonDocument.Parse(bytes);
                if (document.RootElement.ValueKind == JsonValueKind.Object && HoldsOnlyText(document.RootElement)) return document.RootElement.Clone();
            }
            catch (JsonException)
            {
            }
        }
        errors["body"] = [Invalid];
        return null;
    }

    /// <summary>
    /// False when a string or a name of <paramref name="element"/> escapes half a surrogate pair
    /// ("\ud800" alone): valid JSON, but no text, and reading it would throw.
    /// </summary>
    public static bool HoldsOnlyText(JsonElement element)
    {
        try
        {
            return Walk(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static bool Walk(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString() is not null,
            JsonValueKind.Array => e.EnumerateArray().All(Walk),
            JsonValueKind.Object => e.EnumerateObject().All(p => p.Name is not null && Walk(p.Value)),
            _ => true,
        };
    }
}
