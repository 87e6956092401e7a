using System.Globalization;

namespace ElBasar.Web.Infrastructure.Web;

/// <summary>How dates, prices and counts read on screen: French, in Paris time.</summary>
public static class Display
{
    static readonly TimeZoneInfo Paris = FindParis();

    public static DateTime ToParis(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris);

    /// <summary>A Paris wall-clock time (a date typed in a form) as UTC.</summary>
    public static DateTime FromParis(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Paris);

    public static string Date(DateTime utc) => ToParis(utc).ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string IsoDate(DateTime utc) => ToParis(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Price(decimal price) =>
        price == decimal.Truncate(price)
            ? price.ToString("#,0 €", CultureInfo.CurrentCulture)
            : price.ToString("#,0.00 €", CultureInfo.CurrentCulture);

    public static string Count(int n, string one, string many) =>
        $"{n.ToString("N0", CultureInfo.CurrentCulture)} {(n is 0 or 1 ? one : many)}";

    static TimeZoneInfo FindParis()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
