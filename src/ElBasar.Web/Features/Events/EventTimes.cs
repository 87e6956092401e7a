namespace ElBasar.Web.Features.Events;

/// <summary>
/// Paris wall-clock times typed in forms, as UTC. Around the changes of time a typed time may not
/// exist (the last Sunday of March, 02:00 to 03:00) or happen twice (the last Sunday of October,
/// 02:00 to 03:00): the first is refused, the second read as the earlier, summer time.
/// </summary>
public static class EventTimes
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The UTC instant of a Paris wall-clock time, or null when that time does not exist in Paris.</summary>
    public static DateTime? FromParis(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Paris.IsInvalidTime(local)) return null;
        if (Paris.IsAmbiguousTime(local))
        {
            var summer = Paris.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - summer, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, Paris);
    }

    public static DateTime ToParis(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris);

    /// <summary>"jeudi 3 décembre 2026 à 18 h 30", in Paris time.</summary>
    public static string Long(DateTime utc)
    {
        var local = ToParis(utc);
        var french = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        return local.ToString("dddd d MMMM yyyy", french) + " à " + local.ToString("H' h 'mm", french);
    }

    public static string Hour(DateTime utc) => ToParis(utc).ToString("H' h 'mm", System.Globalization.CultureInfo.InvariantCulture);
}
