namespace ElBasar.Web.Features.Lending;

/// <summary>
/// "Disponible du … au …" for search: the SQL condition that keeps only listings backed by a lending
/// item with at least one unit free on every day of the range and no day blocked. Lending owns its
/// tables; search only asks for this condition (provider-neutral SQL, dates as parameters).
/// </summary>
public static class LendingAvailability
{
    /// <param name="listingId">The SQL expression of the listing id in the caller's query.</param>
    /// <param name="from">The parameter name holding the first day.</param>
    /// <param name="to">The parameter name holding the last day.</param>
    public static string Condition(string listingId, string from, string to) =>
        $"{listingId} IN (SELECT li.listing_id FROM lending_items li " +
        $"WHERE NOT EXISTS (SELECT 1 FROM lending_blocks b WHERE b.item_id = li.id AND b.day BETWEEN {from} AND {to}) " +
        $"AND NOT EXISTS (SELECT 1 FROM lending_reservation_days d WHERE d.item_id = li.id AND d.day BETWEEN {from} AND {to} " +
        "GROUP BY d.day HAVING COUNT(*) >= li.quantity))";

    /// <summary>A day as the provider stores it: text <c>YYYY-MM-DD</c> on SQLite, a date on PostgreSQL.</summary>
    public static object Parameter(DateOnly day, bool sqlite) => sqlite ? ReservationCalendar.Iso(day) : day;
}
