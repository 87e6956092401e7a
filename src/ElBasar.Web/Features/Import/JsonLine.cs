using System.Globalization;
using System.Text.Json;

namespace ElBasar.Web.Features.Import;

/// <summary>
/// Reads the fields of one JSON Lines record and collects, in French, what breaks the rules of
/// contracts/exchange-format.md. Unknown fields are ignored, as the contract says.
/// </summary>
sealed class JsonLine(JsonElement root)
{
    readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;
    public bool IsValid => _errors.Count == 0;

    public void Fail(string message) => _errors.Add(message);

    bool TryGet(string name, out JsonElement value) =>
        root.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    public string? String(string name, int min = 0, int max = int.MaxValue, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required) Fail($"le champ « {name} » est obligatoire");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail($"le champ « {name} » doit être une chaîne de caractères");
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length == 0 && !required) return null;
        if (text.Length < min || text.Length > max)
        {
            Fail(max == int.MaxValue
                ? $"le champ « {name} » doit faire au moins {min} caractères"
                : $"le champ « {name} » doit faire entre {min} et {max} caractères (il en fait {text.Length})");
            return null;
        }
        return text;
    }

    public List<string>? Strings(string name, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required) Fail($"le champ « {name} » est obligatoire");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            Fail($"le champ « {name} » doit être une liste de chaînes de caractères");
            return null;
        }
        var items = value.EnumerateArray().Select(v => v.GetString()!.Trim()).Where(s => s.Length > 0).ToList();
        if (required && items.Count == 0) Fail($"le champ « {name} » doit contenir au moins une valeur");
        return items;
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Fail($"le champ « {name} » doit valoir true ou false");
        return null;
    }

    public int? NonNegativeInteger(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0) return n;
        Fail($"le champ « {name} » doit être un nombre entier positif ou nul");
        return null;
    }

    public decimal? NonNegativeDecimal(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d >= 0 && d < 10_000_000_000m) return d;
        Fail($"le champ « {name} » doit être un nombre positif ou nul");
        return null;
    }

    public DateTime? DateTime(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at))
            return at.UtcDateTime;
        Fail($"le champ « {name} » doit être une date ISO 8601 (par exemple 2026-03-01T09:00:00Z)");
        return null;
    }

    /// <summary>Latitude and longitude: both or neither, WGS84 ranges.</summary>
    public (double Latitude, double Longitude)? Coordinates()
    {
        var hasLat = TryGet("latitude", out var lat);
        var hasLon = TryGet("longitude", out var lon);
        if (!hasLat && !hasLon) return null;
        if (hasLat != hasLon)
        {
            Fail("« latitude » et « longitude » vont ensemble : donnez les deux ou aucune");
            return null;
        }
        if (lat.ValueKind != JsonValueKind.Number || lon.ValueKind != JsonValueKind.Number)
        {
            Fail("« latitude » et « longitude » doivent être des nombres");
            return null;
        }
        var (la, lo) = (lat.GetDouble(), lon.GetDouble());
        if (la is < -90 or > 90 || lo is < -180 or > 180)
        {
            Fail("« latitude » doit être entre -90 et 90 et « longitude » entre -180 et 180");
            return null;
        }
        return (la, lo);
    }

    public string? InseeCode(string name)
    {
        var code = String(name);
        if (code is null) return null;
        if (code.Length == 5 && code.All(c => char.IsAsciiDigit(c) || c is 'A' or 'B')) return code;
        Fail($"le champ « {name} » doit être un code INSEE de 5 caractères (par exemple 59350)");
        return null;
    }
}
