using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ElBasar.Web.Infrastructure.Data;

public static class Conversions
{
    /// <summary>Stores an enum as its lowercase name ("offer", "published"), the slug the API speaks.</summary>
    public static PropertyBuilder<T> HasSlugConversion<T>(this PropertyBuilder<T> property) where T : struct, Enum =>
        property.HasConversion(v => Slug.Of(v), v => Slug.Parse<T>(v));
}

public static class Slug
{
    public static string Of<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static T Parse<T>(string value) where T : struct, Enum => Enum.Parse<T>(value, ignoreCase: true);

    public static bool TryParse<T>(string? value, out T result) where T : struct, Enum
    {
        result = default;
        return value is { Length: > 0 } && !char.IsDigit(value[0]) && Enum.TryParse(value, ignoreCase: true, out result)
            && Enum.IsDefined(result);
    }
}

sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
